package org.attnflow.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.EquiangularStart;
import org.attnflow.oracle.TwoCausalTokens;

/**
 * The measurement of issue 13 for the reference's error estimate: the reference at a digit count D on an oracle case,
 * every frame's true error against the oracle at {@link #ORACLE_DIGITS} digits, and the ratio estimate/true error
 * (a ratio below 1 is a violation: the estimate claimed more accuracy than the frame has).
 *
 * <p>The cases: O1 (two causal tokens, Q = K = V = I, start (1, 0), (0.6, 0.8); (1, 0), (0.96, 0.28) at β = 64) at β = 0.5,
 * 9 and 64 to t = 30, saved
 * every unit of time; O2 (the equiangular start, n = d = 6, softmax, β = 20) to t = 30, saved every unit. The full
 * sweep (D = 20..50 on all four) is {@link #main}, run by {@code proofs-notes/estimate-sweep.sh}; {@code
 * EstimateSoundnessTest} runs a sample of it in the suite.
 */
final class EstimateSweep {
    static final int ORACLE_DIGITS = 70;

    /** One oracle case: a scenario for every digit count, and the exact state at every frame. */
    record Case(String name, AttentionModel model, InitialCondition start, TimeGrid grid, List<Apfloat[]> exact) {
        /** The smallest ratio estimate/true error over the frames after the start, with the frame it was met at. */
        Result run(int digits) {
            long t0 = System.nanoTime();
            var run = TestScenarios.run(TestScenarios.scenario(model, start, grid, TestScenarios.reference(digits)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Result worst = null;
            Apfloat worstError = Apfloat.ZERO;
            for (int f = 1; f < run.frames().size(); f++) {
                ReferenceFrame frame = run.frames().get(f);
                Apfloat error = maxError(frame.tokens(), exact.get(f));
                worstError = ApfloatMath.max(worstError, error);
                double ratio = error.signum() == 0 ? Double.POSITIVE_INFINITY : frame.errorEstimate().divide(error.precision(10)).doubleValue();
                if (worst == null || ratio < worst.ratio) worst = new Result(name, digits, f, ratio, error, frame.errorEstimate(), seconds);
            }
            return new Result(worst.caseName, digits, worst.frame, worst.ratio, worstError, worst.estimate, seconds);
        }
    }

    /** The run's smallest ratio (at {@code frame}, whose estimate it is), its largest true error, its time. */
    record Result(String caseName, int digits, int frame, double ratio, Apfloat maxError, Apfloat estimate, double seconds) {
        String row() {
            return String.format("| %s | %d | %.3g | %d | %s | %s | %.1f |", caseName, digits, ratio, frame, maxError.precision(3).toString(true),
                    estimate.precision(3).toString(true), seconds);
        }
    }

    private EstimateSweep() {}

    static Case o1(String beta) {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, beta, 2);
        // at β = 64 the second token of (0.6, 0.8) hardly moves (its speed is about e^{β(cos φ − 1)} = e^{-25.6}): start
        // it at cos φ = 0.96, where β(1 − cos φ) = 2.56 and it moves within the run
        DecimalMatrix start = new BigDecimal(beta).compareTo(BigDecimal.TEN) > 0 ? TestScenarios.matrix(2, 2, "1", "0", "0.96", "0.28")
                : TestScenarios.matrix(2, 2, "1", "0", "0.6", "0.8");
        TimeGrid grid = TimeGrid.every(30, 1);
        TwoCausalTokens oracle = TwoCausalTokens.ofTokens(new BigDecimal(beta), start.toRows()[0], start.toRows()[1]);
        List<Apfloat[]> exact = new ArrayList<>();
        for (int f = 0; f < grid.frames(); f++) exact.add(oracle.stateAt(BigDecimal.valueOf(f), ORACLE_DIGITS));
        return new Case("O1 β=" + beta, model, InitialCondition.of(start), grid, exact);
    }

    static Case o2() {
        int n = 6;
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "20", n);
        TimeGrid grid = TimeGrid.every(30, 1);
        EquiangularStart oracle = new EquiangularStart(Normalization.SOFTMAX, n, new BigDecimal(20));
        List<Apfloat[]> exact = new ArrayList<>();
        for (int f = 0; f < grid.frames(); f++) exact.add(oracle.stateAt(BigDecimal.valueOf(f), ORACLE_DIGITS, n));
        return new Case("O2 n=6 β=20", model, InitialCondition.generate(InitialKind.ORTHONORMAL, n, n, null, 1), grid, exact);
    }

    static List<Case> cases() { return List.of(o1("0.5"), o1("9"), o1("64"), o2()); }

    static Apfloat maxError(Apfloat[][] tokens, Apfloat[] exact) {
        Apfloat error = Apfloat.ZERO;
        int d = tokens[0].length;
        for (int i = 0; i < tokens.length; i++) {
            // at more digits than either carries: Apfloat rounds a difference to the shorter operand's last digit
            for (int c = 0; c < d; c++) error = ApfloatMath.max(error, ApfloatMath.abs(tokens[i][c].precision(400).subtract(exact[i * d + c])));
        }
        return error;
    }

    /** Args: first and last digit count (default 20 50), optionally a case index (0..3) to run only that case. */
    public static void main(String[] args) {
        int from = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int to = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        List<Case> cases = cases();
        if (args.length > 2) cases = List.of(cases.get(Integer.parseInt(args[2])));
        System.out.println("| case | digits | min estimate/error | at frame | max true error | estimate there | seconds |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<String, Double> minimum = new LinkedHashMap<>();
        int violations = 0;
        for (Case c : cases) {
            for (int digits = from; digits <= to; digits++) {
                Result r = c.run(digits);
                System.out.println(r.row());
                minimum.merge(c.name(), r.ratio(), Math::min);
                if (r.ratio() < 1) violations++;
            }
        }
        System.out.println("minimum ratio per case: " + minimum + "; violations: " + violations);
    }
}
