package org.attnflow.verify;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.Method;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.reference.ReferenceResult;

/**
 * What {@code verify} found: per frame, the distance of each double run from the reference ODE solution and the
 * reference's own error bound; the promise (dopri5) or the observed order and the replay (fixed-step methods); the
 * verdict with its reasons. Printed as a table and written as JSON (schema in README.md, "verify").
 */
public final class VerifyReport {
    private final String source;
    private final Scenario scenario;
    private final Method method;
    private final int digits;
    private final TokenDistance metric;
    private final double[] times;
    private final double[][] distance; // [run][frame]
    private final int[][] worst;
    private final double[] referenceError;
    private final double[] replayDeviation; // null when no replay
    private final double[] replayError;
    private final String replayUnavailable;
    private final Dopri5Promise promise; // null for fixed-step methods
    private final ConvergenceOrder order; // null for dopri5
    private final SolverSettings[] runSettings;
    private final SolverStatistics[] runStatistics;
    private final double[] runSeconds;
    private final ReferenceResult reference;
    private final double referenceSeconds;
    private final ReferenceResult replay;
    private final double replaySeconds;
    private final ToleranceProportionality proportionality; // null for fixed-step methods
    private final Verdict verdict;
    private final List<String> reasons;

    private VerifyReport(Builder b, Verdict verdict, List<String> reasons, ConvergenceOrder order, Dopri5Promise promise,
                         ToleranceProportionality proportionality) {
        this.source = b.source;
        this.scenario = b.scenario;
        this.method = b.method;
        this.digits = b.digits;
        this.metric = b.metric;
        this.times = b.times;
        this.distance = b.distance;
        this.worst = b.worst;
        this.referenceError = b.referenceError;
        this.replayDeviation = b.replay == null ? null : b.replayDeviation;
        this.replayError = b.replay == null ? null : b.replayError;
        this.replayUnavailable = b.replayUnavailable;
        this.promise = promise;
        this.order = order;
        this.proportionality = proportionality;
        this.runSettings = b.runSettings;
        this.runStatistics = b.runStatistics;
        this.runSeconds = b.runSeconds;
        this.reference = b.reference;
        this.referenceSeconds = b.referenceSeconds;
        this.replay = b.replay;
        this.replaySeconds = b.replaySeconds;
        this.verdict = verdict;
        this.reasons = List.copyOf(reasons);
    }

    public Verdict verdict() { return verdict; }

    /** Why the verdict is fail (empty on pass). */
    public List<String> reasons() { return reasons; }

    /** The largest distance of the scenario's own double run from the reference over all frames. */
    public double maxDistance() { return max(distance[0]); }

    /** Per-frame distances of the scenario's own double run. */
    public double[] distances() { return distance[0].clone(); }

    /** The reference's error bound per frame (in the same distance). */
    public double[] referenceErrors() { return referenceError.clone(); }

    /** The dopri5 promise per frame, or null for fixed-step methods. */
    public double[] promises() {
        if (promise == null) return null;
        double[] p = new double[times.length];
        for (int f = 0; f < p.length; f++) p[f] = promise.at(times[f]);
        return p;
    }

    /** dopri5's rerun at rtol/10, atol/10 (null for fixed-step methods). */
    public ToleranceProportionality proportionality() { return proportionality; }

    /** The observed order (fixed-step methods), or null. */
    public ConvergenceOrder order() { return order; }

    /** The largest deviation of the double run at h from its arbitrary-precision replay, NaN when there is none. */
    public double replayMaxDeviation() { return replayDeviation == null ? Double.NaN : max(replayDeviation); }

    // ------------------------------------------------------------------ output

