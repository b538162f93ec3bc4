package org.attnflow.verify;

/**
 * What {@code validate} compares, decided before the first frame is read.
 *
 * @param scenario     the scenario file as named on the command line
 * @param trajectory   the checked file
 * @param storedAs     "float64", "float32" or "csv"
 * @param frames       frames in the file
 * @param n            tokens
 * @param d            dimension
 * @param model        the paper's model name (M1..M4)
 * @param scheme       what the frames are compared with
 * @param step         the replayed scheme's step h (NaN for the exact flow)
 * @param digits       the reference's decimal digits
 * @param digitsFrom   why that many ("--digits", or from the tolerance)
 * @param tolerance    the deviation (and invariant) tolerance, and why
 * @param metric       the distance the deviations are measured in
 * @param timesFrom    where the frame times came from: "--times FILE", "the CSV file", "the scenario's time grid"
 * @param firstTime    the time of the first checked frame (the replay starts there)
 * @param radiusFrom   where the radii of a scheme that carries them come from ("--radius FILE", or the stream x = rθ of
 *                     the trajectory); null without radii
 * @param against      what computes the frames compared with: the reference (an estimate of its error) or an enclosure
 *                     (proved boxes)
 * @param coordinates  "x", or "z" for a Euclidean file of the rescaled z = e^{−tV}x
 * @param half         the same run at h/2 ({@code --trajectory-half}), or null
 * @param arithmetic   the reference's arithmetic, "double-double" or "apfloat" ({@code ReferenceSolver.arithmetic}); null
 *                     when the frames are not compared with the reference
 * @param arithmeticFrom why that arithmetic (null with it)
 */
public record ValidationSetup(String scenario, String trajectory, String storedAs, long frames, int n, int d, String model,
                              ReplayScheme scheme, double step, int digits, String digitsFrom, Tolerance tolerance, TokenDistance metric,
                              String timesFrom, double firstTime, String radiusFrom, String against, String coordinates, String half,
                              String arithmetic, String arithmeticFrom) {}
