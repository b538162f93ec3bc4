package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.run.ScenarioRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The fixed-step schemes replayed at 50 digits against the double integrators running the same scheme: they
 * must agree to the double's rounding (~1e-13 over a dozen steps), including the shortened step that lands on a
 * save time that is not a multiple of h.
 */
class FixedStepReplayTest {
    private static final DecimalMatrix Q = TestScenarios.matrix(3, 3, "1", "0.2", "0", "-0.3", "1", "0.1", "0", "0.4", "0.9");
    private static final DecimalMatrix K = TestScenarios.matrix(3, 3, "0.8", "0", "0.3", "0.1", "1.1", "0", "0.2", "0", "1");
    private static final DecimalMatrix V = TestScenarios.matrix(3, 3, "1", "0.5", "0", "-0.5", "1", "0", "0", "0.2", "0.7");

    /**
     * Every replayable method on the sphere, full and causal, two of them in R^d, the paper's schemes (S1, S2, rk4)
     * under every normalisation scheme, and the public simulator's steps under theirs; with two heads and a schedule
     * switching inside a step interval.
     */
    static Stream<Arguments> replays() {
        List<Arguments> cases = new ArrayList<>();
        for (Method m : Method.replayableMethods()) {
            String scheme = m.publicScheme() == null ? "post" : m.publicScheme().key();
            String geometry = m == Method.Z_EULER ? "euclidean" : "sphere"; // z-euler steps R^d only
            cases.add(Arguments.of(m, geometry, "full", scheme, false));
            cases.add(Arguments.of(m, geometry, "causal", scheme, false));
        }
        cases.add(Arguments.of(Method.EULER_POSTLN, "euclidean", "full", "post", false));
        cases.add(Arguments.of(Method.RK4, "euclidean", "causal", "post", false));
        for (Method m : List.of(Method.EULER_POSTLN, Method.EULER_PROJECTED, Method.RK4)) {
            for (String scheme : List.of("pre", "peri", "ngpt", "mix", "ln-scaling")) cases.add(Arguments.of(m, "sphere", "causal", scheme, false));
            cases.add(Arguments.of(m, "sphere", "causal", "pre", true));
        }
        cases.add(Arguments.of(Method.PERI_PUBLIC, "sphere", "causal", "peri", true));
        return cases.stream();
    }

    /** The model of a replay case: Q, K, V above, β = 3, the scheme (α = 0.2, τ = 0.55); or two heads and a schedule. */
    static AttentionModel model(String geometry, String mask, String scheme, boolean headsAndSchedule) {
        AttentionModel model = TestScenarios.model(Geometry.fromKey(geometry), Mask.fromKey(mask), Normalization.SOFTMAX, "3", Q, K, V);
        if (headsAndSchedule) {
            org.attnflow.model.Head first = model.head();
            org.attnflow.model.Head second = new org.attnflow.model.Head(new java.math.BigDecimal("1.5"), K, Q, V.transpose());
            AttentionModel early = new AttentionModel(model.geometry(), model.mask(), model.normalization(), model.beta(), List.of(first, second),
                    org.attnflow.model.HeadCombine.MEAN, org.attnflow.model.LayerNorm.POST, null, null, List.of());
            AttentionModel late = new AttentionModel(model.geometry(), model.mask(), model.normalization(), model.beta(), List.of(second, first),
                    org.attnflow.model.HeadCombine.MEAN, org.attnflow.model.LayerNorm.POST, null, null, List.of());
            model = new AttentionModel(model.geometry(), model.mask(), model.normalization(), model.beta(), early.heads(), early.combine(),
                    org.attnflow.model.LayerNorm.POST, null, null, List.of(new AttentionModel.Piece(new java.math.BigDecimal("0.62"), early),
                    new AttentionModel.Piece(new java.math.BigDecimal("5"), late)));
        }
        org.attnflow.model.LayerNorm ln = org.attnflow.model.LayerNorm.fromKey(scheme);
        return model.withLayerNorm(ln, ln == org.attnflow.model.LayerNorm.NGPT ? new java.math.BigDecimal("0.2") : null,
                ln == org.attnflow.model.LayerNorm.MIX ? new java.math.BigDecimal("0.55") : null);
    }

