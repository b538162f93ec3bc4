package org.attnflow.analysis;

/**
 * A maximal run of frames over which a count stays constant.
 *
 * @param count      the constant value
 * @param start      time of the run's first frame
 * @param end        time of the run's last frame
 * @param firstFrame index of the first frame
 * @param lastFrame  index of the last frame
 */
public record Plateau(int count, double start, double end, int firstFrame, int lastFrame) {

    /** end − start: the time the count was observed to stay put (the true plateau may be up to one save interval longer). */
    public double duration() { return end - start; }
}
