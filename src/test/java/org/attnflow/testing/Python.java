package org.attnflow.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The tests that check attnflow against an independent Python code (NumPy, mpmath). {@code .ci/run} installs
 * python3 and the Debian packages they need; where they are still missing (a developer's machine) such a test is
 * skipped, and says so LOUDLY: a banner on stderr, which the build output shows, and a JUnit assumption whose
 * message names the missing module and the package that brings it.
 */
public final class Python {
    /** How long one python3 program may run before the test fails. */
    private static final long TIMEOUT_SECONDS = 120;

    private Python() {}

    /**
     * Skips the calling test, with a banner on stderr, unless {@code python3 -c "import <modules>"} succeeds.
     *
     * @param check   what the test checks, for the banner ("the NumPy interop of Npy")
     * @param modules the Python modules it imports ("numpy", "mpmath")
     */
    public static void assumeModules(String check, String... modules) {
        String imports = String.join(", ", modules);
        String failure = probe("import " + imports);
        if (failure == null) return;
        List<String> packages = new ArrayList<>();
        for (String m : modules) packages.add("python3-" + m);
        String reason = "SKIPPED: " + check + ": python3 with " + imports + " is not available (" + failure
                + "); install python3 " + String.join(" ", packages) + " (Debian), as .ci/run does";
        String bar = "!".repeat(Math.min(120, reason.length()));
        System.err.println(bar);
        System.err.println(reason);
        System.err.println(bar);
        assumeTrue(false, reason);
    }

    /** Runs {@code python3 -c program args...}; its output lines, or an IOException naming the failure. */
    public static List<String> run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", program));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python3 did not finish within " + TIMEOUT_SECONDS + " s");
        }
        List<String> lines;
        try {
            lines = new String(output.get(), StandardCharsets.UTF_8).lines().toList();
        } catch (ExecutionException e) {
            throw new IOException("cannot read python3's output", e.getCause());
        }
        if (p.exitValue() != 0) throw new IOException("python3 failed (exit " + p.exitValue() + "): " + String.join("\n", lines));
        return lines;
    }

    /** Null when the program runs, else why not (no python3, or the import failed). */
    private static String probe(String program) {
        try {
            run(program);
            return null;
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            return m.startsWith("python3 failed") ? "the import failed" : "no python3 on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
