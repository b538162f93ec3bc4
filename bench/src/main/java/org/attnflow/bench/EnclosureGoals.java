package org.attnflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.util.List;
import org.apfloat.Apfloat;
import org.attnflow.enclosure.EnclosureFrame;
import org.attnflow.enclosure.EnclosureSettings;
import org.attnflow.enclosure.Enclosures;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.TwoCausalTokens;

/**
 * The two width goals of the rigorous enclosures (issue 13), timed: O1 (β = 9, two causal tokens, to t = 10) and the
 * causal circle (n = 5, β = 4, T = 5, uniform start seed 7), with the settings of EnclosureGoalsTest, with and
 * without Lohner's QR coordinates. Prints, per run: steps, the widest box at the end, the largest distance of the
 * O1 oracle from its box edges (negative = inside), CPU time of the solving thread and wall time. Each run is
 * repeated {@code repeats} times in one JVM (the first includes the JIT's warm-up).
 *
 * <p>Usage: EnclosureGoals [repeats]
 */
public final class EnclosureGoals {
    private EnclosureGoals() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        BigDecimal[] x1 = {BigDecimal.ONE, BigDecimal.ZERO};
        BigDecimal[] x2 = {new BigDecimal("-0.4161468365471424"), new BigDecimal("0.9092974268256817")};
        DecimalMatrix o1Start = DecimalMatrix.of(2, 2, new BigDecimal[] {x1[0], x1[1], x2[0], x2[1]});
        AttentionModel o1 = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 9, 2);
        AttentionModel circle = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 4, 2);
        DecimalMatrix circleStart = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 5, 2, 7L, 1.0).points();
        EnclosureSettings o1Settings = new EnclosureSettings(26, 30, 10, true, 100_000);
        EnclosureSettings circleSettings = new EnclosureSettings(22, 24, 8, true, 100_000);
        TwoCausalTokens oracle = TwoCausalTokens.ofTokens(new BigDecimal(9), x1, x2);
        System.out.println("case | QR | steps | widest box at T | goal | CPU s | wall s");
        for (int r = 0; r < repeats; r++) {
            for (boolean qr : new boolean[] {true, false}) {
                run("O1 beta 9, t = 10", o1, o1Start, TimeGrid.every(10, 1), o1Settings.withQr(qr), 1e-20, oracle);
                run("causal circle n 5, beta 4, T = 5", circle, circleStart, TimeGrid.every(5, 1), circleSettings.withQr(qr), 1e-15, null);
            }
        }
    }

    private static void run(String name, AttentionModel model, DecimalMatrix start, TimeGrid times, EnclosureSettings s, double goal,
                            TwoCausalTokens oracle) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
        List<EnclosureFrame> frames = Enclosures.solve(model, start, times, s);
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
        EnclosureFrame last = frames.get(frames.size() - 1);
        double width = last.maxWidth().doubleValue();
        if (oracle != null) {
            Apfloat[] exact = oracle.stateAt(new BigDecimal(last.time()), 45);
            for (int i = 0; i < exact.length; i++) {
                BigDecimal v = new BigDecimal(exact[i].toString(true));
                if (!last.box()[i].contains(v)) throw new IllegalStateException(name + ": the oracle is outside the box");
            }
        }
        System.out.printf("%s | %s | %d | %.3e | %s | %.2f | %.2f%n", name, s.qr() ? "yes" : "no", last.steps(), width,
                width <= goal ? "met (<= " + goal + ")" : "MISSED (> " + goal + ")", cpu, wall);
    }
}
