package org.attnflow.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import org.attnflow.io.Json;

/**
 * The output of a batch {@code validate}: one line per system on stdout (verdict, largest deviation, first failing
 * frame, first reason) and a summary; with a target file, the JSON report (schema in README.md), each system's entry
 * written as it is checked and the file moved into place when the batch is done.
 */
public final class BatchReport implements BatchValidation.Listener, AutoCloseable {
    private final PrintWriter out;
    private final ReportFile file;
    private final JsonGenerator json;

    /** @param target the JSON report, or null for the table alone */
    public BatchReport(PrintWriter out, Path target) throws IOException {
        this.out = out;
        this.file = target == null ? null : new ReportFile(target);
        this.json = file == null ? null : Json.MAPPER.getFactory().createGenerator(Files.newBufferedWriter(file.temporary())).useDefaultPrettyPrinter();
    }

    @Override
    public void start(BatchValidation.Setup s) {
        out.printf(Locale.ROOT, "attnflow validate: batch %s (%s, %d systems along axis %d, %d frames of %d tokens in R^%d)%n", s.trajectory(), s.storedAs(),
                s.systems(), s.axis(), s.frames(), s.n(), s.d());
        out.printf(Locale.ROOT, "models: %s%n", s.models());
        out.printf(Locale.ROOT, "%7s %8s %11s %11s  %s%n", "system", "verdict", "max.dev", "first.fail", "first reason");
        out.flush();
        write(() -> {
            json.writeStartObject();
            json.writeStringField("command", "validate");
            json.writeObjectFieldStart("batch");
            json.writeStringField("trajectory", s.trajectory());
            json.writeStringField("stored_as", s.storedAs());
            json.writeNumberField("systems", s.systems());
            json.writeNumberField("batch_axis", s.axis());
            json.writeNumberField("frames", s.frames());
            json.writeNumberField("n", s.n());
            json.writeNumberField("d", s.d());
            json.writeStringField("models", s.models());
            json.writeEndObject();
            json.writeArrayFieldStart("systems");
        });
    }

    @Override
    public void system(int b, String scenario, ValidationSummary v) {
        String reason = v.reasons().isEmpty() ? "" : v.reasons().get(0);
        out.printf(Locale.ROOT, "%7d %8s %11s %11s  %s%n", b, v.verdict().key(), Format.e(v.maxDeviation()),
                v.firstFailingFrame() < 0 ? "-" : Long.toString(v.firstFailingFrame()), reason);
        out.flush();
        write(() -> {
            json.writeStartObject();
            json.writeNumberField("system", b);
            json.writeStringField("scenario", scenario);
            json.writeStringField("verdict", v.verdict().key());
            json.writeArrayFieldStart("reasons");
            for (String r : v.reasons()) json.writeString(r);
            json.writeEndArray();
            json.writeNumberField("max_deviation", v.maxDeviation());
            json.writeNumberField("max_deviation_frame", v.maxDeviationFrame());
            if (v.firstFailingFrame() < 0) json.writeNullField("first_failing_frame");
            else json.writeNumberField("first_failing_frame", v.firstFailingFrame());
            if (v.nonFinite() == null) json.writeNullField("non_finite");
            else {
                json.writeObjectFieldStart("non_finite");
                json.writeNumberField("frame", v.nonFinite().frame());
                json.writeNumberField("token", v.nonFinite().token());
                json.writeEndObject();
            }
            json.writeNumberField("max_reference_bound", v.maxReferenceBound());
            json.writeNumberField("seconds", v.seconds());
            json.writeEndObject();
        });
    }

    @Override
    public void finish(BatchValidation.Summary s) {
        out.printf(Locale.ROOT, "summary: %d of %d systems pass%s; %.3g s%n", s.passed(), s.systems(),
                s.failed().isEmpty() ? "" : "; fail: " + s.failed(), s.seconds());
        out.println("verdict: " + s.verdict().key());
        out.flush();
        write(() -> {
            json.writeEndArray();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("systems", s.systems());
            json.writeNumberField("passed", s.passed());
            json.writeArrayFieldStart("failed");
            for (int b : s.failed()) json.writeNumber(b);
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField("verdict", s.verdict().key());
            json.writeNumberField("seconds", s.seconds());
            json.writeEndObject();
            json.writeRaw(System.lineSeparator());
            json.close();
        });
        if (file != null) file.commit();
    }

    @Override
    public void close() throws IOException {
        if (json != null && !json.isClosed()) json.close();
        if (file != null) file.close();
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write w) {
        if (json == null) return;
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file.target(), e);
        }
    }
}
