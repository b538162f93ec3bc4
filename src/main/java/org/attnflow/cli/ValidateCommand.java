package org.attnflow.cli;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;

import org.attnflow.io.InputException;
import org.attnflow.io.LoadedScenario;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
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
import org.attnflow.verify.Verification;
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
                        + "(--scheme ode). Per frame: max and mean deviation, the worst token; invariant findings on their data: "
                        + "I1 norm drift, I4 attention rows (inferred row scale, Euler schemes), I2 causal order (one-step defect "
                        + "under the causal and the full mask). A failing file is also replayed with V transposed (the row "
                        + "convention) and, under pre/peri/ngpt, with the other discrete form (paper or public code), and the "
                        + "answers are reason lines.",
                "THEIRS: .npy (float64 or float32, shape [frames, n, d]) or .csv (t,token,x1..xd; or one row per frame of n*d "
                        + "numbers, optionally preceded by t). Read frame by frame: memory O(n*d)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pass", "1:fail (or the run failed)", "2:bad input (unreadable file, shape mismatch, NaN, fewer than 2 frames)"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario their run was made from.")
    private Path scenario;

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

    @Mixin
    private ReferenceReportOptions shared;

    @Mixin
    private ProgressOption progress;

    static {
        System.setProperty("attnflow.validate.tolerance", VerifyCommand.num(Validation.DEFAULT_TOLERANCE));
    }

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded = ScenarioReader.read(scenario);
        Scenario s = loaded.scenario();
        ReplayScheme replay = null;
        if (scheme != null) {
            try {
                replay = ReplayScheme.fromKey(scheme);
            } catch (IllegalArgumentException e) {
                throw new InputException("--scheme " + e.getMessage(), e);
            }
        }
        if (shared.report != null) ReportFile.checkTarget(shared.report);
        Validation.Options options = new Validation.Options(replay, step, tolerance, shared.digits, times, radius);
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
                ValidationSummary summary = Validation.validate(scenario.toString(), s, trajectory.toString(),
                        () -> TrajectorySources.open(trajectory, s.tokens(), s.dimension()), options, listeners);
                return summary.verdict().exitCode();
            }
        }
    }

    /** The {@code --scheme} keys, for the help text. */
    static final class Schemes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() { return ReplayScheme.values().stream().map(ReplayScheme::key).iterator(); }
    }
}
