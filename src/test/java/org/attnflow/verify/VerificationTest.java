package org.attnflow.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.attnflow.integrate.SolverStatistics;
import org.attnflow.model.Method;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Verification} against double runs that keep or break their promise: a dopri5 run whose tolerance was
 * forced looser than the scenario claims, an "rk4" that is Euler, an "S1" that is S2.
 */
class VerificationTest {
    /** Digits of the reference in these tests: 10^-14 is far below every error they look at. */
    private static final int DIGITS = 14;

    /** The shipped peer scenario (M3, n = 8, d = 3, β = 4, listed points), shortened to t = 0.5. */
    private static Scenario peer;

    @BeforeAll
    static void read() {
        peer = DoubleRuns.until(ScenarioReader.read(Path.of("examples/peer-numpy/scenario.json")).scenario(), 0.5, 0.1);
    }

    @Test
    void dopri5KeepsItsPromiseAndARunWithALooserToleranceThanClaimedFails() {
        Scenario claimed = DoubleRuns.with(peer, Method.DOPRI5, null, 1e-10, 1e-12);
        VerifyReport honest = Verification.verify("peer", claimed, DIGITS, DoubleRuns::honest);
        assertEquals(Verdict.PASS, honest.verdict(), honest.reasons().toString());
        double[] promise = honest.promises();
        double[] distance = honest.distances();
        for (int f = 0; f < distance.length; f++) assertTrue(distance[f] <= promise[f], "frame " + f);
        assertTrue(honest.maxDistance() > 1e-14, "the comparison sees the double run's error, not nothing: " + honest.maxDistance());

        VerifyReport forced = Verification.verify("peer", claimed, DIGITS, DoubleRuns.withTolerances(1e-4, 1e-6));
        assertEquals(Verdict.FAIL, forced.verdict());
        assertTrue(forced.reasons().get(0).contains("beyond the promise"), forced.reasons().toString());
        assertTrue(forced.maxDistance() > 100 * honest.maxDistance(), "rtol 1e-4 is visibly worse: " + forced.maxDistance());
    }

    @Test
    void aRunOneThousandTimesLooserThanClaimedFails() {
        Scenario claimed = DoubleRuns.with(peer, Method.DOPRI5, null, 1e-10, 1e-12);
        VerifyReport honest = Verification.verify("peer", claimed, DIGITS, DoubleRuns::honest);
        assertEquals(Verdict.PASS, honest.verdict(), honest.reasons().toString());
        ToleranceProportionality p = honest.proportionality();
        assertTrue(p.measurable(), "the peer run's error is a visible fraction of its promise: " + p);
        assertTrue(p.drop() >= ToleranceProportionality.REQUIRED_DROP, "an honest dopri5 follows its tolerance: " + p);

        VerifyReport loose = Verification.verify("peer", claimed, DIGITS, DoubleRuns.looserBy(1000));
        assertEquals(Verdict.FAIL, loose.verdict(), "distance " + loose.maxDistance());
        assertTrue(loose.reasons().get(0).contains("beyond the promise"), loose.reasons().toString());
        assertTrue(loose.proportionality().holds(), "a consistently loosened dopri5 still follows its tolerance: only the promise catches it");
    }

    @Test
    void aRunThatIgnoresItsToleranceFailsTheProportionalityCheck() {
        // a dopri5 stuck at one tolerance whatever it is asked: inside the promise at the claim, but it does not follow it
        Scenario claimed = DoubleRuns.with(peer, Method.DOPRI5, null, 1e-8, 1e-10);
        VerifyReport stuck = Verification.verify("peer", claimed, DIGITS, DoubleRuns.withTolerances(1e-8, 1e-10));
        assertEquals(Verdict.FAIL, stuck.verdict());
        assertTrue(stuck.proportionality().measurable() && !stuck.proportionality().holds(), stuck.proportionality().toString());
        assertTrue(stuck.reasons().stream().anyMatch(r -> r.contains("does not follow its tolerance")), stuck.reasons().toString());
    }

