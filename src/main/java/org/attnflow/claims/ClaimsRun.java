package org.attnflow.claims;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs claim checks one after the other. A check that throws is not allowed to take the others down: its report
 * says inconclusive, marked as an error, with the exception's message.
 */
public final class ClaimsRun {
    private ClaimsRun() {}

    /** Runs {@code claims}, writing figures under {@code outputDir}; {@code progress} hears of each finished claim. */
    public static List<ClaimReport> run(List<Claim> claims, boolean quick, Path outputDir, Consumer<ClaimReport> progress) {
        List<ClaimReport> out = new ArrayList<>();
        for (Claim c : claims) {
            ClaimReport r = new ClaimReport(c.id(), c.statement(), c.source());
            long t0 = System.nanoTime();
            try {
                c.check(new ClaimContext(quick, outputDir, r), r);
            } catch (RuntimeException | StackOverflowError e) {
                r.failed(e);
            }
            r.seconds((System.nanoTime() - t0) * 1e-9);
            out.add(r);
            progress.accept(r);
        }
        return out;
    }
}
