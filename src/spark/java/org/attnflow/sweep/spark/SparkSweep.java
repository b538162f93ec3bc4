package org.attnflow.sweep.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.attnflow.io.InputException;
import org.attnflow.sweep.AggregateRow;
import org.attnflow.sweep.Aggregation;
import org.attnflow.sweep.DistributedSweep;
import org.attnflow.sweep.SweepDirectory;
import org.attnflow.sweep.SweepListener;
import org.attnflow.sweep.SweepOutcome;
import org.attnflow.sweep.SweepSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A sweep on Apache Spark (Java API). Runs are tasks: the pending run ids are parallelised, each task maps its ids
 * through {@link SweepTasks.Runs} (the same runs, ensembles included, as the local engine), and the results come back as a
 * Dataset of rows that is appended to {@code DIR/results.parquet}. Spark schedules, retries lost tasks and
 * commits each write job atomically; attnflow adds no scheduler of its own.
 *
 * <p>Restartable: the pending runs are written in batches, one Spark job each. A job's rows appear in the Parquet
 * directory all together or not at all (Spark's output committer), so an interrupted sweep loses at most the
 * batch in flight, and on resume the ids already in results.parquet are skipped: no run is lost or written
 * twice. When every run is there, the aggregated table is computed by Spark ({@code groupByKey} over the groups,
 * each group reduced by the same {@link Aggregation} as locally) and written as {@code aggregate.parquet}, and,
 * on the driver, as aggregate.csv with the phase diagrams.
 *
 * <p>On a cluster, DIR must be a path that the driver and every executor see (a shared file system mounted at
 * the same place), since executors write the Parquet files.
 */
public final class SparkSweep implements DistributedSweep {
    public static final String AGGREGATE_PARQUET = "aggregate.parquet";

    /**
     * Fails (and with it {@link java.util.ServiceLoader}, which the command line reports in one line) when this jar
     * runs without Spark on the class path, instead of failing later at the first Spark class.
     */
    public SparkSweep() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkSweep.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spark is not on the class path", e);
        }
    }

    @Override
    public SweepOutcome run(SweepDirectory dir, String master, SweepListener listener) {
        boolean ours = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = session(master);
        // a session of our own reports warnings only (Spark logs every task at INFO); one given to us keeps its level
        if (ours) spark.sparkContext().setLogLevel("WARN");
        try {
            return run(spark, dir, listener);
        } finally {
            if (ours) spark.stop();
        }
    }

    /** The session: {@code master} if given, else the launcher's (spark-submit --master), else local[*]. */
    static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("attnflow sweep");
        if (master != null) {
            b.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        return b.getOrCreate();
    }

    /** Runs the sweep of {@code dir} in {@code spark}. */
    public static SweepOutcome run(SparkSession spark, SweepDirectory dir, SweepListener listener) {
        long t0 = System.nanoTime();
        SweepSpec spec = dir.spec();
        if (Files.exists(dir.resolve(SweepDirectory.RESULTS_CSV))) {
            throw new InputException(dir.path() + " was started by the local engine (" + SweepDirectory.RESULTS_CSV + "): resume it without --spark");
        }
        String results = dir.resolve(SweepDirectory.RESULTS_PARQUET).toAbsolutePath().toUri().toString();
        String json = spec.resolvedJson();
        Set<Integer> done = finishedRuns(spark, dir, results);
        List<Integer> pending = new ArrayList<>();
        for (int id = 0; id < spec.runCount(); id++) if (!done.contains(id)) pending.add(id);
        listener.started(spec.runCount(), done.size(), pending.size());

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallelism = jsc.defaultParallelism();
        // a batch is one job (the unit that an interruption can lose): a few waves of tasks of a few runs each
        int batch = Math.max(8 * parallelism, Math.min(pending.size() / 16 + 1, 256 * parallelism));
        for (int from = 0; from < pending.size(); from += batch) {
            List<Integer> ids = pending.subList(from, Math.min(pending.size(), from + batch));
            Dataset<Integer> idSet = spark.createDataset(jsc.parallelize(ids, Math.min(ids.size(), 2 * parallelism)).rdd(), Encoders.INT());
            Dataset<Row> rows = idSet.mapPartitions(new SweepTasks.Runs(json), Encoders.row(ResultRows.resultSchema(spec)))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                rows.write().mode(SaveMode.Append).parquet(results);
                for (Row r : rows.select("run", "status").collectAsList()) listener.finished(r.getInt(0), r.getString(1).equals("failed"));
            } finally {
                rows.unpersist();
            }
        }

        Dataset<Row> all = spark.read().schema(ResultRows.resultSchema(spec)).parquet(results);
        long rowCount = all.count();
        long distinct = all.select("run").distinct().count();
        if (rowCount != distinct) throw new IllegalStateException(results + " holds " + rowCount + " rows for " + distinct + " runs: a run was written twice");
        boolean complete = distinct == spec.runCount();
        int failed = (int) all.where(functions.col("status").equalTo("failed")).count();
        List<String> files = List.of();
        if (complete) {
            spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(Math.max(1, Math.min(spec.groupCount(), 4 * parallelism))));
            Dataset<Row> aggregate = all.groupByKey(new SweepTasks.GroupOf(json), Encoders.INT())
                    .flatMapGroups(new SweepTasks.Aggregate(json), Encoders.row(ResultRows.aggregateSchema(spec)))
                    .orderBy("group", "statistic", "time_index");
            aggregate.write().mode(SaveMode.Overwrite).parquet(dir.resolve(AGGREGATE_PARQUET).toAbsolutePath().toUri().toString());
            List<AggregateRow> table = new ArrayList<>();
            for (Row r : spark.read().parquet(dir.resolve(AGGREGATE_PARQUET).toAbsolutePath().toUri().toString()).collectAsList()) {
                table.add(ResultRows.aggregateFromRow(spec, r));
            }
            table.sort(Aggregation.order(spec));
            files = new ArrayList<>(dir.finish(table));
            files.add(1, AGGREGATE_PARQUET);
        }
        return new SweepOutcome(spec.runCount(), done.size(), pending.size(), failed, complete, files, (System.nanoTime() - t0) * 1e-9);
    }

    private static Set<Integer> finishedRuns(SparkSession spark, SweepDirectory dir, String results) {
        Set<Integer> done = new HashSet<>();
        if (!hasParts(dir.resolve(SweepDirectory.RESULTS_PARQUET))) return done;
        for (Row r : spark.read().schema(ResultRows.resultSchema(dir.spec())).parquet(results).select("run").collectAsList()) {
            if (!done.add(r.getInt(0))) throw new IllegalStateException(results + ": run " + r.getInt(0) + " is there twice");
        }
        return done;
    }

    /** Whether a Parquet directory holds committed data files (an interrupted first job leaves only _temporary). */
    private static boolean hasParts(Path parquet) {
        if (!Files.isDirectory(parquet)) return false;
        try (Stream<Path> s = Files.list(parquet)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parquet, e);
        }
    }
}
