package org.attnflow.integrate;

/**
 * The exponential map of the unit sphere and the inverse of its differential, per token, the chart of
 * {@link Rkmk4}. For a unit x and a tangent u ⊥ x with r = ‖u‖, e = u/r:
 * <pre>
 *   Exp_x(u) = cos r · x + sin r · e,
 *   dExp_x|_u (a e + w) = a t + (sin r / r) w          (t = −sin r · x + cos r · e, w ⊥ x, e),
 *   (dExp_x|_u)^{-1} g  = ⟨g, t⟩ e + (r / sin r)(g − ⟨g, x⟩x − ⟨g, e⟩e)   for g ∈ T_{Exp_x(u)}S.
 * </pre>
 * The first term is the radial direction (speed 1 along the geodesic), the second the Jacobi-field stretch
 * sin r / r of directions orthogonal to the geodesic. Written without e (which is undefined at r = 0):
 * <pre>
 *   (dExp)^{-1} g = c(r)(g − ⟨g, x⟩x) − [sinc(r)⟨g, x⟩ + a(r)⟨g, u⟩] u,
 *   sinc = sin r / r,  c = r / sin r,  a = (c − cos r) / r²,
 * </pre>
 * smooth in u, with Taylor series for small r. The inverse annihilates the normal direction Exp_x(u), so g
 * need not be projected first, and its result is tangent at x. The chart is valid for r &lt; π.
 */
final class SphereExponential {
    private SphereExponential() {}

    /** Below this r the coefficient functions use their Taylor series (error below 1e-20 relative). */
    private static final double SERIES_RADIUS = 1e-2;

    /** out_i = Exp_{x_i}(u_i) for the first n tokens; out must alias neither x nor u. */
    static void exp(double[] x, double[] u, double[] out, int n, int d) {
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double r2 = 0;
            for (int c = 0; c < d; c++) r2 += u[o + c] * u[o + c];
            double r = Math.sqrt(r2);
            double cos = Math.cos(r);
            double sinc = sinc(r, r2);
            for (int c = 0; c < d; c++) out[o + c] = cos * x[o + c] + sinc * u[o + c];
        }
    }

    /** g_i ← (dExp_{x_i}|_{u_i})^{-1} g_i for the first n tokens, in place. */
    static void dexpInverse(double[] x, double[] u, double[] g, int n, int d) {
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double r2 = 0, gx = 0, gu = 0;
            for (int c = 0; c < d; c++) {
                r2 += u[o + c] * u[o + c];
                gx += g[o + c] * x[o + c];
                gu += g[o + c] * u[o + c];
            }
            double r = Math.sqrt(r2);
            if (!(r < Math.PI)) {
                throw new ArithmeticException("rkmk4: a stage moves token " + i + " by the angle " + r
                        + " >= pi, beyond the exponential chart; use a smaller step");
            }
            double sinc = sinc(r, r2);
            double c;
            double a;
            if (r < SERIES_RADIUS) {
                c = 1 + r2 * (1.0 / 6 + r2 * (7.0 / 360 + r2 * (31.0 / 15120)));
                a = 2.0 / 3 + r2 * (-1.0 / 45 + r2 * (13.0 / 3780 + r2 * (1.0 / 5400)));
            } else {
                c = r / Math.sin(r);
                a = (c - Math.cos(r)) / r2;
            }
            double ucoef = sinc * gx + a * gu;
            for (int k = 0; k < d; k++) g[o + k] = c * (g[o + k] - gx * x[o + k]) - ucoef * u[o + k];
        }
    }

    private static double sinc(double r, double r2) {
        return r < SERIES_RADIUS ? 1 - r2 * (1.0 / 6 - r2 * (1.0 / 120 - r2 * (1.0 / 5040))) : Math.sin(r) / r;
    }
}
