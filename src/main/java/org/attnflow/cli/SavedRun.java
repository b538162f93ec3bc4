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
            double[][] frames = readFrames(trajectory, times.length, new long[] {n, d},
                    (k, frame) -> Finite.check(frame, d, k, trajectory.toString()));
            double[][] radii = null;
            if (scenario.model().carriesRadius()) {
                Path file = dir.resolve(org.attnflow.run.TrajectoryOutput.RADIUS + ".npy");
                if (!Files.isRegularFile(file)) throw new InputException(dir + " has no radius.npy, which a run of this normalisation scheme writes");
                // the scheme's radii never reach 0 (spec/math.md §7.2, I8)
                radii = readFrames(file, times.length, new long[] {n}, (k, frame) -> {
                    for (int i = 0; i < n; i++) {
                        if (!(frame[i] > 0) || !Double.isFinite(frame[i])) {
                            throw new InputException(file + ": frame " + k + ", token " + i + " has radius " + frame[i] + " (radii are finite and > 0)");
                        }
                    }
                });
            }
            return new SavedRun(dir, scenario, times, frames, radii, n, d);
        } catch (IOException e) {
            throw new InputException("cannot read the trajectory in " + dir + ": " + e.getMessage());
        }
    }

    private interface FrameCheck {
        void check(int frame, double[] values);
    }

    /** A [frames, frameShape...] .npy read whole (its size checked against the heap first), each frame checked as read. */
    private static double[][] readFrames(Path file, int frameCount, long[] frameShape, FrameCheck check) throws IOException {
        try (NpyReader r = Npy.open(file)) {
            long[] shape = r.shape();
            if (shape.length != frameShape.length + 1 || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(shape, 1, shape.length), frameShape)) {
                StringBuilder want = new StringBuilder("[frames");
                for (long e : frameShape) want.append(", ").append(e);
                throw new InputException(file + " has shape " + java.util.Arrays.toString(shape) + ", expected " + want + "]");
            }
            if (shape[0] != frameCount) throw new InputException(file + " has " + shape[0] + " frames but times.npy has " + frameCount);
            if (shape[0] < 1) throw new InputException(file + " has no frames");
            int frameLength = 1;
            for (long e : frameShape) frameLength *= (int) e;
            Resources.requireHeap(8.0 * shape[0] * frameLength, String.format(Locale.ROOT, "%s holds %d frames of %d numbers, read whole",
                    file, shape[0], frameLength), "");
            double[][] frames = new double[frameCount][frameLength];
            for (int k = 0; k < frameCount; k++) {
                if (!r.readFrame(frames[k])) throw new InputException(file + " ends early");
                check.check(k, frames[k]);
            }
            return frames;
        }
    }
}
