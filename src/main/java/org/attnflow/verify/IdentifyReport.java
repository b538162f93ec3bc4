package org.attnflow.verify;

import java.io.PrintWriter;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code identify}'s output: a short table of the best matches and the verdict; the JSON report (schema in README.md). */
public final class IdentifyReport {
    /** Rows of the table. */
    static final int ROWS = 10;

    private IdentifyReport() {}

    public static void print(Identification.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "attnflow identify: %s (%s%s, %d frames of %d tokens in R^%d) against %s; times from %s%n", r.trajectory(), r.storedAs(),
                "z".equals(r.coordinates()) ? ", rescaled z = e^{-tV}x" : "", r.frames(), r.n(), r.d(), r.scenario(), r.timesFrom());
        out.printf(Locale.ROOT, "%d candidates (scheme x step x V/V^T x normalisation x mask%s), ranked by how many of your frames they reproduce to rounding "
                + "(a candidate that departs later ranks higher), then by their largest one-step defect: from each of your frames, one frame interval "
                + "of the candidate, against your next frame (rounding: %s)%n", r.candidates(),
                r.d() > 0 && r.matches().stream().anyMatch(m -> m.layerNorm() != null && !m.layerNorm().equals("post")) ? " x layer_norm" : "",
                Format.e(r.rounding()));
        out.printf(Locale.ROOT, "%4s  %-16s %-22s %-52s %11s %8s %7s%n", "rank", "scheme", "step", "convention", "max.defect", "frames", "first.off");
        for (int i = 0; i < Math.min(ROWS, r.matches().size()); i++) {
            Identification.Match m = r.matches().get(i);
            String step = m.stepsPerFrame() == 0 ? "adaptive" : Format.g(m.step()) + (m.stepsPerFrame() > 1 ? " (" + m.stepsPerFrame() + "/frame)" : "");
            out.printf(Locale.ROOT, "%4d  %-16s %-22s %-52s %11s %8s %7s%n", i + 1, m.scheme(), step, m.convention(), Format.e(m.maxDefect()),
                    m.confirmed() ? "all" : m.framesChecked() + "", !m.confirmed() ? "" : m.firstOff() < 0 ? "none" : Long.toString(m.firstOff()));
        }
        out.printf(Locale.ROOT, "%.3g s%n", r.seconds());
        out.println("verdict: " + r.verdict());
        out.flush();
    }

    public static ObjectNode json(Identification.Result r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("command", "identify");
        root.put("scenario", r.scenario());
        root.put("trajectory", r.trajectory());
        root.put("stored_as", r.storedAs());
        root.put("frames", r.frames());
        root.put("n", r.n());
        root.put("d", r.d());
        root.put("times_from", r.timesFrom());
        root.put("coordinates", r.coordinates());
        root.put("candidates", r.candidates());
        number(root, "rounding", r.rounding());
        root.put("identified", r.identified());
        root.put("verdict", r.verdict());
        ArrayNode matches = root.putArray("matches");
        for (Identification.Match m : r.matches()) {
            ObjectNode o = matches.addObject();
            o.put("scheme", m.scheme());
            number(o, "step", m.step());
            o.put("steps_per_frame", m.stepsPerFrame());
            o.put("step_rule", m.stepRule());
            o.put("convention", m.convention());
            o.put("v", m.v());
            o.put("normalization", m.normalization());
            o.put("mask", m.mask());
            if (m.layerNorm() != null) o.put("layer_norm", m.layerNorm());
            number(o, "max_defect", m.maxDefect());
            o.put("frames_checked", m.framesChecked());
            o.put("confirmed", m.confirmed());
            o.put("worst_frame", m.worstFrame());
            o.put("worst_token", m.worstToken());
            if (m.confirmed()) {
                if (m.firstOff() < 0) o.putNull("first_frame_beyond_rounding");
                else o.put("first_frame_beyond_rounding", m.firstOff());
            }
        }
        root.put("seconds", r.seconds());
        return root;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) o.putNull(key);
        else if (Double.isInfinite(v)) o.put(key, v > 0 ? "Infinity" : "-Infinity");
        else o.put(key, v);
    }
}
