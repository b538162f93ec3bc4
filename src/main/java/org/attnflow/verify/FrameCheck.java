package org.attnflow.verify;

/**
 * One frame of {@code validate}: how far the checked trajectory is from the reference at that frame, and what
 * the invariant checks measured there. NaN marks a quantity that does not apply (e.g. the norm drift in R^d, the
 * one-step defect of frame 0).
 *
 * @param frame          0-based frame index
 * @param t              the frame's time
 * @param maxDeviation   largest {@link TokenDistance} over the tokens
 * @param meanDeviation  mean over the tokens
 * @param worstToken     token of the largest deviation (0-based)
 * @param referenceError the reference's error bound at this frame, in the same distance
 * @param normDrift      max_i |‖x_i‖ − 1| of the checked frame (I1, sphere only)
 * @param attentionScale max_i |c_i − 1| of the inferred attention row scale (I4, Euler schemes only)
 * @param oneStepDefect  largest distance between the checked frame and one frame interval replayed from the checked
 *                       previous frame under the causal mask (I2, causal models and fixed-step schemes only)
 */
public record FrameCheck(long frame, double t, double maxDeviation, double meanDeviation, int worstToken, double referenceError,
                         double normDrift, double attentionScale, double oneStepDefect) {}
