package org.attnflow.enclosure;

import static org.attnflow.enclosure.Containment.assertEncloses;
import static org.attnflow.enclosure.Containment.assertNarrow;
import static org.attnflow.enclosure.Containment.decimals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.TwoCausalTokens;
import org.junit.jupiter.api.Test;

/**
 * The width goals of issue 13, each with containment of an independent solution at every saved time:
 * O1 (two causal tokens, Q = K = V = I, β = 9) to t = 10 with boxes at most 1e-20 wide, and the causal circle
 * (n = 5, d = 2, β = 4, Q = K = V = I, seeded uniform start) to T = 5 with boxes at most 1e-15 wide.
 * Run times and widths are measured by bench/enclosure/goals.sh (never timed here).
 */
class EnclosureGoalsTest {
    /** Settings of the O1 goal: 26 digits, order 30, Jacobian order 10. */
    static final EnclosureSettings O1_GOAL = new EnclosureSettings(26, 30, 10, true, 100_000);
    /** Settings of the causal circle goal: 22 digits, order 24, Jacobian order 8. */
    static final EnclosureSettings CIRCLE_GOAL = new EnclosureSettings(22, 24, 8, true, 100_000);

    @Test
    void twoCausalTokensAtBetaNineStayWithin1e20ToTimeTen() {
        BigDecimal[] x1 = {BigDecimal.ONE, BigDecimal.ZERO};
        BigDecimal[] x2 = {new BigDecimal("-0.4161468365471424"), new BigDecimal("0.9092974268256817")}; // angle ≈ 2
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 9, 2);
        TwoCausalTokens oracle = TwoCausalTokens.ofTokens(new BigDecimal(9), x1, x2);
        DecimalMatrix start = DecimalMatrix.of(2, 2, new BigDecimal[] {x1[0], x1[1], x2[0], x2[1]});
        List<EnclosureFrame> frames = Enclosures.solve(model, start, TimeGrid.every(10, 1), O1_GOAL);
        assertEquals(11, frames.size());
        for (EnclosureFrame f : frames) {
            assertEncloses(f, decimals(oracle.stateAt(Containment.time(f.time()), 32)), new BigDecimal("1E-30"), null, "O1 goal");
            assertNarrow(f, 1e-20, "O1 goal");
        }
    }

    @Test
    void causalCircleOfFiveTokensStaysWithin1e15ToTimeFive() {
        MpmathSolutions mp = MpmathSolutions.named("causal-circle-n5-beta4");
        InitialCondition start = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 5, 2, mp.seed(), 1.0);
        assertEquals(mp.start(), start.points(), "the stored mpmath solution starts from the seeded uniform start");
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 4, 2);
        assertEquals(mp.model().beta().compareTo(model.beta()), 0);
        List<EnclosureFrame> frames = Enclosures.solve(model, start.points(), TimeGrid.of(mp.timesAsDoubles()), CIRCLE_GOAL);
        assertEquals(mp.times().length + 1, frames.size());
        for (int f = 1; f < frames.size(); f++) {
            assertEncloses(frames.get(f), mp.solution()[f - 1], mp.errorBound(), null, "causal circle goal (mpmath odefun, angle form)");
        }
        for (EnclosureFrame f : frames) assertNarrow(f, 1e-15, "causal circle goal");
    }
}
