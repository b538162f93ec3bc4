package org.attnflow.verify;

import java.util.List;

/**
 * The outcome of {@code validate}.
 *
 * @param verdict           pass when every frame's deviation and every invariant value stays within the tolerance
 * @param reasons           one line per reason for a fail
 * @param maxDeviation      the largest deviation over all frames and tokens
 * @param maxDeviationFrame where it occurs
 * @param firstFailingFrame the first frame whose deviation exceeds the tolerance, −1 if none
 * @param maxReferenceBound the reference's largest error bound (boxes: their largest size)
 * @param invariants        the I1, I2 and I4 findings, in that order
 * @param framesHeld        how many frame buffers validation used (2: the previous and the current frame)
 * @param seconds           wall time
 * @param tolerance         the tolerance used, and why
 * @param nonFinite         their first NaN or infinity (frames after it are not compared), or null
 * @param order             the observed order from {@code --trajectory-half}, or null
 * @param proved            against proved boxes: true when the verdict rests on the proof alone (every frame's upper
 *                          bound within the tolerance, or a lower bound beyond it); null when compared with an estimate
 * @param framesChecked     frames compared (all of them, or those before their first non-finite value)
 */
public record ValidationSummary(Verdict verdict, List<String> reasons, double maxDeviation, long maxDeviationFrame, long firstFailingFrame,
                                double maxReferenceBound, List<InvariantFinding> invariants, int framesHeld, double seconds,
                                Tolerance tolerance, NonFinite nonFinite, ConvergenceOrder order, Boolean proved, long framesChecked) {

    public ValidationSummary {
        reasons = List.copyOf(reasons);
        invariants = List.copyOf(invariants);
    }

    /** The finding of invariant {@code name} ("I1", "I2", "I4"). */
    public InvariantFinding invariant(String name) {
        return invariants.stream().filter(f -> f.invariant().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The first NaN or infinity of their trajectory (or radius file): where their run broke down.
     *
     * @param file       the file it is in
     */
    public record NonFinite(String file, long frame, double t, int token, int coordinate, double value) {
        /** One line for reasons and tables. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "their frame %d (t = %s), token %d, coordinate %d is %s in %s: their run broke down there "
                    + "(the first non-finite value; later frames are not compared)", frame, Format.g(t), token, coordinate, value, file);
        }
    }
}
