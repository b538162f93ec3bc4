package org.attnflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.attnflow.io.LoadedScenario;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.attnflow.verify.Identification;
import org.attnflow.verify.IdentifyReport;
import org.attnflow.verify.ReportFile;
import org.attnflow.verify.TrajectorySources;
import org.attnflow.verify.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnflow identify}: which scheme and conventions made a trajectory file. */
@Command(name = "identify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Find which scheme and conventions made a trajectory file from unknown code.",
                "",
                "Tries every scheme attnflow knows (S1/S3 euler-postln, S2 euler-projected, rk4, rkmk4, the normalisation schemes' "
                        + "discrete forms, paper and public, z-euler, the exact flow) with every step the frame times allow (h = frame "
                        + "interval / k, k = 1..8, and the USA rule under mean), V or V^T, softmax/mean/none/count-n, full or causal: "
                        + "each is stepped in double over one frame interval from each of your frames and compared with your next frame "
                        + "(the one-step defect). A short table of the best, and where the best stops reproducing your file.",
                "THEIRS: as for validate (.npy [frames, n, d] or .csv)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:identified (the best candidate reproduces every frame to rounding)",
                "1:not identified on every frame (the verdict says where the best departs), or the run failed", "2:bad input"})
final class IdentifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario their run was made from (Q, K, V, beta, n, d; "
            + "the conventions and the scheme are what identify finds).")
    private Path scenario;

    @Option(names = "--trajectory", required = true, paramLabel = "THEIRS", description = "Their trajectory: .npy or .csv.")
    private Path trajectory;

    @Option(names = "--times", paramLabel = "FILE", description = "Time of each of their frames (default: the CSV's t column, else the scenario's grid).")
    private Path times;

    @Option(names = "--coordinates", paramLabel = "x|z", defaultValue = "x", converter = ValidateCommand.CoordinatesConverter.class,
            description = "What a Euclidean file holds: x (default) or the rescaled z = exp(-tV) x.")
    private Validation.Coordinates coordinates;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Also write the ranking as JSON (key matches, best first; README).")
    private Path report;

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded = ScenarioReader.read(scenario);
        Scenario s = loaded.scenario();
        if (report != null) ReportFile.checkTarget(report);
        TrajectorySources.open(trajectory, s.tokens(), s.dimension()).close(); // bad input before any work
        Identification.Result r = Identification.identify(scenario.toString(), s, trajectory.toString(),
                () -> TrajectorySources.open(trajectory, s.tokens(), s.dimension()), times, coordinates);
        IdentifyReport.print(r, spec.commandLine().getOut());
        if (report != null) ReportFile.write(report, IdentifyReport.json(r));
        return r.identified() ? 0 : 1;
    }
}
