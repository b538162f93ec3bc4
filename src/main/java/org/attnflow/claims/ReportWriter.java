package org.attnflow.claims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

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

    static String html(Path dir, List<ClaimReport> reports, boolean quick, double seconds) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>attnflow claims</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;line-height:1.4}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".holds{color:#0a7a2a;font-weight:bold}.violated{color:#b00;font-weight:bold}.inconclusive{color:#a60;font-weight:bold}")
                .append("pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:12px;max-height:400px}img{max-width:100%;border:1px solid #eee}")
                .append("</style></head><body>\n<h1>attnflow: claims C1–C11</h1>\n");
        b.append(String.format(Locale.ROOT, "<p>Mode: <b>%s</b>. Total time %.1f s. Each claim below states its scenarios, seeds and arithmetic; "
                + "claims.json holds every number and every scenario (replayable with <code>attnflow simulate</code>).</p>\n", quick ? "quick" : "full", seconds));
        b.append("<table><tr><th>claim</th><th>source</th><th>verdict</th><th>reason</th><th>time (s)</th></tr>\n");
        for (ClaimReport r : reports) {
            b.append("<tr><td><a href=\"#").append(r.id()).append("\">").append(r.id()).append("</a></td><td>").append(esc(r.source()))
                    .append("</td><td class=\"").append(r.verdict().key()).append("\">").append(r.verdict().key()).append(r.error() ? " (error)" : "")
                    .append("</td><td>").append(esc(r.reason())).append(String.format(Locale.ROOT, "</td><td>%.1f</td></tr>\n", r.seconds()));
        }
        b.append("</table>\n");
        for (ClaimReport r : reports) {
            ObjectNode j = r.toJson();
            b.append("<h2 id=\"").append(r.id()).append("\">").append(r.id()).append(" — ").append(esc(r.source())).append("</h2>\n");
            b.append("<p>").append(esc(r.statement())).append("</p>\n");
            b.append("<p>Verdict: <span class=\"").append(r.verdict().key()).append("\">").append(r.verdict().key()).append("</span> — ")
                    .append(esc(r.reason())).append("</p>\n");
            b.append("<table><tr><th>paper reports</th><th>we measure</th></tr><tr><td><pre>").append(esc(Json.MAPPER.writeValueAsString(j.get("paper"))))
                    .append("</pre></td><td><pre>").append(esc(Json.MAPPER.writeValueAsString(j.get("measured")))).append("</pre></td></tr></table>\n");
            b.append("<p>Arithmetic: ").append(esc(j.get("arithmetic").asText())).append(". Seeds: ").append(esc(j.get("seeds") == null ? "none" : j.get("seeds").toString())).append("</p>\n");
            for (String f : r.figures()) {
                byte[] png = Files.readAllBytes(dir.resolve(f));
                b.append("<p><img alt=\"").append(esc(f)).append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\"></p>\n");
            }
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
