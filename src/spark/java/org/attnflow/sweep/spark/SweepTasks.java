package org.attnflow.sweep.spark;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.attnflow.sweep.Aggregation;
import org.attnflow.sweep.AggregateRow;
import org.attnflow.sweep.EnsembleRun;
import org.attnflow.sweep.RunResult;
import org.attnflow.sweep.SweepReader;
import org.attnflow.sweep.SweepRun;
import org.attnflow.sweep.SweepSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions Spark ships to its executors. Each carries the resolved sweep as JSON text (the sweep's only
 * serialised form) and reads it once per executor JVM: a run on an executor is the same pure function of the
 * sweep and the run id as on the local engine ({@link SweepRun}), and a group's aggregates are the same
 * {@link Aggregation}.
 */
final class SweepTasks {
    private SweepTasks() {}

    private static final ConcurrentHashMap<String, SweepSpec> SPECS = new ConcurrentHashMap<>();

    static SweepSpec spec(String sweepJson) {
        return SPECS.computeIfAbsent(sweepJson, json -> SweepReader.parse(json, "sweep.json", null));
    }

    /**
     * A task's run ids → their result rows, the runs of one shape stepped together as ensembles
     * ({@link EnsembleRun#batches}), as the local engine does: the same numbers as each run alone.
     */
    static final class Runs implements MapPartitionsFunction<Integer, Row> {
        private static final long serialVersionUID = 1L;
        private final String sweepJson;

        Runs(String sweepJson) { this.sweepJson = sweepJson; }

        @Override
        public Iterator<Row> call(Iterator<Integer> ids) {
            SweepSpec spec = spec(sweepJson);
            List<Integer> list = new ArrayList<>();
            ids.forEachRemaining(list::add);
            List<Row> out = new ArrayList<>(list.size());
            for (EnsembleRun.Batch b : EnsembleRun.batches(spec, list, 1, true)) {
                for (RunResult r : b.execute(spec)) out.add(ResultRows.toRow(r));
            }
            return out.iterator();
        }
    }

    /** Result row → its group. */
    static final class GroupOf implements MapFunction<Row, Integer> {
        private static final long serialVersionUID = 1L;
        private final String sweepJson;

        GroupOf(String sweepJson) { this.sweepJson = sweepJson; }

        @Override
        public Integer call(Row row) {
            return spec(sweepJson).groupOf(row.getInt(row.fieldIndex("run")));
        }
    }

    /** A group's result rows → its aggregate rows. */
    static final class Aggregate implements FlatMapGroupsFunction<Integer, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String sweepJson;

        Aggregate(String sweepJson) { this.sweepJson = sweepJson; }

        @Override
        public Iterator<Row> call(Integer group, Iterator<Row> rows) {
            SweepSpec spec = spec(sweepJson);
            List<RunResult> results = new ArrayList<>();
            rows.forEachRemaining(r -> results.add(ResultRows.fromRow(spec, r)));
            List<Row> out = new ArrayList<>();
            for (AggregateRow a : Aggregation.group(spec, group, results)) out.add(ResultRows.toRow(a));
            return out.iterator();
        }
    }
}
