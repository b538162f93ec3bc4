package org.attnflow.claims;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.integrate.SolverStatistics;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.run.Ensembles;
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

        /** A copy of every frame: take it once, not inside a loop over frames (each call copies them all). */
        public double[][] frames() { return trajectory.frames(); }

        /** A copy of frame f alone. */
        public double[] frame(int f) { return trajectory.frame(f); }

        public double[] last() { return trajectory.last(); }
    }

    /** Parses the scenario JSON exactly as {@code simulate} would, integrates it in double precision, records it. */
    public Run simulate(ObjectNode scenarioJson) {
        LoadedScenario loaded = parse(scenarioJson);
        record(loaded, loaded.scenario());
        return alone(loaded.scenario());
    }

    /**
     * {@link #simulate} of every scenario, results in their order: each parsed and recorded as {@code simulate} does,
     * the runs of one shape ({@link Ensembles#shape}) settled for their group ({@link Ensembles#settle}: the
     * recorded scenario states the field so settled, so that replaying it alone gives the same numbers) and, where
     * settled on a batched field ({@link Ensembles#batched}: SIMD, or the symmetric lanes), stepped together
     * ({@link Ensembles#execute}); the others run alone (today every claim integrates with adaptive dopri5, which
     * does not step in ensembles: its runs all run alone). Each run's numbers are those of its recorded scenario run
     * alone, bit for bit. A run that breaks down throws its {@link ArithmeticException} as {@code simulate} would, the
     * first in list order, once every run has ended.
     */
    public List<Run> simulateAll(List<ObjectNode> scenarioJsons) {
        List<LoadedScenario> loaded = new ArrayList<>(scenarioJsons.size());
        Map<Ensembles.Shape, Integer> groupSizes = new HashMap<>();
        for (ObjectNode json : scenarioJsons) {
            LoadedScenario l = parse(json);
            loaded.add(l);
            Ensembles.Shape shape = Ensembles.shape(l.scenario());
            if (shape != null) groupSizes.merge(shape, 1, Integer::sum);
        }
        List<Scenario> settled = new ArrayList<>(loaded.size());
        Map<Ensembles.Shape, List<Integer>> ensembles = new LinkedHashMap<>();
        for (int k = 0; k < loaded.size(); k++) {
            Scenario s = loaded.get(k).scenario();
            Ensembles.Shape shape = Ensembles.shape(s);
            if (shape != null && groupSizes.get(shape) > 1) s = Ensembles.settle(s, groupSizes.get(shape));
            settled.add(s);
            record(loaded.get(k), s);
            // grouped by the settled shape: runs of one shape before settling may settle on different fields
            // (full attention with Q = K in lanes, a causal one SIMD), and those do not step together
            if (shape != null && groupSizes.get(shape) > 1 && Ensembles.batched(s)) ensembles.computeIfAbsent(Ensembles.shape(s), x -> new ArrayList<>()).add(k);
        }
        Run[] runs = new Run[settled.size()];
        ArithmeticException[] failures = new ArithmeticException[runs.length];
        for (List<Integer> members : ensembles.values()) {
            List<Scenario> group = new ArrayList<>(members.size());
            for (int k : members) group.add(settled.get(k));
            List<Ensembles.Member> out = Ensembles.execute(group, group.get(0).solver().threads());
            for (int i = 0; i < members.size(); i++) {
                Ensembles.Member m = out.get(i);
                int k = members.get(i);
                if (m.failed()) failures[k] = m.failure();
                else runs[k] = new Run(settled.get(k), m.trajectory(), m.statistics());
            }
        }
        for (int k = 0; k < runs.length; k++) {
            if (runs[k] != null || failures[k] != null) continue;
            try {
                runs[k] = alone(settled.get(k));
            } catch (ArithmeticException e) {
                failures[k] = e;
            }
        }
        for (ArithmeticException e : failures) if (e != null) throw e;
        return List.of(runs);
    }

    private LoadedScenario parse(ObjectNode scenarioJson) {
        // through text, unlike a sweep's runs: the claims build their scenarios with doubles, and a double's text is
        // the shortest decimal that rounds to it, which is what simulate reads from the recorded scenario
        return ScenarioReader.parse(scenarioJson.toString(), report.id() + " scenario");
    }

    /** Records the scenario as run (with {@code solver.field} as {@code run} settles it) and its seeds. */
    private void record(LoadedScenario loaded, Scenario run) {
        ObjectNode asRun = loaded.asRun();
        if (run.solver().field() != loaded.scenario().solver().field()) asRun.withObjectProperty("solver").put("field", run.solver().field().key());
        report.scenario(asRun);
        loaded.seeds().values().forEach(report::seed);
    }

    private static Run alone(Scenario s) {
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
