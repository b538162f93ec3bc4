package org.attnflow.cli;

import java.io.IOException;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.attnflow.io.InputException;
import org.attnflow.io.InputFiles;
import org.attnflow.io.JsonFields;
import org.attnflow.io.Resources;
import org.attnflow.verify.Finite;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;
import org.attnflow.io.RunDirectory;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;

/**
 * A {@code simulate} output read back for {@code analyze} and {@code plot}: the scenario as run (from run.json),
 * times.npy and trajectory.npy ([frames, n, d]), and radius.npy ([frames, n]) when the model's scheme carries radii
 * ({@code radii} is null otherwise). Every problem with the directory is an {@link InputException}.
 */
record SavedRun(Path directory, Scenario scenario, double[] times, double[][] frames, double[][] radii, int n, int d) {

    static SavedRun load(Path dir) {
        if (!Files.exists(dir)) throw new InputException("run directory not found: " + dir);
        if (!Files.isDirectory(dir)) throw new InputException("--run " + dir + " is a file; give a simulate output directory");
        Path record = dir.resolve(RunDirectory.MARKER);
        if (!Files.isRegularFile(record)) throw new InputException(dir + " has no " + RunDirectory.MARKER + ": not a simulate output");
        JsonNode root = new JsonFields(record.toString()).document(InputFiles.readText(record, "run record"), "run record", null);
        JsonNode scenarioNode = root.get("scenario");
        if (scenarioNode == null || !scenarioNode.isObject()) throw new InputException(record + " has no scenario object");
        Scenario scenario = ScenarioReader.parse(scenarioNode.toString(), record + " (scenario)").scenario();
        Path trajectory = dir.resolve("trajectory.npy"), timesFile = dir.resolve("times.npy");
        if (!Files.isRegularFile(trajectory)) {
            throw new InputException(dir + " has no trajectory.npy (analysis reads the npy format: simulate with --format npy)");
        }
        if (!Files.isRegularFile(timesFile)) throw new InputException(dir + " has no times.npy");
        try {
            double[] times = Npy.readAll(timesFile);
            for (int k = 0; k < times.length; k++) {
                if (!Double.isFinite(times[k])) throw new InputException(timesFile + ": the time of frame " + k + " is " + times[k]);
            }
            int n = scenario.tokens(), d = scenario.dimension();
            double[][] frames;
            try (NpyReader r = Npy.open(trajectory)) {
                long[] shape = r.shape();
                if (shape.length != 3 || shape[1] != n || shape[2] != d) {
                    throw new InputException(trajectory + " has shape " + java.util.Arrays.toString(shape) + ", expected [frames, " + n + ", " + d + "]");
                }
                if (shape[0] != times.length) throw new InputException(trajectory + " has " + shape[0] + " frames but times.npy has " + times.length);
                if (shape[0] < 1) throw new InputException(trajectory + " has no frames");
                Resources.requireHeap(8.0 * shape[0] * n * d, String.format(Locale.ROOT, "%s holds %d frames of %d tokens in R^%d, read whole",
                        trajectory, shape[0], n, d), "");
                frames = new double[(int) shape[0]][n * d];
                for (int k = 0; k < frames.length; k++) {
                    if (!r.readFrame(frames[k])) throw new InputException(trajectory + " ends early");
                    Finite.check(frames[k], d, k, trajectory.toString());
                }
            }
            double[][] radii = scenario.model().carriesRadius() ? radii(dir, times.length, n) : null;
            return new SavedRun(dir, scenario, times, frames, radii, n, d);
        } catch (IOException e) {
            throw new InputException("cannot read the trajectory in " + dir + ": " + e.getMessage());
        }
    }

    /** radius.npy, [frames, n], every entry finite and positive (the scheme's radii never reach 0: spec/math.md §7.2). */
    private static double[][] radii(Path dir, int frameCount, int n) throws IOException {
        Path file = dir.resolve(org.attnflow.run.TrajectoryOutput.RADIUS + ".npy");
        if (!Files.isRegularFile(file)) throw new InputException(dir + " has no radius.npy, which a run of this normalisation scheme writes");
        try (NpyReader r = Npy.open(file)) {
            long[] shape = r.shape();
            if (shape.length != 2 || shape[0] != frameCount || shape[1] != n) {
                throw new InputException(file + " has shape " + java.util.Arrays.toString(shape) + ", expected [" + frameCount + ", " + n + "]");
            }
            double[][] radii = new double[frameCount][n];
            for (int k = 0; k < frameCount; k++) {
                if (!r.readFrame(radii[k])) throw new InputException(file + " ends early");
                for (int i = 0; i < n; i++) {
                    if (!(radii[k][i] > 0) || !Double.isFinite(radii[k][i])) {
                        throw new InputException(file + ": frame " + k + ", token " + i + " has radius " + radii[k][i] + " (radii are finite and > 0)");
                    }
                }
            }
            return radii;
        }
    }
}
