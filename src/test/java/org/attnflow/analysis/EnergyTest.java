package org.attnflow.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

class EnergyTest {

    @Test
    void matchesTheDirectSumAndSurvivesHugeBeta() {
        double[] x = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 6, 3, 5L, 1).toDoubleArray();
        double beta = 2.5, direct = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double p = 0;
                for (int c = 0; c < 3; c++) p += x[i * 3 + c] * x[j * 3 + c];
                direct += Math.exp(beta * p);
            }
        }
        direct /= 2 * beta * 36;
        assertEquals(direct, Energy.energy(x, 3, beta), 1e-13 * direct);
        // one cluster: E = e^β/(2β) exactly, far beyond double's exponent range
        double[] same = {0, 1, 0, 0, 1, 0};
        assertEquals(1e4 - Math.log(2e4), Energy.logEnergy(same, 3, 1e4), 1e-10);
    }

    @Test
    void isNonDecreasingAlongM1AndM2() {
        for (Normalization norm : Normalization.values()) {
            // "none" (Z = 1) moves e^4 n times faster than softmax: RK4 at h = 0.01 is unstable there
            if (norm == Normalization.NONE) continue;
            AttentionModel m = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, norm, 4, 3);
            double[] x0 = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 10, 3, 21L, 1).toDoubleArray();
            // the project's RK4 (retracted after each step), h = 0.01, frames every 0.2 up to t = 4
            TrajectoryRecorder rec = new TrajectoryRecorder(10, 3);
            Integrators.create(new SolverSettings(Method.RK4, 0.01, SolverSettings.DEFAULT_RTOL, SolverSettings.DEFAULT_ATOL, null, FieldKind.SCALAR, 1),
                    new ScalarAttentionField(m, 10)).integrate(x0, TimeGrid.every(4, 0.2), rec);
            double[][] frames = rec.trajectory().frames();
            for (int f = 1; f < frames.length; f++) {
                double before = Energy.logEnergy(frames[f - 1], 3, 4), after = Energy.logEnergy(frames[f], 3, 4);
                assertTrue(after >= before - 1e-12, norm + ": energy fell at frame " + f + ": " + before + " -> " + after);
            }
            assertTrue(Energy.logEnergy(frames[frames.length - 1], 3, 4) > Energy.logEnergy(frames[0], 3, 4));
        }
    }
}
