package org.attnflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.io.Json;
import org.attnflow.io.RunDirectory;
import org.attnflow.io.InputException;
import org.attnflow.plot.Animation;
import org.attnflow.plot.StandardFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnflow plot}: the standard figures of a simulate output. */
@Command(name = "plot", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Draw the standard figures of a simulate output directory: each as PNG, SVG and PDF.",
                "",
                "Sphere, d = 2 or 3: trajectories.png (circle, or sphere in orthographic view), renyi.png (Renyi centres at t = 0); "
                        + "sphere: clusters.png (cluster counts over time), energy.png (log E_beta); R^d, d <= 2: rescaled.png "
                        + "(z = exp(-tV) x with hulls); every run with n <= 400: attention_first.png, attention_last.png; "
                        + "--animate (sphere, d = 2 or 3): trajectory.gif, the run as a looping animation (at most " + Animation.MAX_FRAMES
                        + " frames, evenly subsampled). "
                        + "The figure directory also gets a run.json naming the run and the files; it appears complete or not at all."})
final class PlotCommand implements Callable<Integer> {
    static final String ANIMATION = "trajectory.gif";

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A simulate output directory.")
    private Path run;

    @Option(names = "--out", paramLabel = "DIR", description = "Figure directory to create (default: DIR/figures).")
    private Path out;

    @Option(names = "--force", description = "Replace the figure directory if it holds an earlier attnflow output (run.json) or is empty.")
    private boolean force;

    @Option(names = "--animate", description = "Also write trajectory.gif, an animation of the run (sphere runs, d = 2 or 3).")
    private boolean animate;

    @Override
    public Integer call() {
        SavedRun r = SavedRun.load(run);
        boolean drawable = r.scenario().model().geometry() == org.attnflow.model.Geometry.SPHERE && (r.d() == 2 || r.d() == 3);
        if (animate && !drawable) {
            throw new InputException("--animate draws tokens on the circle or the sphere (d = 2 or 3); this run is "
                    + r.scenario().model().geometry().key() + " with d = " + r.d());
        }
        Path target = out != null ? out : run.resolve("figures");
        List<String> files;
        try (RunDirectory dir = RunDirectory.create(target, force)) {
            files = new java.util.ArrayList<>(StandardFigures.draw(r.scenario().model(), r.times(), r.frames(), dir.path()));
            if (animate) {
                Animation.write(r.scenario().model(), r.times(), r.frames(), dir.resolve(ANIMATION));
                files.add(ANIMATION);
            }
            ObjectNode record = Json.MAPPER.createObjectNode();
            record.put("command", "plot");
            record.put("run", run.toAbsolutePath().toString());
            files.forEach(record.putArray("figures")::add);
            Json.write(dir.resolve(RunDirectory.MARKER), record);
            dir.commit();
        }
        spec.commandLine().getOut().println("attnflow: wrote " + target + ": " + String.join(", ", files));
        return 0;
    }
}
