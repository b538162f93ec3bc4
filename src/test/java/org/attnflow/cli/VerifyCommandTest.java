package org.attnflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.attnflow.cli.ValidateCommandTest.attnflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code attnflow verify} end to end: every shipped example scenario passes (a test-local copy ending at
 * t = {@value #END}, the reference being the expensive part), its JSON report is complete, and bad input exits 2.
 * A run that breaks its promise is {@code VerificationTest}'s subject.
 */
class VerifyCommandTest {
    /** End time of the test-local copies: one save interval or one step of the shipped examples. */
    static final double END = 0.1;
    /** Reference digits: 10^-12 is far below what the examples' double methods promise. */
    static final String DIGITS = "12";

    /** Every scenario file shipped under examples/. */
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("examples"))) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertFalse(all.isEmpty());
            return all.stream();
        }
    }

    /** The example with its end time cut to END (save times and save_every cut with it). */
    static Path shortened(Path example, Path dir) throws IOException {
        ObjectNode s = (ObjectNode) Json.MAPPER.readTree(example.toFile());
        ObjectNode time = (ObjectNode) s.get("time");
        double end = Math.min(END, time.get("end").asDouble());
        time.put("end", end);
        if (time.has("save_every")) time.put("save_every", Math.min(end, time.get("save_every").asDouble()));
        if (time.has("save_times")) {
            ArrayNode kept = Json.MAPPER.createArrayNode();
            for (JsonNode t : time.get("save_times")) if (t.asDouble() < end) kept.add(t);
            kept.add(end);
            time.set("save_times", kept);
        }
        Path copy = dir.resolve(example.getFileName().toString().replace(".json", "") + "-" + example.getParent().getFileName() + ".json");
        Json.write(copy, s);
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyShippedExamplePasses(Path example, @TempDir Path dir) throws IOException {
        Path report = dir.resolve("verify.json");
        ValidateCommandTest.Run r = attnflow("verify", "--scenario", shortened(example, dir).toString(), "--digits", DIGITS, "--report", report.toString());
        assertEquals("", r.err());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("verdict: pass"), r.out());
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertEquals("pass", json.get("verdict").asText());
        JsonNode frames = json.get("per_frame");
        assertTrue(frames.size() >= 2);
        for (JsonNode f : frames) {
            assertTrue(f.get("reference_error").asDouble() < 1e-9, "the reference is far more accurate than what it checks: " + f);
            if (f.has("promise")) assertTrue(f.get("distance").asDouble() <= f.get("promise").asDouble(), f.toString());
        }
        // the public simulator's steps discretise another ODE than the model's (spec/math.md §7.4): no order promised
        boolean publicStep = org.attnflow.model.Method.fromKey(json.get("method").asText()).publicScheme() != null;
        if (json.has("order") && publicStep) {
            assertTrue(json.get("replay").get("max_deviation").asDouble() < 1e-13, json.get("replay").toString());
        } else if (json.has("order")) {
            JsonNode order = json.get("order");
            assertTrue(order.get("matches").asBoolean(), order.toString());
            if (!order.get("used").isNull()) {
                assertEquals(order.get("nominal").asDouble(), order.get("used").asDouble(), 0.3, order.toString());
            }
            JsonNode replay = json.get("replay");
            if (replay.get("available").asBoolean()) assertTrue(replay.get("max_deviation").asDouble() < 1e-13, replay.toString());
        } else {
            assertTrue(json.has("promise"), "an adaptive method is judged by its promise");
        }
    }

    @Test
    void badInputExits2WithOneLineAndWritesNoReport(@TempDir Path dir) throws IOException {
        String base = """
                { "model": { "geometry": "sphere", "mask": "causal", "beta": 4 },
                  "initial": { "n": 3, "d": 2, "kind": "uniform-sphere", "seed": 9 },
                  "time": { "end": 0.2, "save_every": 0.1 },
                  "solver": { "method": "rk4", "step": 0.1 } }""";
        String[][] cases = {
                {"solver is the arbitrary-precision reference", "\"method\": \"rk4\", \"step\": 0.1", "\"method\": \"reference\", \"digits\": 30"},
                {"solver is the arbitrary-precision reference", "\"step\": 0.1 }", "\"step\": 0.1, \"digits\": 30 }"},
                {"nothing to verify", "\"end\": 0.2", "\"end\": 0"},
                {"--digits must be >= 5", "", ""},
                {"scenario file not found", "", ""},
                {"directory", "", ""},
        };
        for (String[] c : cases) {
            Path scenario = dir.resolve("s.json");
            Files.writeString(scenario, c[1].isEmpty() ? base : base.replace(c[1], c[2]));
            assertTrue(c[1].isEmpty() || !Files.readString(scenario).equals(base), "the replacement applies: " + c[0]);
            List<String> args = new ArrayList<>(List.of("verify", "--scenario", scenario.toString(), "--report", dir.resolve("report.json").toString()));
            if (c[0].startsWith("--digits")) args.addAll(List.of("--digits", "3"));
            if (c[0].startsWith("scenario file")) args.set(2, dir.resolve("missing.json").toString());
            if (c[0].equals("directory")) args.set(4, dir.resolve("no/such/report.json").toString());
            ValidateCommandTest.Run r = attnflow(args.toArray(String[]::new));
            assertEquals(Main.EXIT_INPUT, r.code(), c[0] + ": " + r.err() + r.out());
            assertTrue(r.err().startsWith("attnflow: ") && r.err().contains(c[0]), () -> "expected '" + c[0] + "' in: " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("", r.out());
            assertFalse(Files.exists(dir.resolve("report.json")), c[0]);
        }
    }
}
