package org.attnflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.analysis.RunAnalysis;
import org.attnflow.io.InputException;
import org.attnflow.io.Json;
import org.attnflow.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnflow analyze}: the analysis report of a simulate output, as JSON. */
@Command(name = "analyze", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Analyse a simulate output directory (run.json, times.npy, trajectory.npy) and print the report as JSON.",
                "",
                "Sphere: cluster counts over time (union-find at <x_i,x_j> > 1 - 1e-3 and the papers' Gram rank at 1 - 1e-4), "
                        + "metastable plateaus, final clusters, log E_beta over time, Renyi centres at start and end with the start "
                        + "centres' displacement and consumed fraction. R^d: z = exp(-tV) x, its convex hull at start and end and "
                        + "whether the hulls are nested over time (d <= 3), the levels phi_1*(z_i) grouped. Always: attention "
                        + "matrix at the first and last frame (row sums, rank; for d = 1 the distance to the Boolean limit). "
                        + "Schemes that carry radii (pre, peri, mix): radius.npy's smallest, largest and mean radius per frame and "
                        + "each token's final radius."})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A simulate output directory.")
    private Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report to FILE (written whole or not at all).")
    private Path out;

    @Option(names = "--min-plateau", paramLabel = "T", description = "Shortest plateau reported (default: 1/20 of the run's end time).")
    private Double minPlateau;

    @Option(names = "--c", defaultValue = "4", paramLabel = "C", description = "Renyi separation constant, delta = C beta^(-1/2) (default: ${DEFAULT-VALUE}).")
    private double c;

    @Mixin
    private ProgressOption progress;

    @Override
    public Integer call() throws Exception {
        if (minPlateau != null && !(minPlateau >= 0)) throw new InputException("--min-plateau must be >= 0, got " + minPlateau);
        if (!(c > 0) || !Double.isFinite(c)) throw new InputException("--c must be a finite number > 0, got " + c);
        if (out != null) checkTarget(out);
        SavedRun r = SavedRun.load(run);
        RunAnalysis defaults = RunAnalysis.defaults(r.times()[r.times().length - 1]);
        RunAnalysis analysis = new RunAnalysis(minPlateau != null ? minPlateau : defaults.minPlateau(), c, defaults.levelGap());
        ObjectNode report;
        try (RunProgress bar = new RunProgress(progress.mode, "analyze", RunAnalysis.STAGES, "stages", Double.NaN)) {
            int[] done = {0};
            report = analysis.analyse(r.scenario().model(), r.times(), r.frames(), r.radii(), stage -> {
                bar.note(stage);
                bar.stepTo(done[0]++);
            });
        }
        report.put("run", run.toString());
        if (r.scenario().initial().seed() != null) report.put("seed", r.scenario().initial().seed());
        String text = Json.MAPPER.writeValueAsString(report);
        if (out != null) writeWhole(out, text + System.lineSeparator());
        spec.commandLine().getOut().println(text);
        return 0;
    }

    /** Bad input, before any work, unless {@code file} can be written: its directory exists and it is not one. */
    private static void checkTarget(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) throw new InputException("--out " + file + " is a directory; give a file name");
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) throw new InputException("--out " + file + ": directory " + parent + " does not exist");
    }

    /** Writes a sibling temporary file and renames it over {@code file}: readers never see half a report. */
    private static void writeWhole(Path file, String text) {
        checkTarget(file);
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = OutputFiles.temporarySibling(abs);
            Files.writeString(tmp, text);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new InputException("cannot write " + file + ": " + e.getMessage());
        }
    }

}
