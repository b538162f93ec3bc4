package org.attnflow.cli;

import org.attnflow.io.LoadedScenario;
import org.attnflow.io.OutputFormat;
import org.attnflow.run.RunRecord;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code attnflow simulate}: integrate a scenario file and write its trajectory, times and run.json. */
@Command(name = "simulate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Integrate a scenario file and write its trajectory.",
                "",
                "Writes into DIR: trajectory.npy (float64 [frames, n, d]) and "
                        + "times.npy, or trajectory.csv (t,token,x1..xd, every digit); for Euclidean runs also the "
                        + "rescaled z_i(t) = exp(-tV) x_i(t) as z.npy / z.csv; for a layer_norm that carries radii (pre, peri, "
                        + "mix) the directions as the trajectory and the radii as radius.npy (float64 [frames, n]) / radius.csv; "
                        + "and run.json (the scenario as run, "
                        + "seeds, solver statistics, norm drift, wall time, versions).",
                "DIR appears complete or not at all: it is written next to its final place and moved there at the end."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file (JSON; see README).")
    private Path scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory to create.")
    private Path out;

    @Option(names = "--format", paramLabel = "npy|csv", defaultValue = "npy", converter = FormatConverter.class,
            description = "Trajectory format (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Option(names = "--force", description = "Replace DIR if it holds an earlier attnflow output (run.json) or is empty.")
    private boolean force;

    @Mixin
    private ProgressOption progress;

    /** The help's list of {@code solver.method} keys, each with its {@link Method#summary}: from the type, never a copy. */
    static String[] methodsFooter() {
        Help.TextTable table = Help.TextTable.forColumnWidths(Help.Ansi.OFF, 19, 61);
        for (Method m : Method.values()) table.addRowValues("  " + m.key(), m.summary());
        return new String[] {"%nMethods (solver.method, default " + Method.DEFAULT.key() + "):", table.toString().stripTrailing()};
    }

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded = ScenarioReader.read(scenario);
        StageProgress.announce(spec.commandLine().getErr(), loaded.scenario().solver().method().key() + " run", loaded.scenario());
        Simulation.Result result = Simulation.run(loaded, out, format, force, progress.mode);
        RunRecord r = result.record();
        spec.commandLine().getOut().printf(Locale.ROOT, "attnflow: wrote %s: %s, %d frames of %d tokens on %s, %s %d steps (%d rejected), %.3g s%n",
                out, String.join(", ", r.outputs()), r.frames(), r.n(), Simulation.space(loaded.scenario()), r.method().key(), r.statistics().steps(),
                r.statistics().rejectedSteps(), r.wallTimeSeconds());
        return 0;
    }

    static final class FormatConverter extends KeyConverter<OutputFormat> {
        FormatConverter() { super(OutputFormat.class); }
    }
}
