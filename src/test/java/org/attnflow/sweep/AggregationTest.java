package org.attnflow.sweep;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AggregationTest {

    private static final String FIVE_SEEDS = SweepReaderTest.replace(SweepFixtures.SMALL, "\"seeds\": { \"from\": 11, \"count\": 3 }", "\"seeds\": { \"from\": 1, \"count\": 5 }");

    /** A result whose every value is {@code v}. */
    private static RunResult result(SweepSpec spec, int id, double v, boolean failed) {
        double[][] values = new double[spec.statistics().size()][spec.times().length];
        for (double[] row : values) java.util.Arrays.fill(row, failed ? Double.NaN : v);
        return new RunResult(spec.run(id), failed, failed ? "overflow, at t = 1" : "", 1, 0, 4, 0.01, values);
    }

    @Test
    void summariesOverTheSeedsOfAGroupLeaveFailedRunsOut() {
        SweepSpec spec = SweepReader.parse(FIVE_SEEDS, "t.json", null);
        // group 1 = runs 5..9: values 4, 1, (failed), 3, 2
        List<RunResult> g = new ArrayList<>(List.of(result(spec, 5, 4, false), result(spec, 6, 1, false), result(spec, 7, 0, true),
                result(spec, 8, 3, false), result(spec, 9, 2, false)));
        List<AggregateRow> rows = Aggregation.group(spec, 1, g);
        assertEquals(spec.statistics().size() * spec.times().length, rows.size());
        AggregateRow r = rows.get(0);
        assertEquals(new BigDecimal("4"), r.beta());
        assertEquals("identity", r.v());
        assertEquals(4, r.runs());
        assertEquals(1, r.failed());
        // by hand, on {1, 2, 3, 4}: mean 2.5, sd √(5/3), p10 = 1 + 0.1·3 = 1.3, p50 = 2.5, p90 = 3.7
        double[] expected = {2.5, Math.sqrt(5.0 / 3), 1.3, 2.5, 3.7};
        for (int a = 0; a < expected.length; a++) assertEquals(expected[a], r.value(a), 1e-15, spec.aggregates().get(a).key());
    }

    @Test
    void theTableDoesNotDependOnTheOrderInWhichRunsFinished() {
        SweepSpec spec = SweepReader.parse(FIVE_SEEDS, "t.json", null);
        Random rng = new Random(5);
        List<RunResult> all = new ArrayList<>();
        for (int id = 0; id < spec.runCount(); id++) all.add(result(spec, id, rng.nextDouble() * 1e6 + 1e-3 * rng.nextGaussian(), false));
        List<AggregateRow> inOrder = Aggregation.of(spec, all);
        for (int trial = 0; trial < 5; trial++) {
            Collections.shuffle(all, rng);
            List<AggregateRow> shuffled = Aggregation.of(spec, all);
            assertEquals(AggregateCsv.format(spec, inOrder), AggregateCsv.format(spec, shuffled));
        }
    }

    @Test
    void aGroupWithAMissingRunIsAnError() {
        SweepSpec spec = SweepReader.parse(FIVE_SEEDS, "t.json", null);
        assertThrows(IllegalStateException.class, () -> Aggregation.group(spec, 0, List.of(result(spec, 0, 1, false))));
    }

    @Test
    void aggregateNames() {
        assertEquals(0.975, Aggregate.of("p97.5").percentile(), 0);
        assertThrows(IllegalArgumentException.class, () -> Aggregate.of("p101"));
        assertThrows(IllegalArgumentException.class, () -> Aggregate.of("median"));
        assertEquals(Double.NaN, Aggregate.of("mean").apply(new double[0]));
    }
}
