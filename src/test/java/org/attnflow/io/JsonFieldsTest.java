package org.attnflow.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.attnflow.sweep.SweepReader;
import org.junit.jupiter.api.Test;

/** The one way input files are read: both readers give the same messages for the same faults. */
class JsonFieldsTest {
    /** The scenario reader and the sweep reader, each reading a text as "f.json". */
    private static final List<Function<String, Object>> READERS = List.of(
            json -> ScenarioReader.parse(json, "f.json"),
            json -> SweepReader.parse(json, "f.json", Path.of(".")));

    private static String error(Function<String, Object> reader, String json) {
        return assertThrows(InputException.class, () -> reader.apply(json)).getMessage();
    }

    @Test
    void bothReadersShareThePreamble() {
        for (Function<String, Object> reader : READERS) {
            String malformed = error(reader, "{\n  \"description\": \"x\",\n  \"a\" 1 }");
            assertTrue(malformed.startsWith("f.json: malformed JSON at line 3, column"), malformed);
            assertFalse(malformed.contains("[Source") || malformed.contains("\n"), "Jackson's source boilerplate is stripped: " + malformed);
            assertTrue(error(reader, "").startsWith("f.json: empty file, expected a"), error(reader, ""));
            assertTrue(error(reader, "[1, 2]").matches("f\\.json: a (scenario|sweep) is a JSON object \\{\\.\\.\\.}, got a list"), error(reader, "[1, 2]"));
            assertEquals("f.json: description: expected text, got the number 3", error(reader, "{\"description\": 3}"));
            assertTrue(error(reader, "{\"descriptoin\": \"x\"}").startsWith("f.json: descriptoin: unknown key (allowed here: description, "));
        }
    }

    @Test
    void jacksonsSourceLocationBecomesLineAndColumn() {
        assertEquals("Unexpected character ('1' (code 49)) at line 3, column 8",
                JsonFields.parserMessage("Unexpected character ('1' (code 49)) at [Source: REDACTED; line: 3, column: 8]\n more"));
    }

    @Test
    void integersAreOneRuleEverywhere() {
        JsonFields f = new JsonFields("f.json");
        assertEquals(3, f.positiveInt(Json.MAPPER.valueToTree(new java.math.BigDecimal("3.0")), "n"), "a whole decimal is an integer");
        assertEquals("f.json: n: expected an integer, got the number 4.5",
                assertThrows(InputException.class, () -> f.positiveInt(Json.MAPPER.valueToTree(new java.math.BigDecimal("4.5")), "n")).getMessage());
        assertEquals("f.json: n: must be >= 1, got 0", assertThrows(InputException.class, () -> f.positiveInt(Json.MAPPER.valueToTree(0), "n")).getMessage());
        assertEquals("f.json: n: integer 3000000000 is out of range",
                assertThrows(InputException.class, () -> f.nonNegativeInt(Json.MAPPER.valueToTree(3_000_000_000L), "n")).getMessage());
        assertEquals(-7L, f.seed(Json.MAPPER.valueToTree(-7), "seed"));
        assertTrue(assertThrows(InputException.class, () -> f.seed(Json.MAPPER.valueToTree(new java.math.BigInteger("9223372036854775808")), "seed"))
                .getMessage().contains("expected an integer seed (a 64-bit integer)"));
    }
}
