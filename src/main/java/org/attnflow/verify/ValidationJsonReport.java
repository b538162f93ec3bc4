package org.attnflow.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import org.attnflow.io.Json;
import org.attnflow.model.TimeGrid;

/**
 * {@code validate}'s JSON report (schema in README.md, "validate"), written as the frames are checked: the
 * set-up first, then {@code per_frame} one row at a time, then the verdict and findings. It is written to a
 * temporary file next to the target and moved into place only by {@link #finish}; a run that stops earlier leaves
 * nothing ({@link #close} removes the temporary file).
 */
public final class ValidationJsonReport implements ValidationListener, AutoCloseable {
    private final ReportFile file;
    private final JsonGenerator json;

    public ValidationJsonReport(Path target) throws IOException {
        this.file = new ReportFile(target);
        this.json = Json.MAPPER.getFactory().createGenerator(Files.newBufferedWriter(file.temporary())).useDefaultPrettyPrinter();
    }

    @Override
    public void start(ValidationSetup s) {
        write(() -> {
            json.writeStartObject();
            json.writeStringField("command", "validate");
            json.writeStringField("scenario", s.scenario());
            json.writeStringField("trajectory", s.trajectory());
            json.writeStringField("stored_as", s.storedAs());
            json.writeNumberField("frames", s.frames());
            json.writeNumberField("n", s.n());
            json.writeNumberField("d", s.d());
            json.writeStringField("model", s.model());
            json.writeStringField("scheme", s.scheme().key());
            number("step", s.step());
            json.writeNumberField("digits", s.digits());
            json.writeStringField("digits_from", s.digitsFrom());
            if (s.arithmetic() != null) {
                json.writeStringField("arithmetic", s.arithmetic());
                json.writeStringField("arithmetic_from", s.arithmeticFrom());
            }
            json.writeNumberField("tolerance", s.tolerance().first());
            json.writeStringField("tolerance_from", s.tolerance().why());
            if (s.tolerance().varies()) {
                json.writeObjectFieldStart("promise");
                json.writeStringField("formula", s.tolerance().promise().formula());
                json.writeNumberField("K", Dopri5Promise.K);
                json.writeNumberField("rtol", s.tolerance().promise().rtol());
                json.writeNumberField("atol", s.tolerance().promise().atol());
                json.writeEndObject();
            }
            json.writeStringField("against", s.against());
            json.writeStringField("coordinates", s.coordinates());
            if (s.half() == null) json.writeNullField("trajectory_half");
            else json.writeStringField("trajectory_half", s.half());
            json.writeStringField("deviation", s.metric().description());
            json.writeStringField("times_from", s.timesFrom());
            json.writeNumberField("first_time", s.firstTime());
            if (s.radiusFrom() == null) json.writeNullField("radius_from");
            else json.writeStringField("radius_from", s.radiusFrom());
            json.writeStringField("memory", "O(n*d) per frame: " + Validation.FRAMES_HELD + " frames of the trajectory held at a time, "
                    + "per-frame results streamed to this report");
            json.writeArrayFieldStart("per_frame");
        });
    }

    @Override
    public void frame(FrameCheck c) {
        write(() -> {
            json.writeStartObject();
            json.writeNumberField("frame", c.frame());
            json.writeNumberField("t", TimeGrid.decimal(c.t()));
            number("max_deviation", c.maxDeviation());
            number("mean_deviation", c.meanDeviation());
            json.writeNumberField("worst_token", c.worstToken());
            number("reference_bound", c.referenceBound());
            number("norm_drift", c.normDrift());
            number("row_scale", c.rowScale());
            number("one_step_defect", c.oneStepDefect());
            number("tolerance", c.tolerance());
            if (!Double.isNaN(c.halfDeviation())) number("half_deviation", c.halfDeviation());
            if (!Double.isNaN(c.lowerBound())) number("lower_bound", c.lowerBound());
            json.writeEndObject();
        });
    }

    @Override
    public void finish(ValidationSummary s) {
        write(() -> {
            json.writeEndArray();
            json.writeStringField("verdict", s.verdict().key());
            json.writeArrayFieldStart("reasons");
            for (String r : s.reasons()) json.writeString(r);
            json.writeEndArray();
            number("max_deviation", s.maxDeviation());
            json.writeNumberField("max_deviation_frame", s.maxDeviationFrame());
            if (s.firstFailingFrame() < 0) json.writeNullField("first_failing_frame");
            else json.writeNumberField("first_failing_frame", s.firstFailingFrame());
            number("max_reference_bound", s.maxReferenceBound());
            json.writeNumberField("frames_checked", s.framesChecked());
            if (s.nonFinite() == null) json.writeNullField("non_finite");
            else {
                json.writeObjectFieldStart("non_finite");
                json.writeStringField("file", s.nonFinite().file());
                json.writeNumberField("frame", s.nonFinite().frame());
                json.writeNumberField("t", s.nonFinite().t());
                json.writeNumberField("token", s.nonFinite().token());
                json.writeNumberField("coordinate", s.nonFinite().coordinate());
                json.writeStringField("value", Double.toString(s.nonFinite().value()));
                json.writeEndObject();
            }
            if (s.order() != null) {
                json.writeObjectFieldStart("order");
                number("max_deviation", s.order().errors()[0]);
                number("max_deviation_half", s.order().errors()[1]);
                number("observed", s.order().order());
                json.writeBooleanField("measurable", s.order().measurable());
                json.writeNumberField("required", 1 - ConvergenceOrder.ORDER_TOLERANCE);
                json.writeEndObject();
            }
            if (s.proved() != null) json.writeBooleanField("proved", s.proved());
            json.writeObjectFieldStart("invariants");
            for (InvariantFinding f : s.invariants()) {
                json.writeObjectFieldStart(f.invariant());
                json.writeBooleanField("applicable", f.applicable());
                json.writeStringField("note", f.note());
                if (f.applicable()) {
                    number("max_value", f.maxValue());
                    json.writeBooleanField("found", f.found());
                    if (f.found()) {
                        json.writeNumberField("frame", f.frame());
                        json.writeNumberField("token", f.token());
                        number("value", f.value());
                        number("threshold", f.threshold());
                        json.writeStringField("detail", f.detail());
                    }
                    if (f.explainedByLaterTokens() != null) json.writeBooleanField("explained_by_later_tokens", f.explainedByLaterTokens());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeNumberField("frames_held", s.framesHeld());
            json.writeNumberField("seconds", s.seconds());
            json.writeEndObject();
            json.writeRaw(System.lineSeparator());
            json.close();
        });
        file.commit();
    }

    /** Removes the temporary file unless {@link #finish} moved it into place. */
    @Override
    public void close() throws IOException {
        if (!json.isClosed()) json.close();
        file.close();
    }

    private void number(String key, double v) throws IOException {
        if (Double.isNaN(v)) json.writeNullField(key);
        else json.writeNumberField(key, v);
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "cannot write the report %s", file.target()), e);
        }
    }
}
