package org.attnflow.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.TimeGrid;

/** {@code verify}'s JSON report (schema in README.md, "verify"): the measurements, and the verdict with what it rests on. */
public final class VerifyJsonReport {
    private VerifyJsonReport() {}

    public static ObjectNode of(VerifyReport report) {
        VerifyMeasurements m = report.measured();
        VerifySummary s = report.summary();
        Scenario scenario = m.scenario();
        Method method = m.method();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("command", "verify");
        root.put("scenario", m.source());
        root.put("model", scenario.model().paperName());
        root.put("n", scenario.tokens());
        root.put("d", scenario.dimension());
        root.put("method", method.key());
        root.put("verdict", s.verdict().key());
        ArrayNode why = root.putArray("reasons");
        s.reasons().forEach(why::add);
        root.put("distance", m.metric().description());
        root.put("max_distance", report.maxDistance());
        root.put("max_reference_error", Format.max(m.referenceError()));
        if (s.promise() != null) promise(root, s.promise(), s.proportionality());
        if (s.order() != null) order(root.putObject("order"), s.order());
        if (method.fixedStep()) replay(root.putObject("replay"), report);
        ObjectNode ref = root.putObject("reference");
        ref.put("method", m.reference().result().method() == Method.ENCLOSURE ? "enclosure (proved boxes; reference_error is their size)" : "reference");
        ref.put("digits", m.digits());
        ref.put("precision", m.reference().result().precision());
        ref.put("arithmetic", m.reference().result().arithmetic());
        ref.put("arithmetic_from", m.reference().result().arithmeticReason());
        ref.put("steps", m.reference().result().steps());
        ref.put("rejected_steps", m.reference().result().rejectedSteps());
        ref.put("evaluations", m.reference().result().evaluations());
        ref.put("seconds", m.reference().seconds());
        ArrayNode doubles = root.putArray("double_runs");
        for (int k = 0; k < m.runs().size(); k++) {
            VerifyMeasurements.DoubleRun run = m.runs().get(k);
            ObjectNode r = doubles.addObject();
            r.put("method", run.settings().method().key());
            if (run.settings().step() != null) r.put("step", run.settings().step());
            if (!method.fixedStep()) {
                r.put("rtol", run.settings().rtol());
                r.put("atol", run.settings().atol());
            }
            r.put("steps", run.statistics().steps());
            r.put("rejected_steps", run.statistics().rejectedSteps());
            r.put("evaluations", run.statistics().evaluations());
            r.put("max_distance", Format.max(m.distance()[k]));
            r.put("seconds", run.seconds());
        }
        perFrame(root.putArray("per_frame"), report);
        root.put("memory", "the double runs are held in memory (frames*n*d doubles per run); the reference is compared frame by frame");
        return root;
    }

    private static void promise(ObjectNode root, Dopri5Promise promise, ToleranceProportionality proportionality) {
        ObjectNode p = root.putObject("promise");
        p.put("kind", "dopri5 global error");
        p.put("formula", promise.formula());
        p.put("K", Dopri5Promise.K);
        p.put("rtol", promise.rtol());
        p.put("atol", promise.atol());
        ObjectNode q = root.putObject("proportionality");
        q.put("tightening", ToleranceProportionality.TIGHTENING);
        q.put("max_distance", proportionality.error());
        q.put("max_distance_tighter", proportionality.tighterError());
        q.put("drop", proportionality.drop());
        q.put("required_drop", ToleranceProportionality.REQUIRED_DROP);
        q.put("floor", proportionality.floor());
        q.put("promise_fraction", proportionality.promiseFraction());
        q.put("measurable", proportionality.measurable());
        q.put("holds", proportionality.holds());
    }

    private static void order(ObjectNode o, ConvergenceOrder order) {
        o.put("nominal", order.nominal());
        putArray(o.putArray("steps"), order.steps());
        putArray(o.putArray("errors"), order.errors());
        putArray(o.putArray("rounding_floors"), order.floors());
        putArray(o.putArray("observed"), order.observed());
        putNumber(o, "used", order.order());
        o.put("tolerance", ConvergenceOrder.ORDER_TOLERANCE);
        o.put("matches", order.matches());
    }

    private static void replay(ObjectNode r, VerifyReport report) {
        VerifyMeasurements.Replay replay = report.measured().replay();
        if (replay == null) {
            r.put("available", false);
            r.put("why", report.measured().replayUnavailable());
            return;
        }
        r.put("available", true);
        r.put("max_deviation", report.replayMaxDeviation());
        r.put("tolerance", Validation.DEFAULT_TOLERANCE);
        r.put("max_reference_error", Format.max(replay.error()));
        r.put("steps", replay.run().result().steps());
        r.put("seconds", replay.run().seconds());
    }

    private static void perFrame(ArrayNode frames, VerifyReport report) {
        VerifyMeasurements m = report.measured();
        double[][] distance = m.distance();
        double[] promised = report.promises();
        double[] replayDeviation = m.replay() == null ? null : m.replay().deviation();
        for (int f = 0; f < m.times().length; f++) {
            ObjectNode row = frames.addObject();
            row.put("frame", f);
            row.put("t", TimeGrid.decimal(m.times()[f]));
            row.put("distance", distance[0][f]);
            row.put("worst_token", m.worst()[0][f]);
            row.put("reference_error", m.referenceError()[f]);
            if (promised != null) row.put("promise", promised[f]);
            if (promised != null) row.put("distance_tighter", distance[1][f]);
            else if (distance.length > 1) {
                row.put("distance_half_step", distance[1][f]);
                row.put("distance_quarter_step", distance[2][f]);
            }
            if (replayDeviation != null) row.put("replay_deviation", replayDeviation[f]);
        }
    }

    private static void putArray(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) a.addNull();
            else a.add(v);
        }
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) o.putNull(key);
        else o.put(key, v);
    }
}
