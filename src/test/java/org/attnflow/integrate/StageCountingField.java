package org.attnflow.integrate;

import java.util.ArrayList;
import java.util.List;
import org.attnflow.field.AttentionField;
import org.attnflow.model.AttentionModel;

/** A field that records a copy of every state it is evaluated at, to see what a method's stages really are. */
final class StageCountingField implements AttentionField {
    private final AttentionField inner;
    final List<double[]> states = new ArrayList<>();

    StageCountingField(AttentionField inner) { this.inner = inner; }

    @Override public AttentionModel model() { return inner.model(); }

    @Override public int tokens() { return inner.tokens(); }

    @Override
    public void attend(double[] x, double[] out) {
        states.add(x.clone());
        inner.attend(x, out);
    }

    /** Number of pairwise different states evaluated. */
    int distinctStates() {
        int count = 0;
        for (int a = 0; a < states.size(); a++) {
            boolean seen = false;
            for (int b = 0; b < a && !seen; b++) seen = java.util.Arrays.equals(states.get(a), states.get(b));
            if (!seen) count++;
        }
        return count;
    }
}
