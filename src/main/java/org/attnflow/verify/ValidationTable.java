package org.attnflow.verify;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code validate}'s readable output: the set-up, one row per frame (every frame up to {@value #ALL_ROWS} frames;
 * beyond that every k-th frame so that about {@value #ALL_ROWS} rows are shown, plus every frame where a deviation or
 * invariant first exceeds the tolerance), the invariant findings and the verdict. Rows are printed as they are
 * computed.
 */
public final class ValidationTable implements ValidationListener {
    private static final int ALL_ROWS = 200;

    private final PrintWriter out;
    private long every = 1;
    private double tolerance;
    private boolean failureShown;

    public ValidationTable(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(ValidationSetup s) {
        every = Math.max(1, (s.frames() + ALL_ROWS - 1) / ALL_ROWS);
        tolerance = s.tolerance();
        out.printf(Locale.ROOT, "attnflow validate: %s (%s, %d frames of %d tokens in R^%d) against %s%n", s.trajectory(), s.storedAs(), s.frames(),
                s.n(), s.d(), s.scenario());
        out.printf(Locale.ROOT, "compared with: %s%s at %d digits, from their frame 0 (t = %s); times from %s%n", s.model() + " ",
                s.scheme().fixedStep() ? s.scheme().key() + " h = " + Format.g(s.step()) + " replayed" : "the exact flow (reference ODE solver)",
                s.digits(), Format.g(s.firstTime()), s.timesFrom());
        out.printf(Locale.ROOT, "deviation: %s%s; tolerance %s%s%n", s.metric().description(),
                s.radiusFrom() == null ? "" : ", or |r - r_ref|/max(1, r_ref) of the radii (from " + s.radiusFrom() + ") if larger",
                Format.e(s.tolerance()), every > 1 ? "; every " + every + "th frame shown (all in the JSON report)" : "");
        out.printf(Locale.ROOT, "%8s %10s %11s %11s %6s %11s %11s %11s %11s%n", "frame", "t", "max.dev", "mean.dev", "token", "ref.error",
                "I1.drift", "I4.|c-1|", "I2.defect");
        out.flush();
    }

    @Override
    public void frame(FrameCheck c) {
        boolean failing = !(c.maxDeviation() <= tolerance);
        boolean show = c.frame() % every == 0 || (failing && !failureShown);
        if (failing) failureShown = true;
        if (!show) return;
        out.printf(Locale.ROOT, "%8d %10s %11s %11s %6d %11s %11s %11s %11s%s%n", c.frame(), Format.g(c.t()), Format.e(c.maxDeviation()),
                Format.e(c.meanDeviation()), c.worstToken(), Format.e(c.referenceError()), Format.e(c.normDrift()),
                Format.e(c.attentionScale()), Format.e(c.oneStepDefect()), failing ? "  beyond" : "");
        out.flush();
    }

    @Override
    public void finish(ValidationSummary s) {
        out.printf(Locale.ROOT, "max deviation %s at frame %d; first frame beyond tolerance: %s%n", Format.e(s.maxDeviation()),
                s.maxDeviationFrame(), s.firstFailingFrame() < 0 ? "none" : Long.toString(s.firstFailingFrame()));
        for (InvariantFinding f : s.invariants()) {
            String what = !f.applicable() ? "not checked: " + f.note()
                    : f.found() ? f.detail() : "ok (largest value " + Format.e(f.maxValue()) + ")";
            out.printf(Locale.ROOT, "%s: %s%n", f.invariant(), what);
        }
        out.printf(Locale.ROOT, "memory: %d frames held (O(n*d)); %.3g s%n", s.framesHeld(), s.seconds());
        out.println("verdict: " + s.verdict().key() + (s.reasons().isEmpty() ? "" : ": " + String.join("; ", s.reasons())));
        out.flush();
    }
}
