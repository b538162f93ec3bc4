package org.attnflow.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one Jackson configuration attnflow reads and writes its JSON with (scenarios, run records).
 *
 * <ul>
 *   <li>Every number is kept as the exact decimal written: floats become {@link java.math.BigDecimal} (trailing
 *       zeros kept, so "1.50" is written back as 1.50) and integers {@link java.math.BigInteger}; the
 *       arbitrary-precision reference starts from exactly those digits.</li>
 *   <li>NaN and Infinity are parsed (not standard JSON) only so that the scenario reader can reject them with
 *       "non-finite number" instead of a parser message.</li>
 *   <li>Duplicate keys and trailing content are errors: a scenario means exactly one thing.</li>
 * </ul>
 */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Writes {@code node} as indented JSON with a final newline. */
    public static void write(Path file, JsonNode node) {
        try {
            Files.writeString(file, MAPPER.writeValueAsString(node) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
