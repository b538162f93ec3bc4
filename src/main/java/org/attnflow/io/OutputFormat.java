package org.attnflow.io;

import org.attnflow.model.Keys;

/** The trajectory file format of {@code simulate --format}: NumPy arrays or CSV text. */
public enum OutputFormat {
    /** trajectory.npy (float64 [frames, n, d]) and times.npy (float64 [frames]). */
    NPY,
    /** trajectory.csv: {@code t,token,x1,...,xd}, every digit. */
    CSV;

    public String key() { return Keys.of(this); }

    /** File name of an array called {@code name} in this format ("trajectory" → "trajectory.npy"). */
    public String fileName(String name) { return name + "." + key(); }
}
