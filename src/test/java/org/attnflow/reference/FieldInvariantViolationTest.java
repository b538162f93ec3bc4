package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;

import org.apfloat.Apfloat;
import org.attnflow.model.AttentionModel;
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
 * The field's runtime checks fire: a field with a fault injected (a factor other than 1/Z, a read of a later
 * token) stops the run with an {@link InvariantViolation} naming the invariant, the step, the token and the value.
 */
class FieldInvariantViolationTest {

    /** A kernel that drops 1/Z: the output is Σ_j w_j V x_j, the row of P it applies sums to Z. */
    @Test
    void aFactorOtherThanOneOverZStopsTheReplayAtI4() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "2", 2);
        InvariantViolation v = run(model, TestScenarios.replay(Method.EULER_POSTLN, 0.1, 20), (m, n) -> new ReferenceField(m, n, new ReferenceField.Fault() {
            @Override
            public Apfloat factor(Apfloat kernelFactor) { return new Apfloat(1L); }
        }));
        assertEquals("I4", v.invariant());
        assertEquals(1, v.step(), v.getMessage());
        // token 0 attends to itself only (Z = 1, so 1 is its right factor); token 1's Z = 1 + e^{s_10 − max} ∈ (1, 2]
        assertEquals(1, v.token(), v.getMessage());
        Apfloat rowSum = new Apfloat(v.value());
        assertTrue(rowSum.compareTo(new Apfloat(1L)) > 0 && rowSum.compareTo(new Apfloat(2L)) <= 0, v.value());
        assertTrue(v.getMessage().contains("step 1, token 1") && v.getMessage().contains(v.value()), v.getMessage());
    }

    /** A factor off by one part in 10^12, far below double resolution of most checks, is caught at 20 digits. */
    @Test
    void aSlightlyWrongFactorStopsTheExtrapolationAtI4() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "2", 2);
        Apfloat error = new Apfloat("1.000000000001", 40);
        InvariantViolation v = run(model, TestScenarios.reference(20), (m, n) -> new ReferenceField(m, n, new ReferenceField.Fault() {
            @Override
            public Apfloat factor(Apfloat kernelFactor) { return kernelFactor.multiply(error); }
        }));
        assertEquals("I4", v.invariant());
        assertEquals(1, v.step(), v.getMessage());
        assertEquals(0, v.token(), v.getMessage());
        assertTrue(v.value().startsWith("1.000000000000999") || v.value().startsWith("1.000000000001"), v.value());
    }

    /** A score loop that reads one key too many: under the causal mask that key is a later token's. */
    @Test
    void aReadOfALaterTokenStopsTheRunAtI2() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "2", 2);
        InvariantViolation v = run(model, TestScenarios.replay(Method.RK4, 0.1, 20), (m, n) -> new ReferenceField(m, n, new ReferenceField.Fault() {
            @Override
            public int keysRead(int len) { return len + 1; }
        }));
        assertEquals("I2", v.invariant());
        assertEquals(1, v.step(), v.getMessage());
        assertEquals(0, v.token(), v.getMessage());
        assertTrue(v.value().startsWith("a read past the 1 rows it may see"), v.value());
        assertTrue(v.getMessage().contains("step 1, token 0"), v.getMessage());
    }

    private static InvariantViolation run(AttentionModel model, SolverSettings solver, BiFunction<ReferenceModel, Integer, ReferenceField> fields) {
        var start = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 3, 2, 4L, 1.0);
        var scenario = TestScenarios.scenario(model, start, TimeGrid.every(0.2, 0.1), solver);
        return assertThrows(InvariantViolation.class, () -> ReferenceSolver.solve(scenario, frame -> { }, fields));
    }
}
