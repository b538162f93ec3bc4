package org.attnflow.claims;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The evidence one claim check gathers and its verdict: what was measured, on which scenarios and seeds, in
 * which arithmetic, with which figures, beside what the paper reports. Filled in by a {@link Claim}; the runner
 * adds the timing and turns an unexpected exception into an inconclusive verdict marked as an error.
 */
public final class ClaimReport {
    private final String id;
    private final String statement;
    private final String source;
    private Verdict verdict = Verdict.INCONCLUSIVE;
    private String reason = "not checked";
    private boolean error;
    private String arithmetic = "double precision (IEEE 754 binary64), ScalarAttentionField";
    private final ObjectNode measured = JsonNodeFactory.instance.objectNode();
    private final ObjectNode paper = JsonNodeFactory.instance.objectNode();
    private final ArrayNode scenarios = JsonNodeFactory.instance.arrayNode();
    private final List<String> figures = new ArrayList<>();
    private final List<Long> seeds = new ArrayList<>();
    private double seconds;

    ClaimReport(String id, String statement, String source) {
        this.id = id;
        this.statement = statement;
        this.source = source;
    }

    public void verdict(Verdict v, String why) {
        verdict = v;
        reason = why;
    }

    void failed(Throwable e) {
        verdict = Verdict.INCONCLUSIVE;
        error = true;
        reason = "the check failed: " + e;
    }

    public void arithmetic(String a) { arithmetic = a; }

    /** Measured numbers, free-form (a JSON object the claim fills). */
    public ObjectNode measured() { return measured; }

    /** What the paper reports, for the side-by-side comparison. */
    public ObjectNode paper() { return paper; }

    void scenario(ObjectNode s) { scenarios.add(s); }

    public void seed(long s) { if (!seeds.contains(s)) seeds.add(s); }

    void figure(String relativePath) { figures.add(relativePath); }

    void seconds(double s) { seconds = s; }

    public String id() { return id; }

    public String statement() { return statement; }

    public String source() { return source; }

    public Verdict verdict() { return verdict; }

    public String reason() { return reason; }

    public boolean error() { return error; }

    public List<String> figures() { return List.copyOf(figures); }

    public double seconds() { return seconds; }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("statement", statement);
        o.put("source", source);
        o.put("verdict", verdict.key());
        o.put("reason", reason);
        o.put("error", error);
        o.set("measured", measured);
        o.set("paper", paper);
        figures.forEach(o.putArray("figures")::add);
        seeds.forEach(o.putArray("seeds")::add);
        o.put("arithmetic", arithmetic);
        o.put("seconds", seconds);
        o.set("scenarios", scenarios);
        return o;
    }
}
