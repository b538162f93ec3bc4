package org.attnflow.cli;

import org.attnflow.enclosure.EnclosureCsv;
import org.attnflow.enclosure.EnclosureFrame;
import org.attnflow.enclosure.EnclosureFrameHandler;
import org.attnflow.integrate.FrameSink;
import org.attnflow.io.LoadedScenario;
import org.attnflow.io.OutputFormat;
import org.attnflow.io.Resources;
import org.attnflow.io.RunDirectory;
import org.attnflow.model.Geometry;
import org.attnflow.model.Method;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.model.Scenario;
import org.attnflow.run.RunOutcome;
import org.attnflow.run.RunRecord;
import org.attnflow.run.ScenarioRunner;
import org.attnflow.run.TrajectoryOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code simulate} run: the scenario is integrated frame by frame into the trajectory files of a
 * {@link RunDirectory}, run.json is written last, and the directory is moved into place only then. Any failure
 * leaves nothing at the target.
 *
 * <p>The run itself goes through {@link ScenarioRunner}, the one place where a scenario is routed to its
 * arithmetic (double field and integrator, or the arbitrary-precision reference).
 */
final class Simulation {
    static final String RUN_RECORD = RunDirectory.MARKER;

    /** The box file of method enclosure (EnclosureCsv), beside the trajectory of the boxes' midpoints. */
    static final String ENCLOSURE_CSV = "enclosure.csv";

    private Simulation() {}

    /** Where a run's frames go: the trajectory files, the enclosure's boxes (method enclosure) and the progress bar. */
    private record Sink(TrajectoryOutput output, Writer enclosure, RunProgress progress) implements FrameSink, EnclosureFrameHandler {
        @Override
        public void frame(int index, double t, double[] x) {
            frame(index, t, x, null);
        }

        @Override
        public void frame(int index, double t, double[] x, double[] radius) {
            output.frame(index, t, x, radius);
            progress.frame(index, t, x);
        }

        @Override
        public void exactFrame(int index, double t, double[] x, double[] radius, String time, String[][] decimals,
                               String[] radiusDecimals, double errorEstimate) {
            output.exactFrame(index, t, x, radius, time, decimals, radiusDecimals, errorEstimate);
            progress.frame(index, t, x);
        }

        @Override
        public void frame(EnclosureFrame frame) {
            try {
                EnclosureCsv.writeFrame(enclosure, frame);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + ENCLOSURE_CSV, e);
            }
        }
    }

    /** What the run wrote, for the command's summary line. */
    record Result(Path directory, RunRecord record) {}

    static Result run(LoadedScenario loaded, Path out, OutputFormat format, boolean force, RunProgress.Mode progressMode)
            throws IOException {
        Scenario s = loaded.scenario();
        boolean rescaled = s.model().geometry() == Geometry.EUCLIDEAN && s.model().singleConstantHead();
        Integer digits = s.solver().digits();
        Resources.requireDisk(out, TrajectoryOutput.estimatedBytes(format, s.time().frames(), s.tokens(), s.dimension(), rescaled,
                        s.model().carriesRadius(), digits == null ? 0 : digits),
                String.format(Locale.ROOT, "%s: %d frames of %d tokens on %s (%s)", out, s.time().frames(), s.tokens(), space(s), format.key()),
                "save fewer frames (time.save_every), or write elsewhere (--out)");
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (RunDirectory dir = RunDirectory.create(out, force)) {
            // z = e^{-tV} x needs one V: a Euclidean run with several heads or a schedule has no rescaled coordinates
            RescaledCoordinates rescaling = rescaled
                    ? new RescaledCoordinates(s.model().v().toDoubleArray(), s.dimension()) : null;
            RunOutcome routed;
            List<String> files = new ArrayList<>();
            boolean boxes = s.solver().method() == Method.ENCLOSURE;
            try (TrajectoryOutput output = new TrajectoryOutput(dir, format, s.tokens(), s.dimension(), s.time(), rescaling, s.model().carriesRadius());
                 Writer enclosure = boxes ? Files.newBufferedWriter(dir.resolve(ENCLOSURE_CSV), StandardCharsets.US_ASCII) : null;
                 RunProgress progress = new RunProgress(progressMode, s.time().frames(), s.time().end())) {
                if (enclosure != null) EnclosureCsv.writeHeader(enclosure, s.dimension());
                routed = ScenarioRunner.run(s, new Sink(output, enclosure, progress));
                files.addAll(output.files());
                if (enclosure != null) files.add(ENCLOSURE_CSV);
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            files.add(RUN_RECORD);
            RunRecord record = new RunRecord(loaded.asRun(), loaded.seeds(), s.model().paperName(), s.solver().method(),
                    routed.arithmetic(), routed.statistics(), routed.reference(), s.time().frames(), s.tokens(), s.dimension(), files, started, wall);
            record.write(dir.resolve(RUN_RECORD));
            dir.commit();
            return new Result(dir.target(), record);
        }
    }

    /** Where the tokens live, for messages: "the circle S^1", "the sphere S^2", "R^4". */
    static String space(Scenario s) {
        int d = s.dimension();
        if (s.model().geometry() == Geometry.EUCLIDEAN) return "R^" + d;
        return d == 2 ? "the circle S^1" : "the sphere S^" + (d - 1);
    }
}
