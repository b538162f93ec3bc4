package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.io.Json;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Decimals;
import org.attnflow.plot.Animation;
import org.attnflow.sweep.SweepFixtures;
import org.attnflow.verify.Dopri5Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's outputs: what a user reads and shares. Help texts built from the code's constants and citing what the
 * repository holds; files readable by collaborators (the umask's mode, not 0600); times as the decimals they stand
 * for; one row per token; words that fit the run; SVG and PDF beside every PNG; the animation; the estimate before a
 * long reference run; what an interrupt says.
 */
class OutputsTest {
    @TempDir
    Path tmp;

    private Path write(String name, String json) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private static final String CIRCLE = """
            { "model": { "geometry": "sphere", "beta": 4 },
              "initial": { "n": 6, "d": 2, "kind": "uniform-sphere", "seed": 2 },
              "time": { "end": 0.3, "save_every": 0.1 },
              "solver": { "method": "rk4", "step": 0.05 } }""";

    @Test
    void helpTextsComeFromTheConstantsAndCiteWhatTheRepositoryHolds() throws IOException {
        CommandRunner verify = CommandRunner.run("verify", "--help");
        assertTrue(verify.out().replaceAll("\\s+", " ").contains("K = " + Decimals.show(Dopri5Promise.K) + ","), verify.out());
        String claims = CommandRunner.run("claims", "--help").out();
        Matcher m = Pattern.compile("spec/math\\.md §([\\d.]+\\d)").matcher(claims);
        String spec = Files.readString(Path.of("spec/math.md"));
        int cited = 0;
        while (m.find()) {
            cited++;
            assertTrue(Pattern.compile("\n#+ §" + Pattern.quote(m.group(1)) + " ").matcher(spec).find(),
                    "spec/math.md has the section claims --help cites (§" + m.group(1) + ")");
        }
        assertTrue(cited >= 1, "claims --help cites spec/math.md: " + claims);
        assertTrue(claims.contains("Check the claims C1-C" + org.attnflow.claims.Catalogue.all().size()), "the claims named from the catalogue");
        assertTrue(CommandRunner.run("validate", "--help").out().contains("default: 1e-10"), "validate's tolerance from Validation.DEFAULT_TOLERANCE");
    }

    @Test
    void reportsAreReadableByCollaboratorsLikeAnyFileTheUserCreates() throws IOException {
        Path s = write("circle.json", CIRCLE);
        Path run = tmp.resolve("run");
        assertEquals(0, CommandRunner.run("simulate", "--scenario", s.toString(), "--out", run.toString()).exit());
        Path analysis = tmp.resolve("analysis.json");
        assertEquals(0, CommandRunner.run("analyze", "--run", run.toString(), "--out", analysis.toString()).exit());
        Path report = tmp.resolve("validate.json");
        CommandRunner v = CommandRunner.run("validate", "--scenario", s.toString(), "--trajectory", run.resolve("trajectory.npy").toString(),
                "--times", run.resolve("times.npy").toString(), "--digits", "12", "--report", report.toString());
        assertTrue(Files.exists(report), v.err());
        Path plain = Files.createFile(tmp.resolve("plain.txt")); // what the umask gives a new file
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertTrue(expected.contains(PosixFilePermission.GROUP_READ) || expected.size() <= 2, "test precondition: a usual umask");
        for (Path p : List.of(analysis, report, run.resolve("run.json"), run.resolve("trajectory.npy"))) {
            assertEquals(expected, Files.getPosixFilePermissions(p), p + " has the umask's mode (not createTempFile's 0600)");
        }
    }

    @Test
    void analyzeWritesTimesAsTheirDecimalsAndOneRowPerCentre() throws IOException {
        Path s = write("circle.json", CIRCLE);
        Path run = tmp.resolve("run");
        CommandRunner sim = CommandRunner.run("simulate", "--scenario", s.toString(), "--out", run.toString());
        assertTrue(sim.out().contains("4 frames of 6 tokens on the circle S^1"), sim.out());
        CommandRunner a = CommandRunner.run("analyze", "--run", run.toString());
        assertEquals(0, a.exit(), a.err());
        assertFalse(a.out().contains("0.30000000000000004"), "3 x 0.1 is written as 0.3");
        JsonNode j = Json.MAPPER.readTree(a.out());
        assertEquals("0.3", j.path("clusters").path("times").get(3).decimalValue().toPlainString());
        assertEquals("0.3", j.path("t_end").decimalValue().toPlainString());
        for (JsonNode centre : j.path("clusters").path("final_centres")) {
            assertTrue(centre.isArray() && centre.size() == 2, "one row of d numbers per centre: " + centre);
        }
    }

    @Test
    void euclideanRunsSayRdLabelZColumnsAndClaimNoNormDrift() throws IOException {
        Path s = write("m4.json", """
                { "model": { "geometry": "euclidean", "beta": 1 },
                  "initial": { "n": 3, "d": 2, "kind": "gaussian", "seed": 4 },
                  "time": { "end": 0.2, "save_every": 0.1 },
                  "solver": { "method": "rk4", "step": 0.1 } }""");
        Path run = tmp.resolve("run");
        CommandRunner sim = CommandRunner.run("simulate", "--scenario", s.toString(), "--out", run.toString(), "--format", "csv");
        assertTrue(sim.out().contains("tokens on R^2"), sim.out());
        assertEquals("t,token,z1,z2", Files.readAllLines(run.resolve("z.csv")).get(0));
        assertEquals("t,token,x1,x2", Files.readAllLines(run.resolve("trajectory.csv")).get(0));
        assertFalse(Json.MAPPER.readTree(run.resolve("run.json").toFile()).has("max_norm_drift"), "no norm invariant in R^d");
        Path sphere = tmp.resolve("sphere");
        CommandRunner s3 = CommandRunner.run("simulate", "--scenario", write("s3.json", CIRCLE.replace("\"d\": 2", "\"d\": 3")).toString(),
                "--out", sphere.toString());
        assertTrue(s3.out().contains("tokens on the sphere S^2"), "not 'tokens in R^3': " + s3.out());
        assertTrue(Json.MAPPER.readTree(sphere.resolve("run.json").toFile()).has("max_norm_drift"));
    }

    @Test
    void plotWritesSvgAndPdfBesideEveryPngAndALoopingAnimation() throws IOException {
        Path s = write("circle.json", CIRCLE.replace("\"end\": 0.3", "\"end\": 2"));
        Path run = tmp.resolve("run");
        assertEquals(0, CommandRunner.run("simulate", "--scenario", s.toString(), "--out", run.toString()).exit());
        CommandRunner p = CommandRunner.run("plot", "--run", run.toString(), "--animate");
        assertEquals(0, p.exit(), p.err());
        Path figures = run.resolve("figures");
        List<String> pngs;
        try (var list = Files.list(figures)) {
            pngs = list.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
        }
        assertTrue(pngs.size() >= 5, pngs.toString());
        for (String png : pngs) {
            String base = png.substring(0, png.length() - 4);
            assertTrue(Files.readString(figures.resolve(base + ".svg")).contains("<svg"), base + ".svg");
            byte[] pdf = Files.readAllBytes(figures.resolve(base + ".pdf"));
            assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII), base + ".pdf");
        }
        Path gif = figures.resolve("trajectory.gif");
        byte[] bytes = Files.readAllBytes(gif);
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("NETSCAPE2.0"), "the animation loops");
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            int frames = reader.getNumImages(true);
            assertEquals(21, frames, "every saved frame of a short run");
            assertTrue(reader.read(0).getWidth() <= Animation.SIZE);
        }
        // a long run is subsampled evenly, its first and last frames always shown
        assertEquals(List.of(0, 50, 99), java.util.Arrays.stream(Animation.frames(100, 3)).boxed().toList());
    }

    @Test
    void aLongReferenceRunIsAnnouncedWithAnEstimate() throws IOException {
        String json = Files.readString(Path.of("examples/causal-circle.json"))
                .replace("\"method\": \"dopri5\", \"rtol\": 1e-8, \"atol\": 1e-10", "\"method\": \"reference\", \"digits\": 20");
        StringWriter err = new StringWriter();
        StageProgress.announce(new PrintWriter(err, true), "reference", ScenarioReader.parse(json, "cc.json").scenario());
        assertTrue(err.toString().matches("attnflow: the reference \\(32 tokens in R\\^2, 201 frames to t = 20\\) will take about \\d+ min \\(a rough estimate\\)\\s*"),
                err.toString());
        StringWriter quiet = new StringWriter();
        StageProgress.announce(new PrintWriter(quiet, true), "reference", ScenarioReader.parse(CIRCLE.replace("\"method\": \"rk4\", \"step\": 0.05",
                "\"method\": \"reference\", \"digits\": 12"), "c.json").scenario());
        assertEquals("", quiet.toString(), "a short reference run is not announced");
    }

    @Test
    void anInterruptedSweepSaysHowToContinue() throws IOException {
        Path spec = write("sweep.json", SweepFixtures.SMALL);
        Path out = tmp.resolve("sweep");
        assertEquals(0, CommandRunner.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--limit", "1").exit());
        assertTrue(Interruption.message().contains("attnflow: interrupted; the finished runs are kept in " + out
                + " (results.csv); continue with ./attnflow sweep --out " + out + " --resume"), Interruption.message());
        CommandRunner.run("renyi", "--n", "3", "--d", "2", "--beta", "1", "--runs", "1", "--seed", "1");
        assertTrue(Interruption.message().contains("interrupted; nothing was written"), "each command starts from 'nothing was written'");
    }

    /** Ctrl-C (SIGINT) in a real JVM: the progress line is finished, one line says so, exit 130, nothing left behind. */
    @Test
    void ctrlCSaysInterruptedEndsTheProgressLineAndExits130() throws Exception {
        Path s = write("long.json", """
                { "model": { "geometry": "sphere", "beta": 4 },
                  "initial": { "n": 1500, "d": 3, "kind": "uniform-sphere", "seed": 2 },
                  "time": { "end": 1000, "save_every": 1 },
                  "solver": { "method": "rk4", "step": 0.01, "field": "scalar" } }""");
        Path out = tmp.resolve("out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "simulate", "--scenario", s.toString(), "--out", out.toString(),
                "--progress", "always");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path errFile = tmp.resolve("err.txt");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        Thread.sleep(RunProgress.DELAY.toMillis() + 2500); // the bar is drawn
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM exits on Ctrl-C");
        String err = Files.readString(errFile);
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("\nattnflow: interrupted; nothing was written"), "the bar's line is ended first: " + err);
        assertFalse(Files.exists(out));
        try (var list = Files.list(tmp)) {
            assertTrue(list.noneMatch(f -> f.getFileName().toString().contains("partial")), "the partial output is removed");
        }
    }
}
