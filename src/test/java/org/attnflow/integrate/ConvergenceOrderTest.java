package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.attnflow.field.AttentionField;
import org.attnflow.model.Geometry;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Observed order of every method on the oracles O1–O4: the least-squares slope of log(error) against log(h)
 * over four step sizes (three halvings), the error being the max-norm distance to the oracle state over four
 * save times spread over the oracle's horizon (the max over times, so that a global error coefficient that
 * happens to cross zero at one time cannot fake a higher order). The save times are multiples of every h, so
 * no step is shortened. dopri5 is measured with its step held fixed. Expected: the nominal order ±0.3.
 */
class ConvergenceOrderTest {

    /**
     * An oracle with the coarsest step of each order class. The steps were chosen so that all four levels are in
     * the asymptotic range (local slopes steady) and the finest error stays above 1e-13 (rounding is ~1e-15 here).
     * Dormand–Prince's principal error coefficients are deliberately tiny, so its asymptotic range starts late
     * and ends early: its coarsest step is set per oracle.
     */
    record OrderCase(IndependentOracles.Case oracle, double firstOrderStep, double fourthOrderStep, double fifthOrderStep) {
        double coarsestStep(Method m) {
            return switch (m.order()) {
                case 1 -> firstOrderStep;
                case 4 -> fourthOrderStep;
                default -> fifthOrderStep;
            };
        }

        @Override
        public String toString() { return oracle.name(); }
    }

    static Stream<Arguments> cases() {
        List<OrderCase> oracles = List.of(
                new OrderCase(IndependentOracles.twoCausalTokens(0.5, 1.5, 3, 4, 11), 0.08, 0.2, 0.4),
                new OrderCase(IndependentOracles.equiangular(Normalization.SOFTMAX, 2, 3, 4, 4, 12), 0.08, 0.2, 0.2),
                new OrderCase(IndependentOracles.equiangular(Normalization.MEAN, 1, 3, 4, 2, 13), 0.04, 0.1, 0.1),
                new OrderCase(IndependentOracles.singleToken(Geometry.SPHERE, 3, 4, 14), 0.08, 0.1, 0.1),
                new OrderCase(IndependentOracles.singleToken(Geometry.EUCLIDEAN, 3, 1, 15), 0.02, 0.05, 0.05));
        List<Arguments> args = new ArrayList<>();
        for (Method m : TestModels.postLnMethods()) for (OrderCase c : oracles) args.add(Arguments.of(m, c));
        return args.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void observedOrderIsNominal(Method method, OrderCase orderCase) {
        IndependentOracles.Case oracle = orderCase.oracle();
        double end = oracle.horizon();
        int saves = 4;
        double[] times = new double[saves];
        double[][] exact = new double[saves][];
        for (int s = 0; s < saves; s++) {
            times[s] = end * (s + 1) / saves;
            exact[s] = oracle.exact(times[s]);
        }
        int levels = 4;
        double[] logH = new double[levels];
        double[] logErr = new double[levels];
        StringBuilder report = new StringBuilder();
        for (int l = 0; l < levels; l++) {
            double h = orderCase.coarsestStep(method) / (1 << l);
            AttentionField field = oracle.field();
            Integrator integrator = new FixedStepIntegrator(field, Integrators.fixedStep(method, field), h);
            Trajectory run = TestModels.run(integrator, field, oracle.start(), TimeGrid.of(times));
            double err = 0;
            for (int s = 0; s < saves; s++) err = Math.max(err, TestModels.maxAbsDiff(run.frame(s + 1), exact[s]));
            assertTrue(err > 1e-13, "error " + err + " at h " + h + " is at rounding level: not in the asymptotic range");
            logH[l] = Math.log(h);
            logErr[l] = Math.log(err);
            report.append(String.format(" h=%.5f err=%.3e", h, err));
        }
        double order = slope(logH, logErr);
        System.out.printf("ORDER %-16s %-40s %.3f%s%n", method.key(), oracle.name(), order, report);
        assertEquals(method.order(), order, 0.3, method.key() + " on " + oracle.name() + ":" + report);
    }

    /** Least-squares slope of y against x. */
    static double slope(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
