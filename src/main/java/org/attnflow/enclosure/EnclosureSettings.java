package org.attnflow.enclosure;

import org.attnflow.model.Method;

/**
 * Settings of the validated integrator ({@link Enclosures}).
 *
 * @param digits        significant decimal digits of the interval arithmetic of the solution (10..1000)
 * @param order         Taylor order K of a step: the Lagrange remainder is h^K times the K-th coefficient over
 *                      the step's a priori enclosure (4..200)
 * @param jacobianOrder orders k &lt; jacobianOrder of the Taylor polynomial enter the mean-value (Lohner) form
 *                      through their Jacobian; the others are evaluated over the whole box (2..order)
 * @param qr            Lohner's QR coordinates against the wrapping effect; false keeps plain boxes in the
 *                      mean-value form (for comparison)
 * @param maxSteps      bound on the number of accepted steps (checked while running: a run that needs more fails)
 */
public record EnclosureSettings(int digits, int order, int jacobianOrder, boolean qr, long maxSteps) {

    /**
     * Defaults: 30 digits, order 30, Jacobian order 10, QR, at most 100,000 steps (boxes about 1e-25 wide on the
     * causal circle of proofs-notes/enclosure.md in 10 s of CPU).
     */
    public static final EnclosureSettings DEFAULT = new EnclosureSettings(Method.ENCLOSURE_DEFAULT_DIGITS, 30, 10, true, 100_000);

    public EnclosureSettings {
        String digitsWrong = Method.enclosureDigitsOutOfRange(digits);
        if (digitsWrong != null) throw new IllegalArgumentException(digitsWrong);
        if (order < 4 || order > 200) throw new IllegalArgumentException("enclosure order must lie in 4..200, got " + order);
        if (jacobianOrder < 2 || jacobianOrder > order) {
            throw new IllegalArgumentException("enclosure Jacobian order must lie in 2..order = " + order + ", got " + jacobianOrder);
        }
        if (maxSteps < 1) throw new IllegalArgumentException("enclosure maxSteps must be >= 1, got " + maxSteps);
    }

    /** The same settings at another number of digits. */
    public EnclosureSettings withDigits(int newDigits) { return new EnclosureSettings(newDigits, order, jacobianOrder, qr, maxSteps); }

    /** The same settings at another Taylor order. */
    public EnclosureSettings withOrder(int newOrder) {
        return new EnclosureSettings(digits, newOrder, Math.min(jacobianOrder, newOrder), qr, maxSteps);
    }

    /** The same settings with or without QR coordinates. */
    public EnclosureSettings withQr(boolean useQr) { return new EnclosureSettings(digits, order, jacobianOrder, useQr, maxSteps); }

    /** Digits of the arithmetic of Jacobians, a priori enclosures and remainders: only widths depend on them. */
    int auxiliaryDigits() { return Math.min(digits, 12); }
}
