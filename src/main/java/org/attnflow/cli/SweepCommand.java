package org.attnflow.cli;

import org.attnflow.io.InputException;
import org.attnflow.sweep.DistributedSweep;
import org.attnflow.sweep.LocalSweep;
import org.attnflow.sweep.SweepDirectory;
import org.attnflow.sweep.SweepOutcome;
import org.attnflow.sweep.SweepReader;
import org.attnflow.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** {@code attnflow sweep}: many runs over axes of β, n, d, V and seeds, aggregated into tables and phase diagrams. */
@Command(name = "sweep", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Run a sweep file: a base scenario over axes of beta, n, d, V and seeds; record statistics of every run at "
                        + "every saved time; aggregate them over the seeds; draw phase diagrams (beta against t).",
                "",
                "Writes into DIR: sweep.json (the sweep as read, with every seed), results.csv (one line per run, appended and "
                        + "forced to disk as each run finishes; results.parquet on Spark), and once every run is done aggregate.csv "
                        + "and phase-*.png.",
                "An interrupted sweep continues with --resume: finished runs are kept, a torn last line is dropped, "
                        + "and no run is done twice."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE", description = "The sweep file (JSON; see README). Optional with --resume: DIR/sweep.json is used.")
    private Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep's output directory.")
    private Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Runs in parallel on this machine (default 0: one per core, here ${sys:attnflow.cores}).")
    private int threads;

    @Option(names = "--resume", description = "Continue the sweep in DIR (start it if DIR does not exist).")
    private boolean resume;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "0",
            description = "Do at most K more runs, then stop (resume later); 0 = no limit.")
    private int limit;

    @Option(names = "--no-batch",
            description = "Run every run alone instead of stepping runs of one shape together as ensembles (the results are the same, bit for bit; for comparison).")
    private boolean noBatch;

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Run on Apache Spark instead (a build with -Pspark, launched by spark-submit or with Spark on the "
                    + "class path): MASTER is a master URL (local[2], spark://host:7077, yarn); without one, the launcher's master or local[*].")
    private String spark;

    @Mixin
    private ProgressOption progress;

    static {
        System.setProperty("attnflow.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 0) throw new ParameterException(spec.commandLine(), "--threads must be >= 0, got " + threads);
        if (limit < 0) throw new ParameterException(spec.commandLine(), "--limit must be >= 0, got " + limit);
        if (specFile == null && !resume) throw new ParameterException(spec.commandLine(), "--spec FILE is required (or --resume to continue DIR)");
        if (spark != null && (limit != 0 || threads != 0)) {
            throw new ParameterException(spec.commandLine(), "--limit and --threads are for local sweeps; on Spark the cluster's executors and cores decide");
        }
        SweepSpec given = specFile == null ? null : SweepReader.read(specFile);
        // before DIR is touched: a build without the engine is a usage error that leaves nothing behind
        DistributedSweep engine = spark == null ? null : sparkEngine();
        SweepOutcome outcome;
        try (SweepDirectory dir = SweepDirectory.open(out, given, resume);
             SweepProgress bar = new SweepProgress(progress.mode)) {
            Interruption.keeps("the finished runs are kept in " + out + " (results.csv); continue with ./attnflow sweep --out " + out + " --resume");
            if (engine != null) {
                outcome = engine.run(dir, spark.isEmpty() ? null : spark, bar);
            } else {
                int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
                outcome = LocalSweep.run(dir, n, limit, !noBatch, bar);
            }
        }
        report(outcome);
        return 0;
    }

    private void report(SweepOutcome o) {
        PrintWriter w = spec.commandLine().getOut();
        String counts = String.format(Locale.ROOT, "%d runs (%d finished earlier, %d now, %d failed), %.3g s", o.total(), o.resumed(), o.ran(),
                o.failed(), o.wallSeconds());
        if (o.complete()) {
            w.printf(Locale.ROOT, "attnflow: sweep %s: %s; wrote %s%n", out, counts, String.join(", ", o.files()));
        } else {
            w.printf(Locale.ROOT, "attnflow: sweep %s: %d of %s; continue with --resume%n", out, o.resumed() + o.ran(), counts);
        }
        if (o.failed() > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "attnflow: %d runs broke down (status failed in the results); they are left out of the aggregates%n", o.failed());
        }
        w.flush();
    }

    /** The Spark engine, present only in a build with the spark profile and with Spark on the class path. */
    private static DistributedSweep sparkEngine() {
        Optional<DistributedSweep> engine;
        try {
            engine = ServiceLoader.load(DistributedSweep.class).findFirst();
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new InputException("--spark: the Spark engine cannot be loaded (Spark is not on the class path: launch attnflow with "
                    + "spark-submit, see README, \"Sweeps on Spark\"; or a stale build: mvn clean): " + e.getMessage());
        }
        return engine.orElseThrow(() -> new InputException("--spark: this build has no Spark engine: build it with mvn -Pspark package (see README, \"Sweeps on Spark\")"));
    }
}
