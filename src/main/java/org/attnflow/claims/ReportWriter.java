package org.attnflow.claims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.io.Json;

/** Writes claims.json and report.html (figures inline as base64 PNG, so the page stands alone). */
public final class ReportWriter {
    private ReportWriter() {}

    public static ObjectNode json(List<ClaimReport> reports, boolean quick, double seconds) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("mode", quick ? "quick" : "full");
        root.put("seconds", seconds);
        ObjectNode counts = root.putObject("verdicts");
        for (Verdict v : Verdict.values()) counts.put(v.key(), reports.stream().filter(r -> r.verdict() == v).count());
        counts.put("errors", reports.stream().filter(ClaimReport::error).count());
        reports.forEach(r -> root.withArray("claims").add(r.toJson()));
        return root;
    }

    public static void write(Path dir, List<ClaimReport> reports, boolean quick, double seconds) {
        Json.write(dir.resolve("claims.json"), json(reports, quick, seconds));
        try {
            Files.writeString(dir.resolve("report.html"), html(dir, reports, quick, seconds));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report.html", e);
        }
    }

    /**
     * The report a reader scans: a summary table of verdicts, then per claim its statement, verdict and reason, the
     * evidence as a table (what the paper reports, what we measure, the verdict's criterion, runs, seeds,
     * arithmetic) with the raw JSON one click away ({@code <details>}), and the figures inline (base64 PNG, their SVG
     * and PDF beside them in figures/). Self-contained: no script, no style sheet or font from elsewhere, so it opens
     * offline; nothing is wider than the page (long values wrap), so there is no sideways scrolling at 1300 px.
     */
    static String html(Path dir, List<ClaimReport> reports, boolean quick, double seconds) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>attnflow claims</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1150px;margin:2em auto;padding:0 1em;line-height:1.4;color:#222}")
                .append("table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}")
                .append("th{background:#f3f3f3}table.evidence th{width:14em}")
                .append(".holds{color:#0a7a2a;font-weight:bold}.violated{color:#b00;font-weight:bold}.inconclusive{color:#a60;font-weight:bold}")
                .append("ul.kv{margin:0;padding-left:1.1em}ul.kv li{margin:0}")
                .append("pre{background:#f6f6f6;padding:8px;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:500px;overflow-y:auto}")
                .append("details{margin:.4em 0}summary{cursor:pointer;color:#335}")
                .append("img{max-width:100%;height:auto;border:1px solid #eee;display:block;margin:.5em 0}")
                .append("</style></head><body>\n<h1>attnflow: claims ").append(reports.isEmpty() ? "" : reports.get(0).id()
                        + (reports.size() > 1 ? "–" + reports.get(reports.size() - 1).id() : "")).append("</h1>\n");
        b.append(String.format(Locale.ROOT, "<p>Mode: <b>%s</b>. Total time %.1f s. Each claim states its scenarios, seeds and arithmetic; "
                + "claims.json holds every number and every scenario (replayable with <code>attnflow simulate</code>); the figures are in "
                + "figures/ as PNG, SVG and PDF.</p>\n", quick ? "quick" : "full", seconds));
        b.append("<table><colgroup><col style=\"width:5em\"><col style=\"width:22%\"><col style=\"width:9em\"><col><col style=\"width:6em\"></colgroup>")
                .append("<tr><th>claim</th><th>source</th><th>verdict</th><th>reason</th><th>time (s)</th></tr>\n");
        for (ClaimReport r : reports) {
            b.append("<tr><td><a href=\"#").append(r.id()).append("\">").append(r.id()).append("</a></td><td>").append(esc(r.source()))
                    .append("</td><td class=\"verdict ").append(r.verdict().key()).append("\">").append(r.verdict().key()).append(r.error() ? " (error)" : "")
                    .append("</td><td>").append(esc(r.reason())).append(String.format(Locale.ROOT, "</td><td>%.1f</td></tr>\n", r.seconds()));
        }
        b.append("</table>\n");
        for (ClaimReport r : reports) {
            ObjectNode j = r.toJson();
            b.append("<section class=\"claim\" id=\"").append(r.id()).append("\">\n<h2>").append(r.id()).append(" — ").append(esc(r.source())).append("</h2>\n");
            b.append("<p>").append(esc(r.statement())).append("</p>\n");
            b.append("<p>Verdict: <span class=\"verdict ").append(r.verdict().key()).append("\">").append(r.verdict().key()).append("</span> — ")
                    .append(esc(r.reason())).append("</p>\n");
            JsonNode measured = j.path("measured");
            b.append("<table class=\"evidence\">");
            row(b, "what the paper reports", keyValues(j.path("paper")));
            row(b, "what we measure", keyValues(withoutCriteria(measured)));
            row(b, "verdict criterion", keyValues(criteria(measured)));
            row(b, "runs", esc(Integer.toString(j.path("scenarios").size())) + " scenario" + (j.path("scenarios").size() == 1 ? "" : "s")
                    + " (each in claims.json, re-readable by <code>attnflow simulate</code>)");
            row(b, "seeds", j.path("seeds").isArray() && !j.path("seeds").isEmpty() ? esc(list(j.path("seeds"))) : "none (no random start)");
            row(b, "arithmetic", esc(j.path("arithmetic").asText()));
            b.append("</table>\n");
            b.append("<details><summary>raw JSON of ").append(r.id()).append(" (paper, measured)</summary><pre>")
                    .append(esc(Json.MAPPER.writeValueAsString(j.get("paper")))).append("</pre><pre>")
                    .append(esc(Json.MAPPER.writeValueAsString(j.get("measured")))).append("</pre></details>\n");
            for (String f : r.figures()) {
                byte[] png = Files.readAllBytes(dir.resolve(f));
                b.append("<figure><img alt=\"").append(esc(f)).append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                        .append("\"><figcaption>").append(esc(f)).append(" (also ").append(esc(f.replaceAll("\\.png$", ".svg"))).append(", ")
                        .append(esc(f.replaceAll("\\.png$", ".pdf"))).append(")</figcaption></figure>\n");
            }
            b.append("</section>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String html) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(html.isEmpty() ? "—" : html).append("</td></tr>");
    }

    /** The measured object's verdict criteria (keys naming a criterion), or an empty object. */
    private static JsonNode criteria(JsonNode measured) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        measured.fields().forEachRemaining(e -> {
            if (e.getKey().contains("criterion")) o.set(e.getKey(), e.getValue());
        });
        return o;
    }

    private static JsonNode withoutCriteria(JsonNode measured) {
        if (!measured.isObject()) return measured;
        ObjectNode o = ((ObjectNode) measured).deepCopy();
        List<String> drop = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(k -> {
            if (k.contains("criterion")) drop.add(k);
        });
        o.remove(drop);
        return o;
    }

    /** An object as a list of "key: value" lines (nested objects indented, long lists summarised). */
    static String keyValues(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return "";
        if (!node.isObject()) return esc(scalarOrList(node));
        StringBuilder b = new StringBuilder("<ul class=\"kv\">");
        node.fields().forEachRemaining(e -> {
            b.append("<li><b>").append(esc(e.getKey().replace('_', ' '))).append("</b>: ");
            JsonNode v = e.getValue();
            if (v.isObject()) b.append(keyValues(v));
            else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) b.append(v.size()).append(" entries (see the raw JSON)");
            else b.append(esc(scalarOrList(v)));
            b.append("</li>");
        });
        return b.append("</ul>").toString();
    }

    private static String scalarOrList(JsonNode v) {
        if (v.isArray()) {
            if (v.size() <= 8) return list(v);
            return v.size() + " values, from " + scalar(v.get(0)) + " to " + scalar(v.get(v.size() - 1));
        }
        return scalar(v);
    }

    private static String list(JsonNode v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.size(); i++) b.append(i > 0 ? ", " : "").append(v.get(i).isArray() ? list(v.get(i)) : scalar(v.get(i)));
        return b.append("]").toString();
    }

    /** A value as a reader wants it: doubles to 4 significant digits, text as is. */
    private static String scalar(JsonNode v) {
        if (v.isFloatingPointNumber()) {
            double x = v.doubleValue();
            if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
            return String.format(Locale.ROOT, "%.4g", x);
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