    public ObjectNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        root.put("command", "verify");
        root.put("scenario", source);
        root.put("model", scenario.model().paperName());
        root.put("n", scenario.tokens());
        root.put("d", scenario.dimension());
        root.put("method", method.key());
        root.put("verdict", verdict.key());
        ArrayNode why = root.putArray("reasons");
        reasons.forEach(why::add);
        root.put("distance", metric.description());
        root.put("max_distance", maxDistance());
        root.put("max_reference_error", max(referenceError));
        if (promise != null) {
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
        if (order != null) {
            ObjectNode o = root.putObject("order");
            o.put("nominal", order.nominal());
            putArray(o.putArray("steps"), order.steps());
            putArray(o.putArray("errors"), order.errors());
            putArray(o.putArray("rounding_floors"), order.floors());
            putArray(o.putArray("observed"), order.observed());
            putNumber(o, "used", order.order());
            o.put("tolerance", ConvergenceOrder.ORDER_TOLERANCE);
            o.put("matches", order.matches());
        }
        if (method.fixedStep()) {
            ObjectNode r = root.putObject("replay");
            if (replay != null) {
                r.put("available", true);
                r.put("max_deviation", replayMaxDeviation());
                r.put("tolerance", Validation.DEFAULT_TOLERANCE);
                r.put("max_reference_error", max(replayError));
                r.put("steps", replay.steps());
                r.put("seconds", replaySeconds);
            } else {
                r.put("available", false);
                r.put("why", replayUnavailable);
            }
        }
        ObjectNode ref = root.putObject("reference");
        ref.put("digits", digits);
        ref.put("precision", reference.precision());
        ref.put("steps", reference.steps());
        ref.put("rejected_steps", reference.rejectedSteps());
        ref.put("evaluations", reference.evaluations());
        ref.put("seconds", referenceSeconds);
        ArrayNode doubles = root.putArray("double_runs");
        for (int k = 0; k < runSettings.length; k++) {
            ObjectNode r = doubles.addObject();
            r.put("method", runSettings[k].method().key());
            if (runSettings[k].step() != null) r.put("step", runSettings[k].step());
            if (!method.fixedStep()) {
                r.put("rtol", runSettings[k].rtol());
                r.put("atol", runSettings[k].atol());
            }
            r.put("steps", runStatistics[k].steps());
            r.put("rejected_steps", runStatistics[k].rejectedSteps());
            r.put("evaluations", runStatistics[k].evaluations());
            r.put("max_distance", max(distance[k]));
            r.put("seconds", runSeconds[k]);
        }
        ArrayNode frames = root.putArray("per_frame");
        double[] promised = promises();
        for (int f = 0; f < times.length; f++) {
            ObjectNode row = frames.addObject();
            row.put("frame", f);
            row.put("t", times[f]);
            row.put("distance", distance[0][f]);
            row.put("worst_token", worst[0][f]);
            row.put("reference_error", referenceError[f]);
            if (promised != null) row.put("promise", promised[f]);
            if (promised != null) row.put("distance_tighter", distance[1][f]);
            else if (distance.length > 1) {
                row.put("distance_half_step", distance[1][f]);
                row.put("distance_quarter_step", distance[2][f]);
            }
            if (replayDeviation != null) row.put("replay_deviation", replayDeviation[f]);
        }
        root.put("memory", "the double runs are held in memory (frames*n*d doubles per run); the reference is compared frame by frame");
        return root;
    }

    /** The readable table and verdict. */
    public void print(PrintWriter out) {
        SolverSettings s = scenario.solver();
        out.printf(Locale.ROOT, "attnflow verify: %s  %s  n = %d, d = %d  %s%s  against the reference at %d digits%n", source,
                scenario.model().paperName(), scenario.tokens(), scenario.dimension(), method.key(),
                method.fixedStep() ? " h = " + g(s.step()) : " rtol " + g(s.rtol()) + " atol " + g(s.atol()), digits);
        out.println("distance: " + metric.description());
        double[] promised = promises();
        if (promised != null) {
            out.printf(Locale.ROOT, "%6s %10s %12s %6s %12s %12s%n", "frame", "t", "distance", "token", "ref.error", "promise");
            for (int f = 0; f < times.length; f++) {
                out.printf(Locale.ROOT, "%6d %10s %12s %6d %12s %12s%s%n", f, g(times[f]), e(distance[0][f]), worst[0][f],
                        e(referenceError[f]), e(promised[f]), distance[0][f] > promised[f] ? "  beyond" : "");
            }
            out.printf(Locale.ROOT, "proportionality: at rtol/%.0f, atol/%.0f the largest distance falls from %s to %s: by %.2f (required %.2f)%s%n",
                    ToleranceProportionality.TIGHTENING, ToleranceProportionality.TIGHTENING, e(proportionality.error()), e(proportionality.tighterError()),
                    proportionality.drop(), ToleranceProportionality.REQUIRED_DROP,
                    proportionality.measurable() ? "" : " (not measurable: error far inside the promise or at the floor)");
        } else {
            out.printf(Locale.ROOT, "%6s %10s %12s %12s %12s %12s %12s%n", "frame", "t", "dist(h)", "dist(h/2)", "dist(h/4)", "ref.error", "replay");
            for (int f = 0; f < times.length; f++) {
                out.printf(Locale.ROOT, "%6d %10s %12s %12s %12s %12s %12s%n", f, g(times[f]), e(distance[0][f]), e(distance[1][f]),
                        e(distance[2][f]), e(referenceError[f]), replayDeviation == null ? "-" : e(replayDeviation[f]));
            }
            out.printf(Locale.ROOT, "order: errors %s at h = %s, h/2, h/4; observed %s; nominal %d (±%.1f)%s%n",
                    String.join(", ", Arrays.stream(order.errors()).mapToObj(VerifyReport::e).toList()), g(order.steps()[0]),
                    String.join(", ", Arrays.stream(order.observed()).mapToObj(p -> Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.3f", p)).toList()),
                    order.nominal(), ConvergenceOrder.ORDER_TOLERANCE, order.measurable() ? "" : " (errors at rounding level: not measurable)");
            if (replay != null) {
                out.printf(Locale.ROOT, "replay: the double run at h deviates from its %d-digit replay by at most %s (tolerance %s)%n",
                        digits, e(replayMaxDeviation()), e(Validation.DEFAULT_TOLERANCE));
            } else {
                out.println("replay: not available: " + replayUnavailable);
            }
        }
        out.printf(Locale.ROOT, "times: double %.3g s, reference %.3g s%s%n", Arrays.stream(runSeconds).sum(), referenceSeconds,
                replay != null ? String.format(Locale.ROOT, ", replay %.3g s", replaySeconds) : "");
        out.println("verdict: " + verdict.key() + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)));
        out.flush();
    }

