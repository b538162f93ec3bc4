package org.attnflow.verify;

/**
 * One frame of {@code validate}: how far the checked trajectory is from the reference at that frame, and what
 * the invariant checks measured there. NaN marks a quantity that does not apply (e.g. the norm drift in R^d, the
 * one-step defect of frame 0).
 *
 * @param frame          0-based frame index
 * @param t              the frame's time
 * @param maxDeviation   largest {@link TokenDistance} over the tokens (against proved boxes: its proved upper bound)
 * @param meanDeviation  mean over the tokens
 * @param worstToken     token of the largest deviation (0-based)
 * @param referenceBound the reference's error bound at this frame, in the same distance (boxes: their size)
 * @param normDrift      max_i |‖x_i‖ − 1| of the checked frame (I1, sphere only)
 * @param rowScale       max_i |c_i − 1| of the inferred attention row scale (I4, Euler schemes only)
 * @param oneStepDefect  largest distance between the checked frame and one frame interval replayed from the checked
 *                       previous frame under the causal mask (I2, causal models and fixed-step schemes only)
 * @param tolerance      the tolerance at this frame
 * @param halfDeviation  largest deviation of the same frame of the run at h/2 ({@code --trajectory-half}), NaN without
 * @param lowerBound     against proved boxes: the proved lower bound of the largest deviation (NaN otherwise)
 */
public record FrameCheck(long frame, double t, double maxDeviation, double meanDeviation, int worstToken, double referenceBound,
                         double normDrift, double rowScale, double oneStepDefect, double tolerance, double halfDeviation, double lowerBound) {}
