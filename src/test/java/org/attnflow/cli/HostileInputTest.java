package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.attnflow.io.InputFiles;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyWriter;
import org.attnflow.io.Resources;
import org.attnflow.io.RunDirectory;
import org.attnflow.model.SolverSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14's hostile inputs, in-process and with small limits: each is refused before any work with one line and
 * the right exit code, never a hang or a stack trace, and nothing is left half-written. The machine's heap and free
 * disk are replaced by small figures ({@link Resources#override}) so that a 10^7-frame verify or a 61 GB output is
 * refused without allocating or writing it.
 */
class HostileInputTest {
    @TempDir
    Path tmp;

    private static final String SMALL = """
            { "model": { "geometry": "sphere", "beta": 1 },
              "initial": { "n": 4, "d": 2, "kind": "uniform-sphere", "seed": 1 },
              "time": { "end": 1, "save_every": 0.5 },
              "solver": SOLVER }""";

    private Path scenario(String solver) throws IOException {
        Path f = tmp.resolve("s.json");
        Files.writeString(f, SMALL.replace("SOLVER", solver));
        return f;
    }

    private static void oneLine(CommandRunner r, int exit, String... expected) {
        assertEquals(exit, r.exit(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("attnflow: "), err);
        for (String e : expected) assertTrue(err.contains(e), "expected '" + e + "' in: " + err);
        for (String leak : new String[] {"Exception", "com.fasterxml", "StreamReadConstraints", "\tat "}) {
            assertFalse(err.contains(leak), "no Java internals: " + err);
        }
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("partial") || n.startsWith("out")).toList();
        }
    }

    // ------------------------------------------------------------------ steps, digits, tolerances: counted up front

    @Test
    void aStepOf1e300IsRefusedBeforeTheRunNotRunForever() throws IOException {
        Path s = scenario("{ \"method\": \"rk4\", \"step\": 1e-300 }");
        oneLine(CommandRunner.run("simulate", "--scenario", s.toString(), "--out", tmp.resolve("out").toString()), 2,
                "s.json: solver.step: a step of 1e-300 over a time span of 1 takes about 1.00e+300 steps; at most 1e+09");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void validateStepOf1e300IsRefusedBeforeTheReplay() throws IOException {
        Path s = scenario("{ \"method\": \"euler-postln\", \"step\": 0.1 }");
        Path run = tmp.resolve("run");
        assertEquals(0, CommandRunner.run("simulate", "--scenario", s.toString(), "--out", run.toString()).exit());
        oneLine(CommandRunner.run("validate", "--scenario", s.toString(), "--trajectory", run.resolve("trajectory.npy").toString(),
                "--times", run.resolve("times.npy").toString(), "--step", "1e-300"), 2, "--step a step of 1e-300", "at most 1e+09");
    }

    @Test
    void digitsBeyondTheCapAreRefusedWithTheReason() throws IOException {
        Path s = scenario("{ \"method\": \"reference\", \"digits\": 1000000000 }");
        oneLine(CommandRunner.run("simulate", "--scenario", s.toString(), "--out", tmp.resolve("out").toString()), 2,
                "solver.digits: must be <= " + SolverSettings.MAX_DIGITS + ", got 1000000000", "an oracle for double solvers needs 20-50");
        oneLine(CommandRunner.run("verify", "--scenario", s.toString(), "--digits", "1000000"), 2, "--digits must be <= 1000");
        oneLine(CommandRunner.run("validate", "--scenario", s.toString(), "--trajectory", "x.npy", "--digits", "1000000"), 2, "--digits must be <= 1000");
    }

    @Test
    void anRtolBelowWhatDoubleCanHonourIsRefusedUpFront() throws IOException {
        Path s = scenario("{ \"method\": \"dopri5\", \"rtol\": 1e-300, \"atol\": 1e-300 }");
        oneLine(CommandRunner.run("simulate", "--scenario", s.toString(), "--out", tmp.resolve("out").toString()), 2,
                "solver.rtol: must be >= 2.2e-14 (100 units in the last place of 1", "got 1e-300");
        // verify reruns at rtol/10: an rtol the run honours but its tenth does not is refused before anything runs
        Path edge = scenario("{ \"method\": \"dopri5\", \"rtol\": 1e-13 }");
        oneLine(CommandRunner.run("verify", "--scenario", edge.toString()), 2, "verify reruns at rtol/10", "give rtol >= 2.2e-13");
    }

    // ------------------------------------------------------------------ memory and disk against the machine

    @Test
    void verifyOfManyFramesIsRefusedAgainstTheHeapBeforeAnyRun() throws IOException {
        Path s = tmp.resolve("s.json");
        Files.writeString(s, SMALL.replace("\"save_every\": 0.5", "\"save_every\": 0.0000001").replace("SOLVER", "{ \"method\": \"dopri5\" }"));
        try (Resources.Limits ignored = Resources.override(64L << 20, null)) {
            oneLine(CommandRunner.run("verify", "--scenario", s.toString()), 2,
                    "verify holds 2 double runs of 10000001 frames x 4 tokens x 2 coordinates: needs about 1.76 GB of memory",
                    "JAVA_OPTS=-Xmx", "save fewer frames");
        }
    }

    @Test
    void anOutputLargerThanTheFreeDiskIsRefusedAndNothingIsLeft() throws IOException {
        Path s = tmp.resolve("s.json");
        Files.writeString(s, SMALL.replace("\"n\": 4", "\"n\": 1000").replace("\"save_every\": 0.5", "\"save_every\": 0.001")
                .replace("SOLVER", "{ \"method\": \"dopri5\" }"));
        try (Resources.Limits ignored = Resources.override(null, 10L << 20)) {
            oneLine(CommandRunner.run("simulate", "--scenario", s.toString(), "--out", tmp.resolve("out").toString()), 2,
                    "1001 frames of 1000 tokens on the circle S^1 (npy): would write about 16.0 MB", "free", "write elsewhere (--out)");
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void renyiOfABillionTokensIsRefusedAgainstTheHeap() {
        oneLine(CommandRunner.run("renyi", "--n", "1000000000", "--d", "2", "--beta", "1", "--runs", "1", "--seed", "1"), 2,
                "renyi --n 1000000000 --d 2", "needs about 272 GB of memory", "lower --n");
    }

    @Test
    void aScenarioTooLargeOrNotAFileIsRefusedWithoutReadingIt() throws IOException {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            oneLine(CommandRunner.run("simulate", "--scenario", zero.toString(), "--out", tmp.resolve("out").toString()), 2,
                    "scenario /dev/zero is not a regular file");
        }
        Path huge = tmp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(InputFiles.MAX_JSON_BYTES + 1); // sparse: nothing is written
        }
        oneLine(CommandRunner.run("simulate", "--scenario", huge.toString(), "--out", tmp.resolve("out").toString()), 2,
                "scenario file " + huge + " is 67108865 bytes, more than the 64 MiB a scenario may be");
        oneLine(CommandRunner.run("simulate", "--scenario", tmp.toString(), "--out", tmp.resolve("out").toString()), 2, "is a directory, not a file");
    }

    // ------------------------------------------------------------------ an OutOfMemoryError anywhere: one line, exit 1, no output left

    @Test
    void anOutOfMemoryErrorBecomesOneLineAndTheOutputDirectoryIsRemoved() {
        Path target = tmp.resolve("out");
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("oom", new CommandLine(new RunsOutOfMemory(target)));
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = Main.execute(cl, new String[] {"oom"});
        assertEquals(1, exit);
        String line = err.toString().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("attnflow: out of memory (the JVM's heap is "), line);
        assertTrue(line.contains("JAVA_OPTS=-Xmx") && line.contains("partial output was removed"), line);
        assertFalse(Files.exists(target));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "the partial directory is deleted as the error passes");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A command that runs out of memory half-way through writing its output directory. */
    @CommandLine.Command(name = "oom")
    static final class RunsOutOfMemory implements Callable<Integer> {
        private final Path target;

        RunsOutOfMemory(Path target) { this.target = target; }

        @Override
        public Integer call() throws IOException {
            try (RunDirectory dir = RunDirectory.create(target, false)) {
                Files.writeString(dir.resolve("half.npy"), "half a trajectory");
                throw new OutOfMemoryError("Java heap space");
            }
        }
    }

    // ------------------------------------------------------------------ bad files: named by file, line, frame, token

    @Test
    void aLatin1CommentLineInACsvIsBadInputNamingFileAndLine() throws IOException {
        Path s = scenario("{ \"method\": \"euler-postln\", \"step\": 0.5 }");
        Path csv = tmp.resolve("theirs.csv");
        String body = "t,token,x1,x2\n# r\u00e9sum\u00e9 of the run\n0,0,1,0\n";
        Files.write(csv, body.getBytes(StandardCharsets.ISO_8859_1));
        oneLine(CommandRunner.run("validate", "--scenario", s.toString(), "--trajectory", csv.toString()), 2,
                csv + ": line 2, column 4: byte 0xE9 is not UTF-8 text");
    }

    @Test
    void aNanInARunDirectoryIsBadInputForAnalyzeAndPlot() throws IOException {
        Path s = scenario("{ \"method\": \"rk4\", \"step\": 0.1 }");
        Path run = tmp.resolve("run");
        assertEquals(0, CommandRunner.run("simulate", "--scenario", s.toString(), "--out", run.toString()).exit());
        Path trajectory = run.resolve("trajectory.npy");
        double[] all = Npy.readAll(trajectory);
        all[2 * 8 + 3 * 2 + 1] = Double.NaN; // frame 2, token 3, coordinate 1
        Files.delete(trajectory);
        try (NpyWriter w = Npy.create(trajectory, new long[] {3, 4, 2})) {
            w.write(all, 0, all.length);
        }
        for (String command : new String[] {"analyze", "plot"}) {
            oneLine(CommandRunner.run(command, "--run", run.toString()), 2, trajectory + ": frame 2, token 3, coordinate 1 is NaN");
        }
        assertFalse(Files.exists(run.resolve("figures")));
    }

    @Test
    void messagesSpeakOfTheInputNotOfTheParser() throws IOException {
        Path s = tmp.resolve("s.json");
        Files.writeString(s, SMALL.replace("\"beta\": 1", "\"beta\": 1." + "1".repeat(1500)).replace("SOLVER", "{}"));
        oneLine(CommandRunner.run("simulate", "--scenario", s.toString(), "--out", tmp.resolve("out").toString()), 2,
                "characters, more than the 1000 a number may have");
        Files.writeString(s, "{\"description\": " + "[".repeat(1200) + "]".repeat(1200) + "}");
        oneLine(CommandRunner.run("simulate", "--scenario", s.toString(), "--out", tmp.resolve("out").toString()), 2, "nested 1001 deep");
        Files.writeString(s, SMALL.replace("SOLVER", "{}").replace("\"kind\": \"uniform-sphere\", \"seed\": 1", "\"points\": []")
                .replace("\"n\": 4, \"d\": 2, ", ""));
        oneLine(CommandRunner.run("simulate", "--scenario", s.toString(), "--out", tmp.resolve("out").toString()), 2,
                "initial.points: expected a non-empty list of rows, got an empty list");
        Path scenario = scenario("{ \"method\": \"rk4\", \"step\": 0.1 }");
        oneLine(CommandRunner.run("validate", "--scenario", scenario.toString(), "--trajectory", tmp.toString()), 2,
                "trajectory " + tmp + " is a directory, not a file");
        // a damaged sweep record: the parser's location, not its configuration ("StreamReadFeature...")
        Path sweep = tmp.resolve("sweep");
        Files.writeString(tmp.resolve("sweep.json"), org.attnflow.sweep.SweepFixtures.SMALL);
        assertEquals(0, CommandRunner.run("sweep", "--spec", tmp.resolve("sweep.json").toString(), "--out", sweep.toString(), "--limit", "1").exit());
        Files.writeString(sweep.resolve("sweep.json"), "{\"source\": [1, 2");
        oneLine(CommandRunner.run("sweep", "--out", sweep.toString(), "--resume"), 2,
                "sweep.json: malformed JSON at line 1, column 17: Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 12)");
        // a byte-order mark is not an error
        Files.write(scenario, ("\uFEFF" + Files.readString(scenario)).getBytes(StandardCharsets.UTF_8));
        assertEquals(0, CommandRunner.run("simulate", "--scenario", scenario.toString(), "--out", tmp.resolve("bom").toString()).exit());
    }
}
