package org.attnflow.verify;

import org.attnflow.field.AttentionField;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;

/**
 * The model's field with one token's attention row changed: token i reads tokens 0..rowLength−1 (a look-ahead when
 * rowLength > i + 1, a row that drops its diagonal when rowLength = i), optionally without its own term in the sum.
 * Every other token is the model's own. The hypotheses {@code validate} tests when a token's one-step defect is
 * beyond the tolerance: which mask defect, if any, reproduces their step ({@link ScalarAttentionField#attendRow}).
 */
final class RowExtentField implements AttentionField {
    private final ScalarAttentionField field;
    private final int token;
    private final int rowLength;
    private final boolean withoutSelf;
    private final double[] row;

    RowExtentField(AttentionModel model, int n, int token, int rowLength, boolean withoutSelf) {
        this.field = new ScalarAttentionField(model, n);
        this.token = token;
        this.rowLength = rowLength;
        this.withoutSelf = withoutSelf;
        this.row = new double[model.dimension()];
    }

    @Override
    public AttentionModel model() { return field.model(); }

    @Override
    public int tokens() { return field.tokens(); }

    @Override
    public void attend(double[] x, double[] out) {
        field.attend(x, out);
        field.attendRow(x, token, rowLength, withoutSelf, row);
        System.arraycopy(row, 0, out, token * row.length, row.length);
    }
}
