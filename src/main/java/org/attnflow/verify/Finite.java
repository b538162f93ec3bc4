package org.attnflow.verify;

import org.attnflow.io.InputException;

/** The check that a checked frame holds only finite numbers: a NaN or infinity is bad input, named by position. */
public final class Finite {
    private Finite() {}

    /** Bad input naming {@code where}, the frame, token and coordinate of the first non-finite entry of {@code x}. */
    public static void check(double[] x, int d, long frame, String where) {
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k])) {
                throw new InputException(where + ": frame " + frame + ", token " + k / d + ", coordinate " + k % d + " is " + x[k]);
            }
        }
    }
}