    @Test
    void rk4ShowsOrder4AndAnRk4ThatIsEulerFails() {
        Scenario rk4 = DoubleRuns.with(peer, Method.RK4, 0.1, 1e-8, 1e-10);
        VerifyReport honest = Verification.verify("peer", rk4, DIGITS, DoubleRuns::honest);
        assertEquals(Verdict.PASS, honest.verdict(), honest.reasons().toString());
        ConvergenceOrder order = honest.order();
        assertTrue(order.measurable());
        assertEquals(Method.RK4.order(), order.order(), ConvergenceOrder.ORDER_TOLERANCE, Arrays.toString(order.errors()));
        assertTrue(honest.replayMaxDeviation() < 1e-13, "rk4 in double is the rk4 replay up to rounding: " + honest.replayMaxDeviation());

        // the known defect of public code (spec/math.md §2): a "RK4" whose stages collapse to Euler
        VerifyReport fake = Verification.verify("peer", rk4, DIGITS, DoubleRuns.withMethod(Method.EULER_PROJECTED));
        assertEquals(Verdict.FAIL, fake.verdict());
        assertEquals(1, fake.order().order(), ConvergenceOrder.ORDER_TOLERANCE, "Euler's order is observed: " + Arrays.toString(fake.order().errors()));
        assertTrue(fake.reasons().stream().anyMatch(r -> r.contains("not the nominal order 4")), fake.reasons().toString());
    }

    @Test
    void aFirstOrderSchemeOfTheRightOrderButNotTheClaimedSchemeFailsTheReplay() {
        Scenario s1 = DoubleRuns.with(peer, Method.EULER_POSTLN, 0.1, 1e-8, 1e-10);
        VerifyReport honest = Verification.verify("peer", s1, DIGITS, DoubleRuns::honest);
        assertEquals(Verdict.PASS, honest.verdict(), honest.reasons().toString());
        assertEquals(1, honest.order().order(), ConvergenceOrder.ORDER_TOLERANCE);
        assertTrue(honest.replayMaxDeviation() < 1e-13, "S1 in double is the S1 replay: " + honest.replayMaxDeviation());

        VerifyReport s2 = Verification.verify("peer", s1, DIGITS, DoubleRuns.withMethod(Method.EULER_PROJECTED));
        assertEquals(Verdict.FAIL, s2.verdict());
        assertEquals(1, s2.order().order(), ConvergenceOrder.ORDER_TOLERANCE, "S2 is first order too: the order alone cannot tell");
        assertTrue(s2.replayMaxDeviation() > 1e-6, "but it is not S1: " + s2.replayMaxDeviation());
        assertTrue(s2.reasons().stream().anyMatch(r -> r.contains("not that scheme up to rounding")), s2.reasons().toString());
    }

    /**
     * The verdict is a function of the measurements alone ({@link Verification#decide}): planted distances of an
     * rk4 run at h, h/2, h/4 that fall by 16 per halving pass; ones that fall by 2 (an order-1 scheme) fail with
     * the order named; a replay deviation beyond rounding fails with the scheme named.
     */
    @Test
    void theVerdictIsDecidedOnTheMeasurementsAlone() {
        Scenario rk4 = DoubleRuns.with(peer, Method.RK4, 0.1, 1e-8, 1e-10);
        assertEquals(Verdict.PASS, Verification.decide(planted(rk4, 16, 0)).verdict());
        VerifySummary firstOrder = Verification.decide(planted(rk4, 2, 0));
        assertEquals(Verdict.FAIL, firstOrder.verdict());
        assertEquals(1, firstOrder.order().order(), 1e-12);
        assertTrue(firstOrder.reasons().get(0).contains("not the nominal order 4 of rk4"), firstOrder.reasons().toString());
        VerifySummary notTheScheme = Verification.decide(planted(rk4, 16, 1e-6));
        assertEquals(Verdict.FAIL, notTheScheme.verdict());
        assertTrue(notTheScheme.reasons().get(0).contains("deviates from the rk4 scheme replayed at 14 digits by 1.000e-06"), notTheScheme.reasons().toString());
    }

    /** Measurements of a fixed-step run: frame errors 1e-4·t at h, divided by {@code fall} per halving; a replay deviation of {@code replay}. */
    private static VerifyMeasurements planted(Scenario s, double fall, double replay) {
        double[] times = s.time().times();
        double[][] distance = new double[3][times.length];
        List<VerifyMeasurements.DoubleRun> runs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            for (int f = 0; f < times.length; f++) distance[k][f] = 1e-4 * times[f] / Math.pow(fall, k);
            runs.add(new VerifyMeasurements.DoubleRun(ScenarioVariants.withStep(s, 0.1 / (1 << k)).solver(), new SolverStatistics(5L << k, 0, 20L << k, 0), 0));
        }
        double[] deviation = new double[times.length];
        Arrays.fill(deviation, 1, times.length, replay);
        double[] tiny = new double[times.length];
        Arrays.fill(tiny, 1e-30);
        VerifyMeasurements.Replay r = new VerifyMeasurements.Replay(new VerifyMeasurements.Timed(null, 0), deviation, tiny);
        return new VerifyMeasurements("planted", s, DIGITS, TokenDistance.of(s.model().geometry()), times, runs, distance,
                new int[3][times.length], tiny, new VerifyMeasurements.Timed(null, 0), r, null);
    }
}
