package org.attnflow.verify;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code validate}'s readable output: the set-up, one row per frame (every frame up to {@value #ALL_ROWS} frames;
 * beyond that every k-th frame so that about {@value #ALL_ROWS} rows are shown, plus every frame where a deviation or
 * invariant first exceeds the tolerance), the invariant findings and the verdict. Rows are printed as they are
 * computed. Each quantity has one name, the same in the columns, the findings and the reasons: deviation, reference
 * bound, norm drift (I1), one-step defect (I2), row scale |c-1| (I4).
 */
public final class ValidationTable implements ValidationListener {
    private static final int ALL_ROWS = 200;

    private final PrintWriter out;
    private long every = 1;
    private boolean failureShown;
    private boolean half;

    public ValidationTable(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(ValidationSetup s) {
        every = Math.max(1, (s.frames() + ALL_ROWS - 1) / ALL_ROWS);
        half = s.half() != null;
        out.printf(Locale.ROOT, "attnflow validate: %s (%s%s, %d frames of %d tokens in R^%d) against %s%n", s.trajectory(), s.storedAs(),
                "z".equals(s.coordinates()) ? ", rescaled z = e^{-tV}x" : "", s.frames(), s.n(), s.d(), s.scenario());
        String what = s.scheme().fixedStep() ? s.scheme().key() + " h = " + Format.g(s.step()) + " replayed by " + s.against()
                : "the exact flow, computed by " + s.against();
        out.printf(Locale.ROOT, "compared with: %s %s at %d digits (%s)%s, from their frame 0 (t = %s); times from %s%n", s.model(), what,
                s.digits(), s.digitsFrom(), s.arithmetic() == null ? "" : " in " + s.arithmetic() + " arithmetic", Format.g(s.firstTime()), s.timesFrom());
        out.printf(Locale.ROOT, "deviation: %s%s%n", s.metric().description(),
                s.radiusFrom() == null ? "" : ", or |r - r_ref|/max(1, r_ref) of the radii (from " + s.radiusFrom() + ") if larger");
        out.printf(Locale.ROOT, "tolerance: %s (%s)%s%n", s.tolerance().varies() ? s.tolerance().promise().formula() + ", " + Format.e(s.tolerance().first())
                + " at their first frame" : Format.e(s.tolerance().fixed()), s.tolerance().why(), every > 1 ? "; every " + every + "th frame shown (all in the JSON report)" : "");
        if (half) out.printf(Locale.ROOT, "the same run at h/2: %s (its deviation is half.dev; the observed order decides)%n", s.half());
        out.printf(Locale.ROOT, "%8s %10s %11s %11s %6s %11s %13s %13s %13s%s%n", "frame", "t", "max.dev", "mean.dev", "token", "ref.bound",
                "I1.norm-drift", "I4.row-scale", "I2.one-step", half ? String.format(Locale.ROOT, " %11s", "half.dev") : "");
        out.flush();
    }

    @Override
    public void frame(FrameCheck c) {
        boolean failing = !(c.maxDeviation() <= c.tolerance());
        boolean show = c.frame() % every == 0 || (failing && !failureShown);
        if (failing) failureShown = true;
        if (!show) return;
        out.printf(Locale.ROOT, "%8d %10s %11s %11s %6d %11s %13s %13s %13s%s%s%n", c.frame(), Format.g(c.t()), Format.e(c.maxDeviation()),
                Format.e(c.meanDeviation()), c.worstToken(), Format.e(c.referenceBound()), Format.e(c.normDrift()),
                Format.e(c.rowScale()), Format.e(c.oneStepDefect()), half ? String.format(Locale.ROOT, " %11s", Format.e(c.halfDeviation())) : "",
                failing ? "  beyond" : "");
        out.flush();
    }

    @Override
    public void finish(ValidationSummary s) {
        out.printf(Locale.ROOT, "max deviation %s at frame %d; first frame beyond tolerance: %s%n", Format.e(s.maxDeviation()),
                s.maxDeviationFrame(), s.firstFailingFrame() < 0 ? "none" : Long.toString(s.firstFailingFrame()));
        if (s.nonFinite() != null) out.println("non-finite: " + s.nonFinite().describe());
        if (s.order() != null) {
            out.printf(Locale.ROOT, "observed order: %s (largest deviation %s at h, %s at h/2)%n",
                    s.order().measurable() ? String.format(Locale.ROOT, "%.3f", s.order().order()) : "not measurable (at the rounding or reference level)",
                    Format.e(s.order().errors()[0]), Format.e(s.order().errors()[1]));
        }
        if (s.proved() != null) {
            out.println("proof: " + (s.proved() ? "the verdict rests on the proved boxes (proved upper bounds of every deviation"
                    + (s.firstFailingFrame() >= 0 ? ", and a proved lower bound beyond the tolerance" : " within the tolerance") + ")"
                    : "undecided at some frame: the boxes are too wide"));
        }
        for (InvariantFinding f : s.invariants()) {
            String what = !f.applicable() ? "not checked: " + f.note()
                    : f.found() ? f.detail()
                    : f.maxValue() > f.threshold() ? "no finding (the largest value " + Format.e(f.maxValue()) + " is beyond the tolerance, "
                            + "explained otherwise: see the reasons)"
                    : "ok (largest value " + Format.e(f.maxValue()) + ")";
            out.printf(Locale.ROOT, "%s %s: %s%n", f.invariant(), Validation.QUANTITY.get(f.invariant()), what);
        }
        out.printf(Locale.ROOT, "memory: %d frames held (O(n*d)); %.3g s%n", s.framesHeld(), s.seconds());
        out.println("verdict: " + s.verdict().key() + (s.reasons().isEmpty() ? "" : ": " + String.join("; ", s.reasons())));
        out.flush();
    }
}
