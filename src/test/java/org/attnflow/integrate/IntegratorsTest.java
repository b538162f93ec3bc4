package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnflow.field.AttentionField;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.junit.jupiter.api.Test;

/** The factory and the method names. */
class IntegratorsTest {
    static final AttentionField FIELD = TestModels.field(TestModels.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 2), 2);

    @Test
    void methodKeysAreTheScenarioNames() {
        assertEquals("euler-postln", Method.EULER_POSTLN.key());
        assertEquals("euler-projected", Method.EULER_PROJECTED.key());
        assertEquals("rk4", Method.RK4.key());
        assertEquals("dopri5", Method.DOPRI5.key());
        assertEquals("rkmk4", Method.RKMK4.key());
        assertEquals("reference", Method.REFERENCE.key());
        for (Method m : Method.values()) assertEquals(m, Method.fromKey(m.key()));
        assertFalse(Method.DOPRI5.fixedStep());
    }

    @Test
    void createsTheRequestedIntegrator() {
        for (Method m : TestModels.postLnMethods()) {
            Integrator i = Integrators.create(TestModels.settings(m, 0.1, 1e-8, 1e-10), FIELD);
            if (m.fixedStep()) {
                FixedStepIntegrator f = assertInstanceOf(FixedStepIntegrator.class, i);
                assertEquals(m, f.method().method());
                assertEquals(0.1, f.step());
            } else {
                assertInstanceOf(Dopri5Integrator.class, i);
            }
            assertEquals(m, Integrators.fixedStep(m, FIELD).method());
        }
        // dopri5 chooses its own first step when none is given
        assertInstanceOf(Dopri5Integrator.class, Integrators.create(TestModels.settings(Method.DOPRI5, null, 1e-8, 1e-10), FIELD));
    }

    @Test
    void badSettingsGiveOneLineMessages() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Method.fromKey("rk45"));
        assertTrue(unknown.getMessage().contains("euler-postln|euler-projected|rk4|dopri5|rkmk4|pre-public|peri-public|ngpt-public|z-euler|reference|enclosure"), unknown.getMessage());
        IllegalArgumentException noStep = assertThrows(IllegalArgumentException.class, () -> TestModels.settings(Method.RK4, null, 1e-8, 1e-10));
        assertTrue(noStep.getMessage().contains("solver.step: is required by the fixed-step method rk4"), noStep.getMessage());
        IllegalArgumentException reference = assertThrows(IllegalArgumentException.class,
                () -> Integrators.create(new SolverSettings(Method.REFERENCE, null, 1e-8, 1e-10, 50, FieldKind.AUTO, 1), FIELD));
        assertTrue(reference.getMessage().contains("reference"), reference.getMessage());
        IllegalArgumentException digits = assertThrows(IllegalArgumentException.class,
                () -> Integrators.create(new SolverSettings(Method.RK4, 0.1, 1e-8, 1e-10, 40, FieldKind.AUTO, 1), FIELD));
        assertTrue(digits.getMessage().contains("solver.digits"), digits.getMessage());
        for (IllegalArgumentException e : new IllegalArgumentException[] {unknown, noStep, reference, digits}) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
