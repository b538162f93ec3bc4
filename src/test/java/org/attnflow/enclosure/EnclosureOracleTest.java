package org.attnflow.enclosure;

import static org.attnflow.enclosure.Containment.assertEncloses;
import static org.attnflow.enclosure.Containment.assertNarrow;
import static org.attnflow.enclosure.Containment.decimals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.EquiangularStart;
import org.attnflow.oracle.LinearFlow;
import org.attnflow.oracle.SingleToken;
import org.attnflow.oracle.TwoCausalTokens;
import org.junit.jupiter.api.Test;

/**
 * Enclosures against the closed-form oracles (org.attnflow.oracle, evaluated to 30 digits), at every saved time,
 * on seeded random small systems: O1 (two causal tokens, random angle, β and d), O2 (equiangular start, softmax
 * and mean), O3 (the first causal token under random Q, K, V; a single token under full attention), O4 (one
 * euclidean token). Each box must hold the oracle's value and be narrow (so that holding it means something).
 */
class EnclosureOracleTest {
    static final EnclosureSettings FAST = new EnclosureSettings(18, 20, 10, true, 20_000);
    private static final BigDecimal ORACLE_ERROR = new BigDecimal("1E-28");

    @Test
    void twoCausalTokensAreEnclosed() {
        Random rng = new Random(101);
        for (int trial = 0; trial < 3; trial++) {
            int d = 2 + trial % 2;
            BigDecimal beta = Containment.decimal(rng, 4, 2).abs().add(new BigDecimal("0.5"));
            BigDecimal[] x1 = new BigDecimal[d], x2 = new BigDecimal[d];
            for (int c = 0; c < d; c++) {
                x1[c] = Containment.decimal(rng, 1, 3);
                x2[c] = Containment.decimal(rng, 1, 3);
            }
            AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 0, d).withBeta(beta);
            BigDecimal[] rows = new BigDecimal[2 * d];
            System.arraycopy(x1, 0, rows, 0, d);
            System.arraycopy(x2, 0, rows, d, d);
            TwoCausalTokens oracle = TwoCausalTokens.ofTokens(beta, x1, x2);
            List<EnclosureFrame> frames = Enclosures.solve(model, DecimalMatrix.of(2, d, rows), TimeGrid.every(1.5, 0.5), FAST);
            String label = "O1 beta " + beta + ", d " + d;
            assertEquals(4, frames.size());
            for (EnclosureFrame f : frames) {
                assertEncloses(f, decimals(oracle.stateAt(Containment.time(f.time()), 30)), ORACLE_ERROR, null, label);
                assertNarrow(f, 1e-10, label);
            }
        }
    }

    @Test
    void equiangularStartIsEnclosedUnderSoftmaxAndMean() {
        Random rng = new Random(102);
        for (Normalization norm : new Normalization[] {Normalization.SOFTMAX, Normalization.MEAN}) { // what the enclosure encloses
            int n = 3;
            // mean normalisation moves tokens at speed ~ e^β/n: a smaller β keeps the test short
            BigDecimal beta = Containment.decimal(rng, 1, 2).abs().add(norm == Normalization.SOFTMAX ? BigDecimal.ONE : new BigDecimal("0.5"));
            AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, norm, 0, n).withBeta(beta);
            EquiangularStart oracle = new EquiangularStart(norm, n, beta);
            String label = "O2 " + norm + " beta " + beta;
            for (EnclosureFrame f : Enclosures.solve(model, DecimalMatrix.identity(n), TimeGrid.every(1, 0.5), FAST)) {
                assertEncloses(f, decimals(oracle.stateAt(Containment.time(f.time()), 30, n)), ORACLE_ERROR, null, label);
                assertNarrow(f, 1e-10, label);
            }
        }
    }

    @Test
    void firstCausalTokenFollowsItsLinearFlowUnderRandomQKV() {
        Random rng = new Random(103);
        int n = 3, d = 3;
        AttentionModel model = new AttentionModel(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, new BigDecimal("1.5"),
                Containment.matrix(rng, 2, d, 1), Containment.matrix(rng, 2, d, 1), Containment.matrix(rng, d, d, 1));
        DecimalMatrix start = Containment.matrix(rng, n, d, 1);
        BigDecimal[] x0 = {start.get(0, 0), start.get(0, 1), start.get(0, 2)};
        SingleToken oracle = new SingleToken(model.v(), x0);
        for (EnclosureFrame f : Enclosures.solve(model, start, TimeGrid.every(1.5, 0.5), FAST)) {
            BigDecimal[] exact = new BigDecimal[n * d];
            System.arraycopy(decimals(oracle.stateAt(Containment.time(f.time()), 30)), 0, exact, 0, d);
            assertEncloses(f, exact, ORACLE_ERROR, new int[] {0}, "O3, token 0 of a causal system");
            assertNarrow(f, 1e-10, "O3");
        }
        // one token under full softmax attention: its own weight is 1, so it follows the same flow
        AttentionModel full = new AttentionModel(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, new BigDecimal("2"),
                model.q(), model.k(), model.v());
        DecimalMatrix one = DecimalMatrix.of(1, d, x0);
        for (EnclosureFrame f : Enclosures.solve(full, one, TimeGrid.every(1.5, 0.75), FAST)) {
            assertEncloses(f, decimals(oracle.stateAt(Containment.time(f.time()), 30)), ORACLE_ERROR, null, "O3, one token, full softmax");
        }
    }

    @Test
    void oneEuclideanTokenFollowsTheLinearFlow() {
        Random rng = new Random(104);
        int d = 2;
        DecimalMatrix v = Containment.matrix(rng, d, d, 1);
        AttentionModel model = new AttentionModel(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE,
                Containment.matrix(rng, d, d, 1), Containment.matrix(rng, d, d, 1), v);
        BigDecimal[] x0 = {new BigDecimal("0.6"), new BigDecimal("-1.3")};
        LinearFlow oracle = new LinearFlow(v, x0);
        for (EnclosureFrame f : Enclosures.solve(model, DecimalMatrix.of(1, d, x0), TimeGrid.every(2, 1), FAST)) {
            assertEncloses(f, decimals(oracle.stateAt(Containment.time(f.time()), 30)), ORACLE_ERROR, null, "O4");
            assertNarrow(f, 1e-10, "O4");
        }
    }

    @Test
    void qrCoordinatesTameTheWrappingEffectOfARotation() {
        // ẋ = Vx with V the generator of rotations: boxes aligned with the axes wrap the rotating set; after
        // t = 20 (3.2 turns) Lohner's QR coordinates must keep the box at least 100 times narrower (measured: 450
        // times), and both must hold O4.
        DecimalMatrix rotation = DecimalMatrix.of(2, 2, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ONE.negate(), BigDecimal.ONE, BigDecimal.ZERO});
        AttentionModel model = new AttentionModel(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE,
                DecimalMatrix.identity(2), DecimalMatrix.identity(2), rotation);
        BigDecimal[] x0 = {new BigDecimal("0.6"), new BigDecimal("0.8")};
        LinearFlow oracle = new LinearFlow(rotation, x0);
        double[] widths = new double[2];
        for (boolean qr : new boolean[] {true, false}) {
            List<EnclosureFrame> frames = Enclosures.solve(model, DecimalMatrix.of(1, 2, x0), TimeGrid.every(20, 20), FAST.withDigits(24).withQr(qr));
            EnclosureFrame last = frames.get(1);
            assertEncloses(last, decimals(oracle.stateAt(Containment.time(20), 30)), ORACLE_ERROR, null, "rotation, qr " + qr);
            widths[qr ? 0 : 1] = last.maxWidth().doubleValue();
        }
        assertTrue(widths[0] * 100 < widths[1], "QR box width " + widths[0] + ", plain mean-value box width " + widths[1]);
    }
}
