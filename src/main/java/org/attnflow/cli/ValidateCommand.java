package org.attnflow.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.attnflow.io.InputException;
import org.attnflow.io.LoadedScenario;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.attnflow.verify.BatchReport;
import org.attnflow.verify.BatchValidation;
import org.attnflow.verify.ReplayScheme;
import org.attnflow.verify.ReportFile;
import org.attnflow.verify.TrajectorySource;
import org.attnflow.verify.TrajectorySources;
import org.attnflow.verify.Validation;
import org.attnflow.verify.ValidationJsonReport;
import org.attnflow.verify.ValidationListener;
import org.attnflow.verify.FrameCheck;
import org.attnflow.verify.ValidationSetup;
import org.attnflow.verify.ValidationSummary;
import org.attnflow.verify.ValidationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnflow validate}: another program's trajectory checked against the reference, frame by frame. */
@Command(name = "validate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Check a trajectory computed by another program against the arbitrary-precision reference.",
                "",
                "The same scheme is replayed in arbitrary precision from their first frame (--scheme with --step h: the "
                        + "deviation is their rounding error alone), or their frames are compared with the exact flow "
                        + "(--scheme ode; --against enclosure: proved boxes). Per frame: max and mean deviation, the worst token; findings "
                        + "on their data: their first NaN or infinity, I1 norm drift, I4 row scale |c-1| (Euler schemes), I2 one-step "
                        + "defect under the causal mask (every token that reads later tokens; mask defects that drop the diagonal). A "
                        + "failing file is also replayed with V transposed (the row convention) and, under pre/peri/ngpt, with the other "
                        + "discrete form (paper or public code), and the answers are reason lines. Not sure which scheme made the "
                        + "file? attnflow identify.",
                "THEIRS: .npy (float64 or float32, shape [frames, n, d], or a batch [frames, B, n, d]) or .csv (t,token,x1..xd; or "
                        + "one row per frame of n*d numbers, optionally preceded by t). Read frame by frame: memory O(n*d)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pass", "1:fail (their NaN or infinity included; or the run failed)",
                "2:bad input (unreadable file, shape mismatch, fewer than 2 frames, options that do not fit)"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario their run was made from; for a batch, "
            + "one scenario for every system or one per system (repeat --scenario, in system order).")
    private List<Path> scenarios;

    @Option(names = "--trajectory", required = true, paramLabel = "THEIRS", description = "Their trajectory: .npy or .csv.")
    private Path trajectory;

    @Option(names = "--times", paramLabel = "FILE", description = "Time of each of their frames (.npy or text); default: the CSV's t column, "
            + "else the scenario's time grid.")
    private Path times;

    @Option(names = "--scheme", paramLabel = "S", completionCandidates = Schemes.class, description = "One of ${COMPLETION-CANDIDATES} "
            + "(default: the scenario's method when it is a replayable scheme, ode otherwise).")
    private String scheme;

    @Option(names = "--step", paramLabel = "h", description = "Step of the replayed scheme (default: the scenario's solver.step).")
    private Double step;

    @Option(names = "--radius", paramLabel = "FILE", description = "The radii of a scheme that carries them (pre, peri, mix): a [frames, n] .npy "
            + "or a t,token,r .csv such as simulate's radius.npy; the trajectory then holds the directions. Default: the trajectory holds "
            + "the stream x = r*theta, as public code stores it.")
    private Path radius;

    @Option(names = "--tolerance", paramLabel = "T", description = "Largest accepted deviation (default: ${sys:attnflow.validate.tolerance}, float64 rounding; "
            + "radians on the sphere, relative to max(1,|x|) in R^d).")
    private Double tolerance;

    @Option(names = "--rtol", paramLabel = "R", description = "Their run is adaptive with this rtol (give --atol too): the tolerance is verify's "
            + "dopri5 promise K*(rtol+atol)*(1+t), K = 10, against the exact flow.")
    private Double rtol;

    @Option(names = "--atol", paramLabel = "A", description = "Their adaptive run's atol (with --rtol).")
    private Double atol;

    @Option(names = "--trajectory-half", paramLabel = "FILE", description = "The same run at h/2, saved at the same times: their observed order "
            + "against the exact flow decides (a consistent scheme, order >= 0.7, passes even if it is not ours).")
    private Path half;

    @Option(names = "--coordinates", paramLabel = "x|z", defaultValue = "x", converter = CoordinatesConverter.class,
            description = "What a Euclidean file holds: the tokens x (default) or the rescaled z = exp(-tV) x of [GLPR-E].")
    private Validation.Coordinates coordinates;

    @Option(names = "--against", paramLabel = "WHAT", description = "What computes the exact flow for --scheme ode: reference (default: the "
            + "arbitrary-precision extrapolation, with an error estimate), enclosure (boxes proved to hold it: a verdict that rests on a proof; "
            + "small systems), or FILE: the enclosure.csv of simulate with method enclosure (same start and times).")
    private String against;

    @Option(names = "--batch-axis", paramLabel = "0|1", description = "A batch file: its systems along axis 1 ([frames, B, n, d], the default for a "
            + "4-D .npy) or axis 0 ([B, frames, n, d]).")
    private Integer batchAxis;

    @Option(names = "--matrices", paramLabel = "FILE.npz", description = "A batch's per-system Q, K, V: an .npz of stacks [B, m, d], [B, m, d], "
            + "[B, d, d] (numpy.savez) over the one scenario.")
    private Path matrices;

    @Mixin
    private ReferenceReportOptions shared;

    @Mixin
    private ProgressOption progress;

    static {
        System.setProperty("attnflow.validate.tolerance", VerifyCommand.num(Validation.DEFAULT_TOLERANCE));
    }

    @Override
    public Integer call() throws Exception {
        List<LoadedScenario> loaded = new ArrayList<>();
        for (Path p : scenarios) loaded.add(ScenarioReader.read(p));
        Scenario s = loaded.get(0).scenario();
        ReplayScheme replay = null;
        if (scheme != null) {
            try {
                replay = ReplayScheme.fromKey(scheme);
            } catch (IllegalArgumentException e) {
                throw new InputException("--scheme " + e.getMessage(), e);
            }
        }
        if (shared.report != null) ReportFile.checkTarget(shared.report);
        Validation.Options options = new Validation.Options(replay, step, tolerance, shared.digits, times, radius, rtol, atol, coordinates, half,
                against, true);
        if (batch(s)) return batch(loaded, options);
        if (scenarios.size() > 1) {
            throw new InputException(scenarios.size() + " scenarios for one system: several --scenario are for a batch file, one per system");
        }
        TrajectorySources.open(trajectory, s.tokens(), s.dimension()).close(); // bad input before the report file is created
        try (ValidationJsonReport json = shared.report == null ? null : new ValidationJsonReport(shared.report)) {
            StageProgress stages = new StageProgress(progress.mode, spec.commandLine().getErr());
            ValidationListener bar = new ValidationListener() {
                @Override
                public void start(ValidationSetup setup) { }

                @Override
                public void reference(Scenario run) {
                    stages.run(run.solver().method() == org.attnflow.model.Method.REFERENCE ? "reference (the exact flow)"
                            : run.solver().method().key() + " replayed", run);
                }

                @Override
                public void frame(FrameCheck check) { stages.frame((int) check.frame(), check.t()); }

                @Override
                public void finish(ValidationSummary summary) { stages.close(); }
            };
            ValidationListener listeners = ValidationListener.all(bar, new ValidationTable(spec.commandLine().getOut()), json);
            try (stages) {
                ValidationSummary summary = Validation.validate(scenarios.get(0).toString(), s, trajectory.toString(),
                        () -> TrajectorySources.open(trajectory, s.tokens(), s.dimension()), options, listeners);
                return summary.verdict().exitCode();
            }
        }
    }

    /** A batch when asked for (--batch-axis, --matrices, several scenarios) or when the .npy file has four axes. */
    private boolean batch(Scenario s) throws IOException {
        if (batchAxis != null || matrices != null || scenarios.size() > 1) return true;
        if (!trajectory.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) return false;
        if (!java.nio.file.Files.isRegularFile(trajectory)) return false; // the single-file path names it
        try (NpyReader r = Npy.open(trajectory)) {
            return r.shape().length == 4;
        }
    }

    private int batch(List<LoadedScenario> loaded, Validation.Options options) throws IOException {
        for (String[] refused : new String[][] {{"--trajectory-half", half == null ? null : ""}, {"--radius", radius == null ? null : ""}}) {
            if (refused[1] != null) throw new InputException(refused[0] + " is for one system, not a batch");
        }
        if (!trajectory.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new InputException(trajectory + ": a batch is a 4-D .npy file ([frames, B, n, d] or [B, frames, n, d])");
        }
        if (!java.nio.file.Files.isRegularFile(trajectory)) throw new InputException("trajectory file not found: " + trajectory);
        if (matrices != null && loaded.size() > 1) throw new InputException("--matrices or one scenario per system, not both");
        int axis = batchAxis == null ? 1 : batchAxis;
        String name = scenarios.get(0).toString();
        BatchValidation.Systems systems;
        if (matrices != null) systems = BatchValidation.matrices(name, loaded.get(0).scenario(), matrices);
        else if (loaded.size() > 1) {
            List<String> names = scenarios.stream().map(Path::toString).toList();
            systems = BatchValidation.perScenario(names, b -> loaded.get(b).scenario());
        } else {
            systems = BatchValidation.shared(name, loaded.get(0).scenario());
        }
        try (BatchReport report = new BatchReport(spec.commandLine().getOut(), shared.report)) {
            return BatchValidation.validate(trajectory, axis, systems, options, report).verdict().exitCode();
        }
    }

    /** The {@code --scheme} keys, for the help text. */
    static final class Schemes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() { return ReplayScheme.values().stream().map(ReplayScheme::key).iterator(); }
    }

    static final class CoordinatesConverter extends KeyConverter<Validation.Coordinates> {
        CoordinatesConverter() { super(Validation.Coordinates.class); }
    }
}
