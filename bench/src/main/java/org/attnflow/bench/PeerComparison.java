package org.attnflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attnflow.field.AttentionField;
import org.attnflow.io.Npy;

/**
 * Our side of bench/compare-peers.sh: times one field evaluation ({@code attend}) of the {@link Workload} for
 * each configuration and writes, per configuration, the tokens and our output as .npy (so that the peers'
 * scripts compute from the same tokens and check that they get the same numbers) and one JSON line of timings.
 *
 * <p>Usage: {@code PeerComparison OUT_DIR IMPL THREADS MIN_SECONDS n:d:mask ...} (IMPL scalar|simd, THREADS 0 =
 * all cores). Timing: a warm-up of at least {@value #WARMUP_SECONDS} s and 10 evaluations (until the JIT has compiled
 * the kernels: the Vector API runs ~1000× slower in the interpreter, and on a loaded machine the compiler threads
 * need seconds), then evaluations until MIN_SECONDS have passed (at least 5); the median wall time is reported,
 * with min and max.
 */
public final class PeerComparison {
    private PeerComparison() {}

    static final double WARMUP_SECONDS = 5;

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            System.err.println("usage: PeerComparison OUT_DIR scalar|simd THREADS MIN_SECONDS n:d:mask ...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String impl = args[1];
        int threads = Integer.parseInt(args[2]);
        double minSeconds = Double.parseDouble(args[3]);
        Files.createDirectories(dir);
        for (String config : Arrays.copyOfRange(args, 4, args.length)) {
            String[] p = config.split(":");
            int n = Integer.parseInt(p[0]), d = Integer.parseInt(p[1]);
            String mask = p[2];
            double[] x = Workload.tokens(n, d);
            double[] out = new double[x.length];
            AttentionField field = Workload.field(impl, Workload.model(mask, d), n, threads);
            List<Double> times = time(field, x, out, minSeconds);
            String stem = "n" + n + "_d" + d + "_" + mask;
            Npy.write(dir.resolve(stem + "_x.npy"), x);
            Npy.write(dir.resolve(stem + "_out_" + impl + ".npy"), out);
            double median = times.get(times.size() / 2);
            System.out.println(String.format(Locale.ROOT,
                    "{\"impl\": \"%s\", \"threads\": %d, \"n\": %d, \"d\": %d, \"mask\": \"%s\", \"seconds\": %.6e, \"min\": %.6e, \"max\": %.6e, \"reps\": %d}",
                    impl, threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                    n, d, mask, median, times.get(0), times.get(times.size() - 1), times.size()));
        }
    }

    /** Sorted wall times of the measured evaluations. */
    static List<Double> time(AttentionField field, double[] x, double[] out, double minSeconds) {
        long warmEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        for (int i = 0; i < 10 || System.nanoTime() < warmEnd; i++) field.attend(x, out);
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (minSeconds * 1e9);
        while (times.size() < 5 || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            field.attend(x, out);
            times.add((System.nanoTime() - t0) / 1e9);
        }
        times.sort(null);
        return times;
    }
}
