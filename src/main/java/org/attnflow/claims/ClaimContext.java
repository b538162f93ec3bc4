package org.attnflow.claims;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.integrate.SolverStatistics;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.run.ScenarioRunner;
import org.attnflow.io.LoadedScenario;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.attnflow.plot.FigureFiles;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * What a claim check can do: run a scenario (recorded, with its seeds, in the claim's report) and save a figure.
 * {@link #quick()} asks for the reduced set of {@code claims --quick}.
 */
public final class ClaimContext {
    private final boolean quick;
    private final Path outputDir;
    private final ClaimReport report;

    ClaimContext(boolean quick, Path outputDir, ClaimReport report) {
        this.quick = quick;
        this.outputDir = outputDir;
        this.report = report;
    }

    public boolean quick() { return quick; }

    /** A simulation result: the scenario as read and its saved frames. */
    public record Run(Scenario scenario, Trajectory trajectory, SolverStatistics statistics) {
        public double[] times() { return trajectory.times(); }

        public double[][] frames() { return trajectory.frames(); }

        public double[] last() { return trajectory.last(); }
    }

    /** Parses the scenario JSON exactly as {@code simulate} would, integrates it in double precision, records it. */
    public Run simulate(ObjectNode scenarioJson) {
        LoadedScenario loaded = ScenarioReader.parse(scenarioJson.toString(), report.id() + " scenario");
        report.scenario(loaded.asRun());
        loaded.seeds().values().forEach(report::seed);
        Scenario s = loaded.scenario();
        TrajectoryRecorder rec = new TrajectoryRecorder(s.tokens(), s.dimension());
        SolverStatistics stats = ScenarioRunner.run(s, rec).statistics();
        return new Run(s, rec.trajectory(), stats);
    }

    /**
     * Saves a chart as {@code figures/<id>-<name>.png} under the output directory, with its .svg and .pdf beside it;
     * returns the PNG's relative path.
     */
    public String figure(IChart chart, String name) {
        String rel = "figures/" + report.id() + "-" + name + ".png";
        FigureFiles.save(chart, outputDir.resolve(rel));
        report.figure(rel);
        return rel;
    }
}
