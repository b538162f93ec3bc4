package org.attnflow.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.Keys;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How every attnflow input file is read: the parse preamble (malformed JSON with its line and column, an empty file,
 * a top level that is not an object, the optional free-text {@code description}) and the strict field checks
 * (unknown keys, text, enum names, finite numbers, integers), all with the one error format
 * {@code ORIGIN: path: message}. The scenario and sweep readers both read through one instance per file, so that
 * both files speak the same language to the user and a rule changed here changes for both.
 */
public final class JsonFields {
    private final String origin;

    /** {@code origin} names the file in every message (a file name, or "sweep.json: base" for a nested scenario). */
    public JsonFields(String origin) { this.origin = origin; }

    /** {@code ORIGIN: path: message}, one line. */
    public InputException error(String path, String message) {
        return new InputException(origin + ": " + path + ": " + message);
    }

    // ---------------------------------------------------------------- the document

    /**
     * The JSON object {@code json} holds; {@code what} names the kind of file in messages ("scenario", "sweep").
     * Checks that the top level has only {@code topKeys} (any keys when null) and that a {@code description}, when given, is text.
     */
    public ObjectNode document(String json, String what, List<String> topKeys) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(origin + ": malformed JSON" + where + ": " + parserMessage(e.getOriginalMessage()));
        }
        String article = what.matches("[aeiou].*") ? "an " : "a ";
        if (root == null || root.isMissingNode()) throw new InputException(origin + ": empty file, expected " + article + what + " (a JSON object)");
        if (!root.isObject()) throw new InputException(origin + ": " + article + what + " is a JSON object {...}, got " + describe(root));
        return document((ObjectNode) root, topKeys);
    }

    /**
     * The checks of {@link #document(String, String, List)} on a document already in memory (e.g. a sweep run's
     * scenario, built from the parsed sweep file): the top-level keys and the description.
     */
    public ObjectNode document(ObjectNode document, List<String> topKeys) {
        if (topKeys != null) onlyKeys(document, "", topKeys);
        if (document.has("description")) text(document.get("description"), "description");
        return document;
    }

    /**
     * Jackson's message, first line only, without its source-location boilerplate ({@code [Source: ...; line: 3,
     * column: 5]} becomes "line 3, column 5": the preamble gives line and column itself).
     */
    static String parserMessage(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                // the parser's limits name their Java accessor: "(1000, from `StreamReadConstraints.getMaxNumberLength()`)"
                .replaceAll(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "")
                // class names of the parser's types: "`com.fasterxml.jackson.databind.JsonNode`" -> "JsonNode"
                .replaceAll("`?(?:com\\.fasterxml\\.jackson|java\\.lang|java\\.util)(?:\\.[A-Za-z0-9_$]+)*\\.([A-Z][A-Za-z0-9_]*)`?", "$1")
                .replaceAll("Number value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\)",
                        "a number of $1 characters, more than the $2 a number may have")
                .replaceAll("Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)\\)",
                        "lists and objects nested $1 deep, more than the $2 allowed");
    }

    // ---------------------------------------------------------------- structure

    /** Rejects any key of {@code node} not in {@code allowed}, naming the key's path and the allowed ones. */
    public void onlyKeys(ObjectNode node, String path, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(path.isEmpty() ? key : path + "." + key, "unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The object {@code parent.name}; absent: an error when {@code required}, else an empty object. */
    public ObjectNode section(ObjectNode parent, String name, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null) {
            if (required) throw error(name, "is required");
            return JsonNodeFactory.instance.objectNode();
        }
        return object(node, name);
    }

    public ObjectNode object(JsonNode node, String path) {
        if (!node.isObject()) throw error(path, "expected an object {...}, got " + describe(node));
        return (ObjectNode) node;
    }

    /** The value of {@code node.key}, which must be there. */
    public JsonNode required(ObjectNode node, String key, String path) {
        JsonNode v = node.get(key);
        if (v == null) throw error(path + "." + key, "is required");
        return v;
    }

    /** The elements of a non-empty list. */
    public List<JsonNode> list(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) throw error(path, "expected a non-empty list, got " + describe(node));
        List<JsonNode> l = new ArrayList<>();
        node.forEach(l::add);
        return l;
    }

    // ---------------------------------------------------------------- values

    /** The enum constant named by a text field ({@link Keys}). */
    public <E extends Enum<E>> E choice(JsonNode node, String path, Class<E> type) {
        String key = text(node, path);
        E e = Keys.find(type, key);
        if (e == null) throw error(path, Keys.unknown(type, key));
        return e;
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

    /** A finite number > 0. */
    public BigDecimal positiveFinite(JsonNode node, String path) {
        BigDecimal v = finite(node, path);
        if (v.signum() <= 0) throw error(path, "must be > 0, got " + v);
        return v;
    }

    /** An integer, written as one ({@code 3}) or as a whole decimal ({@code 3.0}, {@code 3e2}); any size. */
    public BigInteger integer(JsonNode node, String path) {
        if (node.isIntegralNumber()) return node.bigIntegerValue();
        if (node.isNumber() && node.isBigDecimal()) {
            BigDecimal b = node.decimalValue();
            if (b.signum() == 0 || b.stripTrailingZeros().scale() <= 0) return b.toBigIntegerExact();
        }
        throw error(path, "expected an integer, got " + describe(node));
    }

    /** An integer >= 1 that fits an int. */
    public int positiveInt(JsonNode node, String path) {
        int v = intValue(node, path);
        if (v < 1) throw error(path, "must be >= 1, got " + v);
        return v;
    }

    /** An integer >= 0 that fits an int. */
    public int nonNegativeInt(JsonNode node, String path) {
        int v = intValue(node, path);
        if (v < 0) throw error(path, "must be >= 0, got " + v);
        return v;
    }

    /**
     * A seed: a 64-bit integer written as one (not {@code 3.0}), so that the records that list a run's seeds find
     * it as the integer it is.
     */
    public long seed(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw error(path, "expected an integer seed (a 64-bit integer), got " + describe(node));
        return node.longValue();
    }

    private int intValue(JsonNode node, String path) {
        BigInteger v = integer(node, path);
        if (v.bitLength() > 31) throw error(path, "integer " + v + " is out of range");
        return v.intValue();
    }

    /** What a node is, for messages ("a list", "the number 3"). */
    public static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case ARRAY -> node.isEmpty() ? "an empty list" : "a list";
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
