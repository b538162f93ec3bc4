package org.attnflow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.Keys;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * The strict checks every attnflow input file applies to its JSON fields (unknown keys, text, enum names, finite
 * numbers), with the one error format {@code ORIGIN: path: message}. Shared by the scenario and sweep readers so
 * that both files speak the same language to the user.
 */
public final class JsonFields {
    private final String origin;

    public JsonFields(String origin) { this.origin = origin; }

    /** {@code ORIGIN: path: message}, one line. */
    public InputException error(String path, String message) {
        return new InputException(origin + ": " + path + ": " + message);
    }

    /** Rejects any key of {@code node} not in {@code allowed}, naming the key's path and the allowed ones. */
    public void onlyKeys(ObjectNode node, String path, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(path.isEmpty() ? key : path + "." + key, "unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The enum constant named by a text field ({@link Keys}). */
    public <E extends Enum<E>> E choice(JsonNode node, String path, Class<E> type) {
        String key = text(node, path);
        try {
            return Keys.lookup(type, key);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    public String text(JsonNode node, String path) {
        if (!node.isTextual()) throw error(path, "expected text, got " + describe(node));
        return node.asText();
    }

    /** A number that is finite as a double, as the exact decimal written. */
    public BigDecimal finite(JsonNode node, String path) {
        if (!node.isNumber()) throw error(path, "expected a number, got " + describe(node));
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) throw error(path, "non-finite number " + node.doubleValue());
        BigDecimal value = node.decimalValue();
        if (!Double.isFinite(value.doubleValue())) throw error(path, "non-finite number: " + node + " overflows double precision");
        return value;
    }

    /** What a node is, for messages ("a list", "the number 3"). */
    public static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "text";
            case NUMBER -> "the number";
            case BOOLEAN -> "the boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
        if (node.isContainerNode() || node.isNull()) return kind;
        String shown = node.toString();
        if (shown.length() > 40) shown = shown.substring(0, 37) + "...";
        return kind + " " + shown;
    }
}
