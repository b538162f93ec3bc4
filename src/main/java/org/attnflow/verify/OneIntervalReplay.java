package org.attnflow.verify;

import org.attnflow.model.Scenario;
import org.attnflow.model.TimeGrid;
import org.attnflow.reference.ReferenceSolver;

/**
 * One frame interval of a fixed-step scheme replayed at working precision from a checked frame: the per-token
 * distance between the checked next frame and the replay is the scheme's one-step defect of the data (I2 looks at
 * it token by token). The replay is {@link ReferenceSolver} run on the scenario restarted at the checked frame.
 */
final class OneIntervalReplay {
    private final Scenario scheme;
    private final TokenDistance metric;
    private final int d;

    /** @param scheme the scenario with the replay's solver settings (method, step, digits) */
    OneIntervalReplay(Scenario scheme, TokenDistance metric) {
        this.scheme = scheme;
        this.metric = metric;
        this.d = scheme.dimension();
    }

    /**
     * Per token, the distance of {@code after} (with radii {@code afterRadius}, or null) from one interval of length dt
     * replayed from {@code before} (radii {@code beforeRadius}) at time t0; radii enter as in {@link FrameDeviation}.
     */
    double[] defects(double[] before, double[] beforeRadius, double[] after, double[] afterRadius, double t0, double dt) {
        Scenario from = ScenarioVariants.startingAt(scheme, before, beforeRadius, TimeGrid.of(new double[] {dt}), t0);
        double[][] replayed = new double[2][];
        ReferenceSolver.solve(from, frame -> {
            if (frame.index() == 1) {
                replayed[0] = frame.toDoubleArray();
                replayed[1] = frame.radiusDoubles();
            }
        });
        int n = before.length / d;
        double[] defect = new double[n];
        for (int i = 0; i < n; i++) {
            defect[i] = metric.between(after, replayed[0], i, d);
            if (afterRadius != null && replayed[1] != null) defect[i] = Math.max(defect[i], TokenDistance.radial(afterRadius[i], replayed[1][i]));
        }
        return defect;
    }
}