    @ParameterizedTest(name = "{0} on {1}/{2}, {3}-LN, heads and schedule {4}")
    @MethodSource("replays")
    void agreesWithTheDoubleSchemeToItsRounding(Method method, String geometry, String mask, String scheme, boolean headsAndSchedule) {
        AttentionModel model = model(geometry, mask, scheme, headsAndSchedule);
        InitialCondition start = InitialCondition.generate(InitialKind.GAUSSIAN, 5, 3, 42L, 1.0);
        if (model.carriesRadius()) start = start.withRadius(List.of(new java.math.BigDecimal("1"), new java.math.BigDecimal("1.5"),
                new java.math.BigDecimal("0.8"), new java.math.BigDecimal("2"), new java.math.BigDecimal("1.25")));
        TimeGrid grid = TimeGrid.of(new double[]{0.3, 0.75, 1.25}); // 0.75 − 0.3 = 4.5 h: a shortened step
        Scenario scenario = TestScenarios.scenario(model, start, grid, TestScenarios.replay(method, 0.1, 50));
        var reference = TestScenarios.run(scenario);

        List<double[]> frames = new ArrayList<>();
        List<double[]> radii = new ArrayList<>();
        SolverSettings doubles = new SolverSettings(method, 0.1, 1e-8, 1e-10, null, FieldKind.SCALAR, 1);
        var stats = ScenarioRunner.run(TestScenarios.scenario(model, start, grid, doubles), new org.attnflow.integrate.FrameSink() {
            @Override
            public void frame(int i, double t, double[] x) { frames.add(x.clone()); }

            @Override
            public void frame(int i, double t, double[] x, double[] r) {
                frame(i, t, x);
                if (r != null) radii.add(r.clone());
            }
        }).statistics();

        assertEquals(stats.steps(), reference.result().steps(), "same number of steps");
        assertEquals(model.carriesRadius() ? frames.size() : 0, radii.size(), "radii with every frame of a scheme that carries them");
        for (int f = 0; f < frames.size(); f++) {
            double[] ref = reference.frames().get(f).toDoubleArray();
            double worst = 0;
            for (int k = 0; k < ref.length; k++) worst = Math.max(worst, Math.abs(ref[k] - frames.get(f)[k]));
            if (model.carriesRadius()) {
                double[] rr = reference.frames().get(f).radiusDoubles();
                for (int k = 0; k < rr.length; k++) worst = Math.max(worst, Math.abs(rr[k] - radii.get(f)[k]) / rr[k]);
            }
            assertTrue(worst < 1e-13, method + " frame " + f + ": double and 50-digit replay differ by " + worst);
            // and the 50-digit replay is itself accurate to its digits (the estimate compares it with 53 digits)
            assertTrue(reference.frames().get(f).errorEstimate().doubleValue() < 1e-45, "rounding estimate " + reference.frames().get(f).errorEstimateDecimal());
        }
    }

    /** I2 under a fixed-step replay: moving the last token leaves every digit of the earlier ones unchanged. */
    @Test
    void causalTokensDoNotDependOnLaterOnesToTheLastDigit() {
        AttentionModel model = TestScenarios.model(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "2", Q, K, V);
        var a = TestScenarios.matrix(4, 3, "1", "0", "0", "0.5", "0.5", "0.1", "-0.2", "1", "0.3", "0.3", "0.3", "0.9");
        var b = TestScenarios.matrix(4, 3, "1", "0", "0", "0.5", "0.5", "0.1", "-0.2", "1", "0.3", "-0.7", "0.1", "0.2");
        TimeGrid grid = TimeGrid.every(0.5, 0.25);
        var runA = TestScenarios.run(TestScenarios.scenario(model, InitialCondition.of(a), grid, TestScenarios.replay(Method.RK4, 0.05, 30)));
        var runB = TestScenarios.run(TestScenarios.scenario(model, InitialCondition.of(b), grid, TestScenarios.replay(Method.RK4, 0.05, 30)));
        for (int f = 0; f < grid.frames(); f++) {
            String[][] da = runA.frames().get(f).decimals(), db = runB.frames().get(f).decimals();
            for (int i = 0; i < 3; i++) {
                for (int c = 0; c < 3; c++) assertEquals(da[i][c], db[i][c], "frame " + f + " token " + i);
            }
            assertTrue(!da[3][0].equals(db[3][0]), "the moved token moved");
        }
    }

    /** A method that is not replayable cannot even be set up with digits, and the replay refuses it whoever asks. */
    @Test
    void refusesSchemesItDoesNotReplay() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "1", 2);
        ReferenceDynamics field = new ReferenceDynamics(model, WorkingPrecision.forDigits(20), 2, ReferenceField::new);
        int refused = 0;
        for (Method m : Method.values()) {
            if (m.replayable() || m == Method.REFERENCE || m == Method.ENCLOSURE) continue;
            var e = assertThrows(IllegalArgumentException.class, () -> TestScenarios.replay(m, 0.1, 20));
            assertTrue(e.getMessage().startsWith("solver.digits: method " + m.key() + " cannot run in arbitrary precision"), e.getMessage());
            var direct = assertThrows(IllegalArgumentException.class, () -> new FixedStepReplay(field, m, 0.1));
            assertTrue(direct.getMessage().contains(m.key()), direct.getMessage());
            refused++;
        }
        assertEquals(2, refused, "dopri5 and rkmk4 have no replay");
        var wrongScheme = assertThrows(IllegalArgumentException.class, () -> new FixedStepReplay(field, Method.PRE_PUBLIC, 0.1));
        assertTrue(wrongScheme.getMessage().contains("needs model.layer_norm pre"), wrongScheme.getMessage());
    }
}
