package org.attnflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.claims.Catalogue;
import org.attnflow.claims.Claim;
import org.attnflow.claims.ClaimReport;
import org.attnflow.claims.ClaimsRun;
import org.attnflow.claims.ReportWriter;
import org.attnflow.io.InputException;
import org.attnflow.io.Json;
import org.attnflow.io.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnflow claims}: check the papers' claims (the {@link Catalogue}) and write the evidence. */
@Command(name = "claims", sortOptions = false, mixinStandardHelpOptions = true,
        description = "(set by description(): the claims named from the catalogue)")
final class ClaimsCommand implements Callable<Integer> {
    /** Wall time of {@code --quick} and of the full run, all claims, as promised on 2 busy cores (measured idle: 8.8 s and 15-17 s; README). */
    static final int QUICK_SECONDS = 15;
    static final int FULL_SECONDS = 30;

    @Spec
    private CommandSpec spec;

    /** The help's description: the claims and the sections citing them from the catalogue, the times from the constants. */
    static String[] description() {
        List<Claim> all = Catalogue.all();
        return new String[] {
                "Check the claims " + all.get(0).id() + "-" + all.get(all.size() - 1).id() + " (C1-C11: spec/math.md §4, C12-C15: spec/math.md §7.5) "
                        + "on stated scenarios and seeds, with reproductions of the papers' figures.",
                "",
                "Writes DIR/claims.json (per claim: id, statement, verdict holds|violated|inconclusive with the reason, measured "
                        + "numbers beside the paper's, figures, seeds, arithmetic, every scenario run), DIR/report.html (evidence "
                        + "tables, figures inline, works offline), DIR/figures/*.png|svg|pdf and DIR/run.json. DIR appears complete "
                        + "or not at all. --quick runs a reduced set in up to about " + QUICK_SECONDS + " s; the full run takes up to about "
                        + FULL_SECONDS + " s on 2 busy cores (9 s and 16 s measured on 2 idle ones). One line on stderr per claim as it finishes."};
    }

    @Option(names = "--only", split = ",", paramLabel = "C1,C3", description = "Only these claims.")
    private List<String> only;

    @Option(names = "--quick", description = "Reduced scenarios, seeds and horizons.")
    private boolean quick;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory to create.")
    private Path out;

    @Option(names = "--force", description = "Replace DIR if it holds an earlier attnflow output (run.json) or is empty.")
    private boolean force;

    @Override
    public Integer call() {
        List<Claim> claims;
        try {
            claims = Catalogue.select(only);
        } catch (IllegalArgumentException e) {
            throw new InputException("--only: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        spec.commandLine().getErr().printf(Locale.ROOT, "attnflow: checking %d claim%s (all of them take up to about %s%s on 2 busy cores); one line each as it finishes%n",
                claims.size(), claims.size() == 1 ? "" : "s", (quick ? QUICK_SECONDS : FULL_SECONDS) + " s", quick ? " with --quick" : "");
        spec.commandLine().getErr().flush();
        List<ClaimReport> reports;
        try (RunDirectory dir = RunDirectory.create(out, force)) {
            reports = ClaimsRun.run(claims, quick, dir.path(), r -> spec.commandLine().getErr().printf(Locale.ROOT,
                    "attnflow: %s %s (%.1f s): %s%n", r.id(), r.verdict().key(), r.seconds(), r.reason()));
            double seconds = (System.nanoTime() - t0) * 1e-9;
            ReportWriter.write(dir.path(), reports, quick, seconds);
            ObjectNode record = Json.MAPPER.createObjectNode();
            record.put("command", "claims");
            record.put("mode", quick ? "quick" : "full");
            claims.forEach(c -> record.withArray("claims").add(c.id()));
            record.put("wall_time_seconds", seconds);
            Json.write(dir.resolve(RunDirectory.MARKER), record);
            dir.commit();
        }
        long errors = reports.stream().filter(ClaimReport::error).count();
        spec.commandLine().getOut().printf(Locale.ROOT, "attnflow: wrote %s: claims.json, report.html; %d claims, %d holds, %d violated, %d inconclusive%s, %.1f s%n",
                out, reports.size(), count(reports, "holds"), count(reports, "violated"), count(reports, "inconclusive"),
                errors > 0 ? " (" + errors + " with errors)" : "", (System.nanoTime() - t0) * 1e-9);
        return errors > 0 ? Main.EXIT_FAILED : 0;
    }

    private static long count(List<ClaimReport> reports, String verdict) {
        return reports.stream().filter(r -> r.verdict().key().equals(verdict)).count();
    }
}
