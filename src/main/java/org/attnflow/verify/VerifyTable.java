package org.attnflow.verify;

import static org.attnflow.verify.Format.e;
import static org.attnflow.verify.Format.g;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;

/** {@code verify}'s readable output: the set-up, one row per frame, the order or proportionality, the verdict. */
public final class VerifyTable {
    private VerifyTable() {}

    public static void print(VerifyReport report, PrintWriter out) {
        VerifyMeasurements m = report.measured();
        VerifySummary summary = report.summary();
        Scenario scenario = m.scenario();
        SolverSettings s = m.settings();
        Method method = m.method();
        double[] times = m.times();
        double[][] distance = m.distance();
        boolean boxes = m.reference().result().method() == Method.ENCLOSURE;
        out.printf(Locale.ROOT, "attnflow verify: %s  %s  n = %d, d = %d  %s%s  against %s at %d digits%n", m.source(),
                scenario.model().paperName(), scenario.tokens(), scenario.dimension(), method.key(),
                method.fixedStep() ? " h = " + g(s.step()) : " rtol " + g(s.rtol()) + " atol " + g(s.atol()),
                boxes ? "the enclosure (proved boxes: distances to their midpoints, ref.error = their proved size)" : "the reference", m.digits());
        out.println("distance: " + m.metric().description());
        double[] promised = report.promises();
        if (promised != null) {
            ToleranceProportionality proportionality = summary.proportionality();
            out.printf(Locale.ROOT, "%6s %10s %12s %6s %12s %12s%n", "frame", "t", "distance", "token", "ref.error", "promise");
            for (int f = 0; f < times.length; f++) {
                out.printf(Locale.ROOT, "%6d %10s %12s %6d %12s %12s%s%n", f, g(times[f]), e(distance[0][f]), m.worst()[0][f],
                        e(m.referenceError()[f]), e(promised[f]), distance[0][f] > promised[f] ? "  beyond" : "");
            }
            out.printf(Locale.ROOT, "proportionality: at rtol/%.0f, atol/%.0f the largest distance falls from %s to %s: by %.2f (required %.2f)%s%n",
                    ToleranceProportionality.TIGHTENING, ToleranceProportionality.TIGHTENING, e(proportionality.error()), e(proportionality.tighterError()),
                    proportionality.drop(), ToleranceProportionality.REQUIRED_DROP,
                    proportionality.measurable() ? "" : " (not measurable: error far inside the promise or at the floor)");
        } else {
            ConvergenceOrder order = summary.order();
            double[] replayDeviation = m.replay() == null ? null : m.replay().deviation();
            out.printf(Locale.ROOT, "%6s %10s %12s %12s %12s %12s %12s%n", "frame", "t", "dist(h)", "dist(h/2)", "dist(h/4)", "ref.error", "replay");
            for (int f = 0; f < times.length; f++) {
                out.printf(Locale.ROOT, "%6d %10s %12s %12s %12s %12s %12s%n", f, g(times[f]), e(distance[0][f]), e(distance[1][f]),
                        e(distance[2][f]), e(m.referenceError()[f]), replayDeviation == null ? "-" : e(replayDeviation[f]));
            }
            out.printf(Locale.ROOT, "order: errors %s at h = %s, h/2, h/4; observed %s; nominal %d (±%.1f)%s%n",
                    String.join(", ", Arrays.stream(order.errors()).mapToObj(Format::e).toList()), g(order.steps()[0]),
                    String.join(", ", Arrays.stream(order.observed()).mapToObj(p -> Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.3f", p)).toList()),
                    order.nominal(), ConvergenceOrder.ORDER_TOLERANCE, order.measurable() ? "" : " (errors at rounding level: not measurable)");
            if (m.replay() != null) {
                out.printf(Locale.ROOT, "replay: the double run at h deviates from its %d-digit replay by at most %s (tolerance %s)%n",
                        m.digits(), e(report.replayMaxDeviation()), e(Validation.DEFAULT_TOLERANCE));
            } else {
                out.println("replay: not available: " + m.replayUnavailable());
            }
        }
        double doubleSeconds = m.runs().stream().mapToDouble(VerifyMeasurements.DoubleRun::seconds).sum();
        out.printf(Locale.ROOT, "times: double %.3g s, reference %.3g s%s%n", doubleSeconds, m.reference().seconds(),
                m.replay() != null ? String.format(Locale.ROOT, ", replay %.3g s", m.replay().run().seconds()) : "");
        out.println("verdict: " + summary.verdict().key() + (summary.reasons().isEmpty() ? "" : ": " + String.join("; ", summary.reasons())));
        out.flush();
    }
}
