package org.attnflow.oracle;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Solves F(w) = t to any precision for a decreasing function F whose values come from a quadrature: the time
 * an oracle's flow takes to reach the state labelled w. Three stages:
 * <ol>
 *   <li>a bracketed Newton (Newton with bisection whenever Newton leaves the bracket or stalls) at low
 *       precision, from a bracket the caller derives from bounds on F';</li>
 *   <li>Newton at doubling precisions up to the working precision (each step squares the error, so each
 *       precision is used once);</li>
 *   <li>a final evaluation whose Newton correction, plus F's error bound over |F'|, bounds the error of w:
 *       the self-check. The correction is applied; if the bound misses the request, more guard digits are
 *       taken, and after a few attempts the solve fails loudly.</li>
 * </ol>
 * F − t cancels about log10(|F|/|F'|) digits; the caller states them as {@code cancellationDigits}.
 */
final class NewtonInverse {
    private NewtonInverse() {}

    /** F(w), F'(w) and a bound on the absolute error of F(w) (quadrature and rounding). */
    record Evaluation(Apfloat value, Apfloat slope, Apfloat error) {}

    /** F at a given working precision. */
    interface Function {
        Evaluation at(Apfloat w, long precision);
    }

    private static final int ATTEMPTS = 3;

    /**
     * The w with F(w) = t, with an absolute error below 10^{-digits}, carried at a few more digits.
     *
     * @param wLo a point with F(wLo) ≥ t
     * @param wHi a point with F(wHi) ≤ t, wHi > wLo
     */
    static Apfloat solve(Function f, BigDecimal t, Apfloat wLo, Apfloat wHi, long digits, long cancellationDigits, String what) {
        long magnitude = Math.max(1, Math.max(wLo.scale(), wHi.scale()));
        long lost = cancellationDigits + magnitude;
        long coarse = Math.max(22 + lost, 2 * lost + 12);
        Apfloat w = bracketedNewton(f, t, wLo, wHi, coarse, lost);
        long guard = lost + 6;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long work = digits + guard;
            Deque<Long> ladder = new ArrayDeque<>();
            for (long p = work; p > coarse; p = p / 2 + lost + 4) ladder.push(p);
            for (long p : ladder) w = newtonStep(f, t, w, p).w;
            Step check = newtonStep(f, t, w, work);
            w = check.w;
            Apfloat bound = ApfloatMath.abs(check.correction).add(check.evaluation.error().divide(ApfloatMath.abs(check.evaluation.slope())));
            if (Apfloats.isBelow(bound, digits, Apfloat.ONE)) return w;
            guard += Math.max(10, bound.scale() + digits + 3);
        }
        throw new ArithmeticException(what + ": Newton could not certify " + digits + " digits for t = " + t.toPlainString());
    }

    private record Step(Apfloat w, Apfloat correction, Evaluation evaluation) {}

    private static Step newtonStep(Function f, BigDecimal t, Apfloat w, long p) {
        Apfloat wp = w.precision(p);
        Evaluation e = f.at(wp, p);
        Apfloat correction = e.value().subtract(Apfloats.of(t, p)).divide(e.slope());
        return new Step(wp.subtract(correction), correction, e);
    }

    /** Newton safeguarded by bisection, at precision p, to an absolute tolerance of 10^{-(p − lost − 4)}. */
    private static Apfloat bracketedNewton(Function f, BigDecimal t, Apfloat wLo, Apfloat wHi, long p, long lost) {
        Apfloat target = Apfloats.of(t, p);
        Apfloat lo = wLo.precision(p), hi = wHi.precision(p);
        Apfloat two = new Apfloat(2);
        Apfloat w = hi;
        Apfloat dxOld = hi.subtract(lo), dx = dxOld;
        long tolerance = p - lost - 4;
        for (int iteration = 0; iteration < 400; iteration++) {
            Evaluation e = f.at(w, p);
            Apfloat g = e.value().subtract(target);
            if (g.signum() == 0) return w;
            if (g.signum() > 0) lo = w; else hi = w; // F decreasing: F(w) > t puts the root to the right
            Apfloat step = g.divide(e.slope());
            Apfloat candidate = w.subtract(step);
            // Converged: the Newton step is below what this precision resolves (test before the bracket,
            // since a converged step may land on a bracket end by rounding).
            if (Apfloats.isBelow(step, tolerance, Apfloat.ONE)) return candidate;
            boolean outside = candidate.compareTo(lo) <= 0 || candidate.compareTo(hi) >= 0;
            boolean stalling = ApfloatMath.abs(g.multiply(two)).compareTo(ApfloatMath.abs(dxOld.multiply(e.slope()))) > 0;
            dxOld = dx;
            if (outside || stalling) {
                dx = hi.subtract(lo).divide(two);
                w = lo.add(dx);
                if (Apfloats.isBelow(dx, tolerance, Apfloat.ONE)) return w;
            } else {
                dx = step.negate();
                w = candidate;
            }
        }
        throw new ArithmeticException("bracketed Newton did not converge");
    }
}
