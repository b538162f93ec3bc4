package org.attnflow.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioReaderTest {

    private static final String MINIMAL = """
            { "model": { "geometry": "sphere" },
              "initial": { "n": 4, "d": 3, "kind": "uniform-sphere", "seed": 7 },
              "time": { "end": 1, "save_every": 0.25 } }""";

    private static LoadedScenario parse(String json) {
        return ScenarioReader.parse(json, "test.json");
    }

    private static String error(String json) {
        return assertThrows(InputException.class, () -> parse(json)).getMessage();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Scenario s = parse(MINIMAL).scenario();
        assertEquals(Geometry.SPHERE, s.model().geometry());
        assertEquals(Mask.FULL, s.model().mask());
        assertEquals(Normalization.SOFTMAX, s.model().normalization());
        assertEquals(0, s.model().beta().compareTo(BigDecimal.ONE));
        assertTrue(s.model().q().isIdentity() && s.model().k().isIdentity() && s.model().v().isIdentity());
        assertEquals(Method.DOPRI5, s.solver().method());
        assertEquals(1e-8, s.solver().rtol());
        assertEquals(1e-10, s.solver().atol());
        assertNull(s.solver().digits());
        assertEquals(FieldKind.AUTO, s.solver().field());
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, s.time().times());
    }

    @Test
    void numbersStayTheExactDecimalsWritten() {
        LoadedScenario loaded = parse("""
                { "model": { "geometry": "euclidean", "beta": 0.1,
                             "V": [[0.1, 0.20], [-0.3, 1e-30]] },
                  "initial": { "points": [[0.1, 0.7], [3.0000000000000000000001, -0.1]] },
                  "time": { "end": 0.3, "save_times": [0.1, 0.3] },
                  "solver": { "method": "rk4", "step": 0.1 } }""");
        Scenario s = loaded.scenario();
        // exactly one tenth, not the double nearest to it
        assertEquals(new BigDecimal("0.1"), s.model().beta());
        assertEquals(new BigDecimal("0.20"), s.model().v().get(0, 1));
        assertEquals(new BigDecimal("1e-30"), s.model().v().get(1, 1));
        assertEquals(new BigDecimal("3.0000000000000000000001"), s.initial().points().get(1, 0));
        assertEquals(InitialKind.POINTS, s.initial().kind());
        assertEquals(2, s.initial().n());

        // the as-run JSON carries the same decimals, and reading it back gives the same scenario
        String written = Json.MAPPER.valueToTree(loaded.asRun()).toString();
        assertTrue(written.contains("3.0000000000000000000001"), written);
        assertTrue(written.contains("0.20"), written);
        Scenario again = parse(written).scenario();
        assertSameScenario(s, again);
    }

    @Test
    void generatedSeedsAreWrittenIntoTheSourceAndReproduceTheRun() {
        String json = """
                { "model": { "geometry": "sphere", "Q": {"random": "gaussian", "rows": 2, "scale": 0.5},
                             "K": {"random": "gaussian", "rows": 2} },
                  "initial": { "n": 5, "d": 3, "kind": "uniform-sphere" },
                  "time": { "end": 1, "save_every": 1 } }""";
        LoadedScenario first = parse(json);
        LoadedScenario second = parse(json);
        assertTrue(first.seeds().containsKey("initial.seed"), first.seeds().toString());
        assertTrue(first.seeds().containsKey("model.Q.seed"), first.seeds().toString());
        assertFalse(first.seeds().equals(second.seeds()), "fresh seeds should differ between readings");

        LoadedScenario replay = parse(first.asRun().toString());
        assertEquals(first.seeds(), replay.seeds());
        assertSameScenario(first.scenario(), replay.scenario());
        assertEquals(2, first.scenario().model().q().rows());
        assertEquals(2, first.scenario().model().k().rows());
        assertTrue(first.scenario().model().v().isIdentity());
    }

    @Test
    void randomMatrixIsScaledJavaUtilRandomGaussiansRowMajor() {
        DecimalMatrix q = parse("""
                { "model": { "geometry": "euclidean", "Q": {"random": "gaussian", "seed": 3, "rows": 2, "scale": 0.25},
                             "K": {"random": "gaussian", "seed": 4, "rows": 2} },
                  "initial": { "n": 2, "d": 3, "kind": "gaussian", "seed": 1 },
                  "time": { "end": 1, "save_every": 1 } }""").scenario().model().q();
        Random rng = new Random(3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) assertEquals(0.25 * rng.nextGaussian(), q.get(i, j).doubleValue());
        }
    }

    @Test
    void scaledIdentityMatrix() {
        DecimalMatrix v = parse(MINIMAL.replace("\"sphere\"", "\"sphere\", \"V\": {\"scaled_identity\": -0.5}"))
                .scenario().model().v();
        assertEquals(DecimalMatrix.scaledIdentity(3, new BigDecimal("-0.5")), v);
    }

    @Test
    void spherePointsWithinTheToleranceAreAcceptedAsWritten() {
        // |(0.6, 0.8000005)| - 1 = 4e-7 < 1e-6: accepted, kept unnormalised
        Scenario s = parse("""
                { "model": { "geometry": "sphere" },
                  "initial": { "points": [[0.6, 0.8000005], [1, 0]] },
                  "time": { "end": 1, "save_every": 1 } }""").scenario();
        assertEquals(new BigDecimal("0.8000005"), s.initial().points().get(0, 1));
    }

    @Test
    void nonFiniteNumbersAreNamedAsSuch() {
        assertTrue(error(MINIMAL.replace("\"end\": 1", "\"end\": NaN")).contains("time.end: non-finite number"));
        assertTrue(error(MINIMAL.replace("\"end\": 1", "\"end\": Infinity")).contains("time.end: non-finite number"));
        assertTrue(error(MINIMAL.replace("\"end\": 1", "\"end\": 1e400")).contains("time.end: non-finite number"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key             | "geometry": "sphere"           | "geometry": "sphere", "Qx": 1      | model.Qx: unknown key
            unknown top key         | "model":                       | "modle": {}, "model":              | modle: unknown key
            wrong matrix shape      | "geometry": "sphere"           | "geometry": "sphere", "V": [[1,0],[0,1]] | model.V: wrong shape: expected 3x3
            ragged matrix           | "geometry": "sphere"           | "geometry": "sphere", "Q": [[1,0,0],[0,1]] | model.Q[1]: wrong shape
            Q K rows differ         | "geometry": "sphere"           | "geometry": "sphere", "Q": {"random": "gaussian", "seed": 1, "rows": 2} | Q and K must have the same number of rows
            negative beta           | "geometry": "sphere"           | "geometry": "sphere", "beta": -1   | model.beta: must be >= 0
            beta as text            | "geometry": "sphere"           | "geometry": "sphere", "beta": "4"  | model.beta: expected a number
            bad geometry            | "geometry": "sphere"           | "geometry": "torus"                | model.geometry: 'torus' is not one of sphere|euclidean
            negative end            | "end": 1                       | "end": -1                          | time.end: must be >= 0
            no save times           | "end": 1, "save_every": 0.25   | "end": 1                           | time: needs save_every or save_times
            decreasing save times   | "save_every": 0.25             | "save_times": [0.5, 0.25]          | time.save_times[1]: save times must be strictly increasing
            zero step               | "save_every": 0.25 }           | "save_every": 0.25 }, "solver": {"method": "rk4", "step": 0} | solver.step: must be > 0
            missing fixed step      | "save_every": 0.25 }           | "save_every": 0.25 }, "solver": {"method": "rk4"} | solver.step: is required
            unknown method          | "save_every": 0.25 }           | "save_every": 0.25 }, "solver": {"method": "rk45"} | solver.method: 'rk45' is not one of
            reference needs digits  | "save_every": 0.25 }           | "save_every": 0.25 }, "solver": {"method": "reference"} | solver.digits: is required
            fractional n            | "n": 4                         | "n": 4.5                           | initial.n: expected an integer
            seed with points        | "kind": "uniform-sphere"       | "kind": "orthonormal"              | initial.seed: has no effect
            gaussian on the sphere  | "kind": "uniform-sphere"       | "kind": "gaussian"                 | not on the unit sphere
            """)
    void badInputIsRejectedWithItsPath(String name, String from, String to, String expected) {
        String json = MINIMAL.replace(from, to);
        assertFalse(json.equals(MINIMAL), "the test's replacement must apply: " + name);
        String message = error(json);
        assertTrue(message.startsWith("test.json: "), message);
        assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
    }

    @Test
    void pointsMustMatchNAndD() {
        String json = """
                { "model": { "geometry": "euclidean" },
                  "initial": { "n": 3, "d": 2, "points": [[0, 1], [1, 0]] },
                  "time": { "end": 1, "save_every": 1 } }""";
        assertTrue(error(json).contains("n·d mismatch"), error(json));
        assertTrue(error(json.replace("\"n\": 3", "\"n\": 2").replace("\"d\": 2", "\"d\": 3")).contains("n·d mismatch"));
    }

    @Test
    void nonUnitSpherePointBeyondToleranceNamesThePoint() {
        String message = error("""
                { "model": { "geometry": "sphere" },
                  "initial": { "points": [[1, 0], [0.6, 0.80001]] },
                  "time": { "end": 1, "save_every": 1 } }""");
        assertTrue(message.contains("initial.points[1]: not on the unit sphere"), message);
        assertTrue(message.contains("1.0E-6"), message);
    }

    /** Either side of the tolerance, near the double-precision shortcut's edge: the exact test decides. */
    @Test
    void unitNormToleranceIsDecidedExactlyAtItsEdges() {
        String points = """
                { "model": { "geometry": "sphere" },
                  "initial": { "points": [[1, 0], [0, %s]] },
                  "time": { "end": 1, "save_every": 1 } }""";
        parse(points.formatted("1.00000005"));  // |x|^2 - 1 = 1e-7: at the shortcut's edge
        parse(points.formatted("1.0000009999")); // inside 1e-6, outside the shortcut: exact
        parse(points.formatted("0.9999990001"));
        assertTrue(error(points.formatted("1.0000010001")).contains("initial.points[1]: not on the unit sphere"));
        assertTrue(error(points.formatted("0.9999989999")).contains("initial.points[1]: not on the unit sphere"));
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String message = error("{\n  \"model\": { \"geometry\": \"sphere\" },\n  \"initial\": { \"n\": 4 \"d\": 3 }\n}");
        assertTrue(message.startsWith("test.json: malformed JSON at line 3, column"), message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void duplicateKeysAreMalformed() {
        assertTrue(error(MINIMAL.replace("\"n\": 4", "\"n\": 4, \"n\": 5")).contains("Duplicate field 'n'"));
    }

    @Test
    void missingFileAndDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertEquals("scenario file not found: " + missing,
                assertThrows(InputException.class, () -> ScenarioReader.read(missing)).getMessage());
        assertTrue(assertThrows(InputException.class, () -> ScenarioReader.read(dir)).getMessage().contains("is a directory"));
    }

    @Test
    void writeAsRunRereadsAsTheSameScenario(@TempDir Path dir) throws Exception {
        LoadedScenario loaded = parse(MINIMAL);
        Path file = dir.resolve("as-run.json");
        loaded.writeAsRun(file);
        LoadedScenario back = ScenarioReader.read(file);
        assertSameScenario(loaded.scenario(), back.scenario());
        ObjectNode asRun = (ObjectNode) Json.MAPPER.readTree(Files.readString(file));
        assertEquals("dopri5", asRun.path("solver").path("method").asText());
        assertEquals("identity", asRun.path("model").path("V").asText());
    }

    private static void assertSameScenario(Scenario expected, Scenario actual) {
        assertEquals(expected.model(), actual.model());
        assertEquals(expected.initial().points(), actual.initial().points());
        assertEquals(expected.initial().kind(), actual.initial().kind());
        assertEquals(expected.time(), actual.time());
        assertEquals(expected.solver(), actual.solver());
    }
}
