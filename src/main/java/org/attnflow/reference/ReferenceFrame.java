package org.attnflow.reference;

import org.apfloat.Apfloat;

/**
 * One saved state of a reference run.
 *
 * @param index         frame number (0 = the initial state)
 * @param time          the grid's save time (double, as the double solvers report it)
 * @param exactTime     the time the state belongs to, at working precision ({@link WorkingPrecision#ofTime})
 * @param tokens        the n×d state (on the sphere the directions θ), every digit the run carries; the caller may keep
 *                      it (it is not reused)
 * @param radius        the n radii of a normalisation scheme that carries them (spec/math.md §7.2), or null
 * @param errorEstimate estimate of max |y − exact| over the frame's coordinates and radii (see {@link ReferenceSolver})
 */
public record ReferenceFrame(int index, double time, Apfloat exactTime, Apfloat[][] tokens, Apfloat[] radius, Apfloat errorEstimate) {

    public int tokenCount() { return tokens.length; }

    public int dimension() { return tokens[0].length; }

    /** max_i |‖x_i‖ − 1| of this frame as a double (meaningful on the sphere; I1 at the run's precision). */
    public double maxNormDrift() { return NormInvariant.maxNormDrift(tokens); }

    /** Every entry as a full decimal string, row i = token i (CSV output must carry every digit). */
    public String[][] decimals() { return States.decimals(tokens); }

    /** The time as a plain decimal. */
    public String timeDecimal() { return exactTime.toString(true); }

    /** The error estimate as a decimal with its (few) meaningful digits. */
    public String errorEstimateDecimal() { return errorEstimate.precision(3).toString(false); }

    /** The nearest doubles of the radii, or null when the frame has none. */
    public double[] radiusDoubles() {
        if (radius == null) return null;
        double[] r = new double[radius.length];
        for (int i = 0; i < r.length; i++) r[i] = radius[i].doubleValue();
        return r;
    }

    /** Every digit of the radii, or null. */
    public String[] radiusDecimals() {
        if (radius == null) return null;
        String[] r = new String[radius.length];
        for (int i = 0; i < r.length; i++) r[i] = radius[i].toString(true);
        return r;
    }

    /** Row-major nearest doubles (token i at [i·d, i·d + d)), for analysis and comparison with double runs. */
    public double[] toDoubleArray() {
        int d = dimension();
        double[] x = new double[tokens.length * d];
        for (int i = 0; i < tokens.length; i++) {
            for (int c = 0; c < d; c++) x[i * d + c] = tokens[i][c].doubleValue();
        }
        return x;
    }
}
