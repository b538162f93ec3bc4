package org.attnflow.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.attnflow.analysis.RenyiEnsemble;
import org.attnflow.io.InputException;
import org.attnflow.io.Json;
import org.attnflow.io.Resources;
import org.attnflow.model.DecimalMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnflow renyi}: Monte Carlo of Rényi centre counts for i.i.d. uniform tokens, against theory. */
@Command(name = "renyi", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Count ordinary and strong Rényi centres ([KPR] §5) of n i.i.d. uniform tokens on S^(d-1), over many runs.",
                "",
                "Separation delta = c beta^(-1/2), geodesic distance. Prints JSON: mean, standard deviation and standard error "
                        + "of both counts, and the theory: strong (1 - (1 - s)^n)/s with s the normalised measure of a cap of "
                        + "radius delta (pi/delta on the circle as n grows), ordinary 0.7475979... 2 pi/delta on the circle (Renyi's "
                        + "parking constant). Run r uses the tokens of a uniform-sphere start with seed SEED + r."})
final class RenyiCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Tokens per run.")
    private int n;

    @Option(names = "--d", required = true, paramLabel = "D", description = "Dimension (tokens on S^(D-1)), D >= 2.")
    private int d;

    @Option(names = "--beta", required = true, paramLabel = "B", description = "Inverse temperature beta > 0.")
    private double beta;

    @Option(names = "--c", defaultValue = "4", paramLabel = "C", description = "Separation constant, delta = C beta^(-1/2) (default: ${DEFAULT-VALUE}).")
    private double c;

    @Option(names = "--runs", required = true, paramLabel = "R", description = "Number of runs.")
    private int runs;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed of run 0 (run r uses S + r).")
    private long seed;

    @Mixin
    private ProgressOption progress;

    @Override
    public Integer call() throws Exception {
        if (n < 1) throw new InputException("--n must be >= 1, got " + n);
        if (d < 2) throw new InputException("--d must be >= 2 (tokens on a sphere S^(d-1)), got " + d);
        if (!(beta > 0) || !Double.isFinite(beta)) throw new InputException("--beta must be a finite number > 0, got " + beta);
        if (!(c > 0) || !Double.isFinite(c)) throw new InputException("--c must be a finite number > 0, got " + c);
        if (runs < 1) throw new InputException("--runs must be >= 1, got " + runs);
        if ((long) n * runs > 2_000_000_000L) throw new InputException("--n times --runs is too large (" + (long) n * runs + " tokens)");
        Resources.requireHeap((double) n * d * DecimalMatrix.BYTES_PER_ENTRY, String.format(Locale.ROOT,
                "renyi --n %d --d %d: each run generates %d tokens in R^%d (as a scenario start, exact decimals)", n, d, n, d), "lower --n");
        RenyiEnsemble e;
        try (RunProgress bar = new RunProgress(progress.mode, "renyi", runs, "runs", Double.NaN)) {
            e = RenyiEnsemble.run(n, d, beta, c, runs, seed, bar::stepTo);
        }
        spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(e.toJson()));
        return 0;
    }
}
