package org.attnflow.cli;

import org.attnflow.field.AttentionField;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.integrate.FrameHandler;
import org.attnflow.integrate.Integrator;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.io.InputException;
import org.attnflow.io.LoadedScenario;
import org.attnflow.io.OutputFormat;
import org.attnflow.io.RescaledCoordinates;
import org.attnflow.io.RunDirectory;
import org.attnflow.io.RunRecord;
import org.attnflow.io.TrajectoryOutput;
import org.attnflow.model.Geometry;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code simulate} run: the scenario is integrated frame by frame into the trajectory files of a
 * {@link RunDirectory}, run.json is written last, and the directory is moved into place only then. Any failure
 * leaves nothing at the target.
 *
 * <p>{@link #integrate} is the one place where a run is routed to its arithmetic: the double-precision
 * integrators, or (solver.digits set) the arbitrary-precision reference solver.
 */
final class Simulation {
    static final String RUN_RECORD = RunDirectory.MARKER;

    private Simulation() {}

    /** What the run wrote, for the command's summary line. */
    record Result(Path directory, RunRecord record) {}

    static Result run(LoadedScenario loaded, Path out, OutputFormat format, boolean force, RunProgress.Mode progressMode)
            throws IOException {
        Scenario s = loaded.scenario();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (RunDirectory dir = RunDirectory.create(out, force)) {
            RescaledCoordinates rescaling = s.model().geometry() == Geometry.EUCLIDEAN
                    ? new RescaledCoordinates(s.model().v().toDoubleArray(), s.dimension()) : null;
            Routed routed;
            List<String> files = new ArrayList<>();
            try (TrajectoryOutput output = new TrajectoryOutput(dir, format, s.tokens(), s.dimension(), s.time(), rescaling);
                 RunProgress progress = new RunProgress(progressMode, s.time().frames(), s.time().end())) {
                routed = integrate(s, (index, t, x) -> {
                    output.frame(index, t, x);
                    progress.frame(index, t, x);
                });
                files.addAll(output.files());
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            files.add(RUN_RECORD);
            RunRecord record = new RunRecord(loaded.asRun(), loaded.seeds(), s.model().paperName(), s.solver().method(),
                    routed.field(), routed.statistics(), s.time().frames(), s.tokens(), s.dimension(), files, started, wall);
            record.write(dir.resolve(RUN_RECORD));
            dir.commit();
            return new Result(dir.target(), record);
        }
    }

    /** The statistics of an integration and the name of the arithmetic that computed it. */
    private record Routed(SolverStatistics statistics, String field) {}

    /** Routes the run to the double-precision integrators or to the arbitrary-precision reference. */
    private static Routed integrate(Scenario s, FrameHandler frames) {
        SolverSettings solver = s.solver();
        if (solver.arbitraryPrecision()) {
            throw new InputException("solver.digits is set (method " + solver.method()
                    + "): the arbitrary-precision reference solver is not available yet in this build; remove solver.digits "
                    + "and choose a double-precision method");
        }
        AttentionField field = doubleField(s);
        Integrator integrator;
        try {
            integrator = Integrators.create(solver, field);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
        double[] x0 = s.initial().toDoubleArray();
        // the scenario keeps the points as written; the double solvers normalise them in double (ScenarioReader
        // has checked that they are within its tolerance of the sphere)
        if (s.model().geometry() == Geometry.SPHERE) Tokens.normalize(x0, s.dimension());
        return new Routed(integrator.integrate(x0, s.time(), frames), field.getClass().getSimpleName());
    }

    /** The double field solver.field asks for. */
    private static AttentionField doubleField(Scenario s) {
        String kind = s.solver().field();
        if (kind.equals("simd")) {
            throw new InputException("solver.field simd: the Vector API field is not available yet in this build; use auto or scalar");
        }
        return new ScalarAttentionField(s.model(), s.tokens());
    }
}
