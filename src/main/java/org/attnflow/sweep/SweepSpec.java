package org.attnflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.io.Json;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated sweep: a base scenario, the axes whose product gives the runs, what to record of each run and how to
 * aggregate it. Read by {@link SweepReader}; see the README, "Sweeps", for the file format.
 *
 * <p>Runs are enumerated in a fixed order, V outermost, then d, n, β, and the seed innermost; a run's id is its
 * index. All runs that differ only by their seed form a <em>group</em> (one row set of the aggregated table),
 * and the group of run {@code id} is {@code id / seeds().size()}.
 *
 * @param source     the sweep file's JSON as written
 * @param resolved   the same with the base scenario inlined and every seed the scenario reader generated written
 *                   in (sweep.json): re-reading it gives exactly this sweep
 * @param base       the resolved base scenario (with its seeds)
 * @param betas      β axis (the base's β when the sweep has no β axis)
 * @param ns         n axis
 * @param ds         d axis
 * @param vChoices   V axis: name → matrix JSON (a single {@link #BASE_V} → null when there is no V axis)
 * @param seeds      seed axis (initial.seed); a single null when the start is not random
 * @param nAxis      whether n is swept (else the base's n is kept as written)
 * @param dAxis      whether d is swept
 * @param statistics what is recorded of each run at each saved time
 * @param settings   the statistics' parameters
 * @param aggregates the aggregated table's columns
 * @param figureStatistic statistic coloured in the phase diagrams, null for none ({@code "figure": false})
 * @param figureAggregate aggregate coloured in the phase diagrams
 * @param times      the saved times (the base scenario's; the same for every run)
 */
public record SweepSpec(ObjectNode source, ObjectNode resolved, ObjectNode base,
                        List<BigDecimal> betas, List<Integer> ns, List<Integer> ds, Map<String, JsonNode> vChoices,
                        List<Long> seeds, boolean nAxis, boolean dAxis,
                        List<Statistic> statistics, StatisticSettings settings, List<Aggregate> aggregates,
                        Statistic figureStatistic, Aggregate figureAggregate, double[] times) {

    /** The name of "V as in the base scenario" when the sweep has no V axis. */
    public static final String BASE_V = "base";

    /** At most this many runs in one sweep (run ids are ints, and the plan is checked up front). */
    public static final long MAX_RUNS = 100_000_000;

    public SweepSpec {
        betas = List.copyOf(betas);
        ns = List.copyOf(ns);
        ds = List.copyOf(ds);
        vChoices = Collections.unmodifiableMap(new LinkedHashMap<>(vChoices));
        seeds = Collections.unmodifiableList(new ArrayList<>(seeds));
        statistics = List.copyOf(statistics);
        aggregates = List.copyOf(aggregates);
        times = times.clone();
    }

    public int runCount() { return vChoices.size() * ds.size() * ns.size() * betas.size() * seeds.size(); }

    public int groupCount() { return runCount() / seeds.size(); }

    /**
     * Runs of the sweep with the same n and d as any one run: every run of one shape ({@code run.Ensembles.Shape}:
     * the other axes, β, V and seed, leave the shape alone).
     */
    public int runsPerShape() { return vChoices.size() * betas.size() * seeds.size(); }

    /** The group (all axes but the seed) of run {@code id}. */
    public int groupOf(int id) { return id / seeds.size(); }

    /** The coordinates of run {@code id} (0 ≤ id &lt; {@link #runCount()}). */
    public RunPoint run(int id) {
        if (id < 0 || id >= runCount()) throw new IndexOutOfBoundsException("run " + id + " of " + runCount());
        int r = id;
        int s = r % seeds.size();
        r /= seeds.size();
        int b = r % betas.size();
        r /= betas.size();
        int ni = r % ns.size();
        r /= ns.size();
        int di = r % ds.size();
        r /= ds.size();
        String v = new ArrayList<>(vChoices.keySet()).get(r);
        return new RunPoint(id, betas.get(b), ns.get(ni), ds.get(di), v, seeds.get(s));
    }

    /** Every run, in id order. */
    public List<RunPoint> runs() {
        List<RunPoint> all = new ArrayList<>(runCount());
        for (int id = 0; id < runCount(); id++) all.add(run(id));
        return all;
    }

    /** The scenario JSON of one run: the base with the run's β, n, d, V and seed written in. */
    public ObjectNode scenario(RunPoint p) {
        ObjectNode s = base.deepCopy();
        ObjectNode model = s.withObjectProperty("model");
        model.put("beta", p.beta());
        ObjectNode initial = s.withObjectProperty("initial");
        // integers as BigInteger nodes, as Json.MAPPER parses them: the tree is then exactly its text parsed back
        // (ScenarioReader.parse(ObjectNode) relies on it; SweepSpecTest checks it)
        if (nAxis) initial.put("n", BigInteger.valueOf(p.n()));
        if (dAxis) initial.put("d", BigInteger.valueOf(p.d()));
        JsonNode v = vChoices.get(p.v());
        if (v != null) model.set("V", v.deepCopy());
        if (p.seed() != null) initial.put("seed", BigInteger.valueOf(p.seed()));
        return s;
    }

    /** This sweep with another {@link #source()} (the file as written), e.g. the one recorded in sweep.json. */
    public SweepSpec withSource(ObjectNode newSource) {
        return new SweepSpec(newSource, resolved, base, betas, ns, ds, vChoices, seeds, nAxis, dAxis, statistics, settings, aggregates,
                figureStatistic, figureAggregate, times);
    }

    /** {@link #resolved()} as JSON text (what sweep.json holds and what Spark ships to its executors). */
    public String resolvedJson() {
        try {
            return Json.MAPPER.writeValueAsString(resolved);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
