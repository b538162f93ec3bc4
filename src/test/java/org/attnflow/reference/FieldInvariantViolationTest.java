package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * The field's runtime checks fire on planted faults, at the first step, naming the invariant, the step, the token and
 * the value: a mask off by one (I2: the leak that moved tokens 0–2 by 0.15–0.45 when only token 3 changed), a
 * read past the last token (I2), a kernel that applied another factor (I4: 1/Z dropped, or off by one part in 10^35),
 * a velocity pushed off the sphere by 10^-24 (I1).
 */
class FieldInvariantViolationTest {

    /** A mask that lets token k see token k + 1: the probe of the first evaluation finds token 2 reading token 3. */
    @Test
    void aMaskOffByOneStopsEveryMethodAtI2AtTheFirstStep() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "4", 2);
        for (Method method : List.of(Method.REFERENCE, Method.EULER_POSTLN, Method.RK4)) {
            SolverSettings solver = method == Method.REFERENCE ? TestScenarios.reference(20) : TestScenarios.replay(method, 0.1, 20);
            var scenario = TestScenarios.scenario(model, TestScenarios.causalCircle(), TimeGrid.every(0.2, 0.1), solver);
            InvariantViolation v = assertThrows(InvariantViolation.class, () -> ReferenceSolver.solve(scenario, frame -> { },
                    rowsOf((n, maskLength) -> Math.min(n, maskLength + 1))));
            assertStopped(v, "I2", 2, "changed when tokens 3..3 were replaced");
        }
    }

    /** A row one token longer than the mask's everywhere: the last token's would read past the n there are. */
    @Test
    void aReadPastTheLastTokenStopsTheRunAtI2() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "2", 2);
        InvariantViolation v = run(model, TestScenarios.replay(Method.RK4, 0.1, 20), rowsOf((n, maskLength) -> maskLength + 1));
        assertStopped(v, "I2", 2, "would read past the 3 tokens");
    }

    /** A kernel that drops 1/Z: the output is Σ_j w_j V x_j, the row of P it applies sums to Z. */
    @Test
    void aKernelWithoutOneOverZStopsTheReplayAtI4() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "2", 2);
        InvariantViolation v = run(model, TestScenarios.replay(Method.EULER_POSTLN, 0.1, 20), (m, n) -> new ReferenceField(m, n, new ReferenceField.Fault() {
            @Override
            public Apfloat kernelFactor(Apfloat factor, Apfloat[] out) { return applied(new Apfloat(1L), factor, out); }
        }));
        assertEquals("I4", v.invariant());
        assertEquals(1, v.step(), v.getMessage());
        // token 0 attends to itself only (Z = 1, so 1 is its right factor); token 1's Z = 1 + e^{s_10 − max} ∈ (1, 2]
        assertEquals(1, v.token(), v.getMessage());
        Apfloat rowSum = new Apfloat(v.value());
        assertTrue(rowSum.compareTo(new Apfloat(1L)) > 0 && rowSum.compareTo(new Apfloat(2L)) <= 0, v.value());
        assertTrue(v.getMessage().contains("step 1, token 1") && v.getMessage().contains(v.value()), v.getMessage());
    }

    /** A factor off by one part in 10^35 (the planted fault) is caught at the first step at 30 digits. */
    @Test
    void aFactorErrorOf1e35StopsTheExtrapolationAtI4AtTheFirstStep() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "2", 2);
        InvariantViolation v = run(model, TestScenarios.reference(30), (m, n) -> new ReferenceField(m, n, new ReferenceField.Fault() {
            @Override
            public Apfloat kernelFactor(Apfloat factor, Apfloat[] out) {
                return applied(factor.multiply(new Apfloat("1.00000000000000000000000000000000001", 80)), factor, out);
            }
        }));
        assertStopped(v, "I4", 0, "does not sum to 1");
        assertTrue(v.value().startsWith("1.0000000000000000000000000000000000"), v.value());
    }

    /** A velocity with a radial part of 10^-24, at 20 digits (below them): I1 on the velocity stops the first step. */
    @Test
    void aRadialPushOf1e24StopsTheFirstStepAtI1() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "2", 2);
        Apfloat push = new Apfloat("1e-24", 40);
        for (Method method : List.of(Method.REFERENCE, Method.RK4, Method.EULER_PROJECTED)) {
            SolverSettings solver = method == Method.REFERENCE ? TestScenarios.reference(20) : TestScenarios.replay(method, 0.1, 20);
            InvariantViolation v = run(model, solver, (m, n) -> new ReferenceField(m, n, new ReferenceField.Fault() {
                @Override
                public void velocity(Apfloat[][] x, Apfloat[][] velocity) {
                    for (int i = 0; i < x.length; i++) {
                        for (int c = 0; c < velocity[i].length; c++) velocity[i][c] = velocity[i][c].add(push.multiply(x[i][c]));
                    }
                }
            }));
            assertStopped(v, "I1", 0, "not tangent");
        }
    }

    /** Fields whose row length for a mask's {@code maskLength} over n tokens is {@code rows(n, maskLength)}. */
    static BiFunction<ReferenceModel, Integer, ReferenceField> rowsOf(java.util.function.IntBinaryOperator rows) {
        return (m, n) -> new ReferenceField(m, n, new ReferenceField.Fault() {
            @Override
            public int rowLength(int k, int maskLength) { return rows.applyAsInt(n, maskLength); }
        });
    }

    /** The run stopped at step 1 on {@code invariant}, naming {@code token}, with a message that says {@code what}. */
    private static void assertStopped(InvariantViolation v, String invariant, int token, String what) {
        assertEquals(invariant, v.invariant(), v.getMessage());
        assertEquals(1, v.step(), v.getMessage());
        assertEquals(token, v.token(), v.getMessage());
        assertTrue(v.getMessage().contains(what), v.getMessage());
    }

    /** What a kernel that applied {@code factor} instead of {@code kernelFactor} would have returned in {@code out}. */
    private static Apfloat applied(Apfloat factor, Apfloat kernelFactor, Apfloat[] out) {
        Apfloat ratio = factor.divide(kernelFactor);
        for (int c = 0; c < out.length; c++) out[c] = out[c].multiply(ratio);
        return factor;
    }

    private static InvariantViolation run(AttentionModel model, SolverSettings solver, BiFunction<ReferenceModel, Integer, ReferenceField> fields) {
        var start = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 3, 2, 4L, 1.0);
        var scenario = TestScenarios.scenario(model, start, TimeGrid.every(0.2, 0.1), solver);
        return assertThrows(InvariantViolation.class, () -> ReferenceSolver.solve(scenario, frame -> { }, fields));
    }
}
