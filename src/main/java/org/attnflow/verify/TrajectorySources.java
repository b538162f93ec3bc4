package org.attnflow.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.attnflow.io.InputException;
import org.attnflow.io.InputFiles;

/** Opens another program's trajectory by its file name: {@code .npy} or {@code .csv}. */
public final class TrajectorySources {
    private TrajectorySources() {}

    /** The trajectory in {@code file}, checked against the scenario's n tokens in R^d. */
    public static TrajectorySource open(Path file, int n, int d) throws IOException {
        InputFiles.checkRegularFile(file, "trajectory");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) return new NpyTrajectorySource(file, n, d);
        if (name.endsWith(".csv")) return new CsvTrajectorySource(file, n, d);
        throw new InputException(file + ": unknown trajectory format: expected a .npy or .csv file");
    }
}
