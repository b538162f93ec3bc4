package org.attnflow.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;

/** Scenario building for the reference tests. */
final class TestScenarios {
    private TestScenarios() {}

    static DecimalMatrix matrix(int rows, int cols, String... entries) {
        BigDecimal[] e = new BigDecimal[entries.length];
        for (int i = 0; i < e.length; i++) e[i] = new BigDecimal(entries[i]);
        return DecimalMatrix.of(rows, cols, e);
    }

    static AttentionModel model(Geometry g, Mask mask, Normalization norm, String beta, DecimalMatrix q, DecimalMatrix k, DecimalMatrix v) {
        return new AttentionModel(g, mask, norm, new BigDecimal(beta), q, k, v);
    }

    static AttentionModel identity(Geometry g, Mask mask, Normalization norm, String beta, int d) {
        DecimalMatrix id = DecimalMatrix.identity(d);
        return model(g, mask, norm, beta, id, id, id);
    }

    static SolverSettings reference(int digits) {
        return new SolverSettings(Method.REFERENCE, null, 1e-8, 1e-10, digits, FieldKind.AUTO, 0);
    }

    static SolverSettings replay(Method method, double step, int digits) {
        return new SolverSettings(method, step, 1e-8, 1e-10, digits, FieldKind.AUTO, 0);
    }

    static Scenario scenario(AttentionModel model, InitialCondition initial, TimeGrid grid, SolverSettings solver) {
        return new Scenario(model, initial, grid, solver);
    }

    /** The causal circle O6 of the mpmath benchmark: n = 4 at angles 0.3, 1.1, 2.0, 2.9 on the unit circle (60 digits). */
    static InitialCondition causalCircle() {
        String[] angles = {"0.3", "1.1", "2.0", "2.9"};
        BigDecimal[] points = new BigDecimal[8];
        for (int i = 0; i < 4; i++) {
            Apfloat phi = new Apfloat(angles[i], 60);
            points[2 * i] = new BigDecimal(ApfloatMath.cos(phi).toString(true));
            points[2 * i + 1] = new BigDecimal(ApfloatMath.sin(phi).toString(true));
        }
        return InitialCondition.of(DecimalMatrix.of(4, 2, points));
    }

    /** Runs the reference and keeps every frame. */
    static Run run(Scenario scenario) {
        List<ReferenceFrame> frames = new ArrayList<>();
        ReferenceResult result = ReferenceSolver.solve(scenario, frames::add);
        return new Run(frames, result);
    }

    record Run(List<ReferenceFrame> frames, ReferenceResult result) {}
}