    // ------------------------------------------------------------------ helpers

    static String e(double x) { return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3e", x); }

    /** A time or step with at most 6 significant digits and no trailing zeros (0.1, 2, 1E-10). */
    static String g(double x) {
        if (!Double.isFinite(x)) return Double.toString(x);
        java.math.BigDecimal b = java.math.BigDecimal.valueOf(x).round(new java.math.MathContext(6)).stripTrailingZeros();
        double a = Math.abs(x);
        return a == 0 || (a >= 1e-4 && a < 1e7) ? b.toPlainString() : b.toString();
    }

    static double max(double[] a) {
        double m = 0;
        for (double x : a) if (x > m || Double.isNaN(x)) m = x;
        return m;
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

    // ------------------------------------------------------------------ builder

    /** Collects the measurements of {@link Verification}; {@link Verification} reads them to decide the verdict. */
    static final class Builder {
        final String source;
        final Scenario scenario;
        final Method method;
        final int digits;
        final TokenDistance metric;
        final double[] times;
        final double[][] distance;
        final int[][] worst;
        final double[] referenceError;
        final double[] replayDeviation;
        final double[] replayError;
        final SolverSettings[] runSettings;
        final SolverStatistics[] runStatistics;
        final double[] runSeconds;
        ReferenceResult reference;
        double referenceSeconds;
        ReferenceResult replay;
        double replaySeconds;
        String replayUnavailable;

        Builder(String source, Scenario scenario, Method method, int digits, TokenDistance metric, int runs) {
            this.source = source;
            this.scenario = scenario;
            this.method = method;
            this.digits = digits;
            this.metric = metric;
            int frames = scenario.time().frames();
            this.times = scenario.time().times();
            this.distance = new double[runs][frames];
            this.worst = new int[runs][frames];
            this.referenceError = new double[frames];
            this.replayDeviation = new double[frames];
            this.replayError = new double[frames];
            this.runSettings = new SolverSettings[runs];
            this.runStatistics = new SolverStatistics[runs];
            this.runSeconds = new double[runs];
        }

        void doubleRun(int k, SolverSettings settings, SolverStatistics stats, double seconds) {
            runSettings[k] = settings;
            runStatistics[k] = stats;
            runSeconds[k] = seconds;
        }

        void distance(int run, int frame, double t, FrameDeviation deviation) {
            distance[run][frame] = deviation.max();
            worst[run][frame] = deviation.worstToken();
        }

        void referenceError(int frame, double bound) { referenceError[frame] = bound; }

        void reference(ReferenceResult result, double seconds) {
            reference = result;
            referenceSeconds = seconds;
        }

        void replay(int frame, FrameDeviation deviation, double bound) {
            replayDeviation[frame] = deviation.max();
            replayError[frame] = bound;
        }

        void replayDone(ReferenceResult result, double seconds) {
            replay = result;
            replaySeconds = seconds;
        }

        void replayUnavailable(String why) { replayUnavailable = why; }

        /** The report of these measurements with the verdict {@link Verification} decided. */
        VerifyReport build(Verdict verdict, List<String> reasons, ConvergenceOrder order, Dopri5Promise promise, ToleranceProportionality proportionality) {
            return new VerifyReport(this, verdict, reasons, order, promise, proportionality);
        }
    }
}
