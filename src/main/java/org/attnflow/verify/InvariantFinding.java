package org.attnflow.verify;

/**
 * What one invariant check (I1, I2 or I4) found on the checked trajectory: whether it applies, the largest value
 * it measured, and the first frame and token where that value exceeded its threshold (frame −1: nowhere).
 *
 * @param invariant    "I1", "I2" or "I4"
 * @param applicable   false when the check cannot be made on this input ({@link #note} says why)
 * @param note         what was measured, or why it was not
 * @param maxValue     the largest value measured (NaN when not applicable)
 * @param frame        first frame beyond the threshold, −1 if none
 * @param token        its token (0-based), −1 if none
 * @param value        the value there
 * @param threshold    the threshold it exceeded
 * @param detail       one line about the finding (empty if none)
 * @param explainedByLaterTokens I2 only: whether a step that reads every token (full mask) explains the defect,
 *                     null otherwise
 */
public record InvariantFinding(String invariant, boolean applicable, String note, double maxValue, long frame, int token,
                               double value, double threshold, String detail, Boolean explainedByLaterTokens) {

    public boolean found() { return frame >= 0; }

    static InvariantFinding notApplicable(String invariant, String why) {
        return new InvariantFinding(invariant, false, why, Double.NaN, -1, -1, Double.NaN, Double.NaN, "", null);
    }
}
