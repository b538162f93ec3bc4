package org.attnflow.analysis;

import org.hipparchus.special.Beta;

/**
 * The normalised surface measure σ(B_δ) of a geodesic ball (cap) of angular radius δ on S^{d−1}, which gives the
 * expected number of strong Rényi centres of i.i.d. uniform tokens: Σ_{k≥1} (1 − σ)^{k−1} = (1 − (1 − σ)^n)/σ
 * for n tokens, 1/σ as n → ∞ (spec/math.md C3: π/δ on the circle, 1/sin²(δ/2) on S²).
 */
public final class SphericalCap {
    /** Rényi's parking constant: the jamming density of random sequential adsorption on a line. */
    public static final double RENYI_PARKING_CONSTANT = 0.7475979202534114;

    private SphericalCap() {}

    /**
     * σ(B_δ) on S^{d−1}, d ≥ 2: for δ ≤ π/2 it is I_{sin²δ}((d−1)/2, 1/2)/2 (regularised incomplete beta), and
     * 1 − σ(B_{π−δ}) beyond.
     */
    public static double fraction(int d, double delta) {
        if (d < 2) throw new IllegalArgumentException("caps need d >= 2, got " + d);
        if (!(delta >= 0)) throw new IllegalArgumentException("cap radius must be >= 0, got " + delta);
        if (delta >= Math.PI) return 1;
        if (delta > Math.PI / 2) return 1 - fraction(d, Math.PI - delta);
        double s = Math.sin(delta);
        return 0.5 * Beta.regularizedBeta(s * s, (d - 1) / 2.0, 0.5);
    }

    /** Expected number of strong Rényi centres among n i.i.d. uniform tokens: (1 − (1 − σ)^n)/σ. */
    public static double expectedStrongCentres(int d, double delta, int n) {
        double p = fraction(d, delta);
        return -Math.expm1(n * Math.log1p(-p)) / p;
    }

    /**
     * The n → ∞ number of ordinary Rényi centres on the circle (d = 2): the parking constant times 2π/δ
     * (cars of length δ on a circle of length 2π; the first car leaves an interval of length 2π − δ whose
     * expected car count c·L + c − 1 makes the total c·2π/δ up to o(1)).
     */
    public static double expectedOrdinaryCentresOnCircle(double delta) { return RENYI_PARKING_CONSTANT * 2 * Math.PI / delta; }
}
