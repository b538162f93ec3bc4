package org.attnflow.enclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.attnflow.enclosure.interval.Interval;
import org.attnflow.enclosure.interval.IntervalArithmetic;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * The pieces of the enclosure method: the Taylor coefficients and their derivatives against the double field
 * (every model), the enclosure of B⁻¹, the box file, and the input checks.
 */
class EnclosureMechanicsTest {

    @Test
    void taylorCoefficientsAndTheirDerivativesMatchTheDoubleField() {
        Random rng = new Random(201);
        int n = 4, d = 3;
        for (Geometry g : Geometry.values()) {
            for (Mask mask : Mask.values()) {
                for (Normalization norm : new Normalization[] {Normalization.SOFTMAX, Normalization.MEAN}) { // what the enclosure encloses
                    AttentionModel model = new AttentionModel(g, mask, norm, new BigDecimal("1.7"), Containment.matrix(rng, 2, d, 1),
                            Containment.matrix(rng, 2, d, 1), Containment.matrix(rng, d, d, 1));
                    double[] x = new double[n * d];
                    for (int i = 0; i < n; i++) {
                        double r = 0;
                        for (int c = 0; c < d; c++) r += (x[i * d + c] = rng.nextGaussian()) * x[i * d + c];
                        if (g == Geometry.SPHERE) for (int c = 0; c < d; c++) x[i * d + c] /= Math.sqrt(r);
                    }
                    String label = g + " " + mask + " " + norm;
                    checkCoefficients(model, n, x, label);
                }
            }
        }
    }

    private static void checkCoefficients(AttentionModel model, int n, double[] x, String label) {
        int size = x.length;
        ScalarAttentionField field = new ScalarAttentionField(model, n);
        IntervalArithmetic ar = new IntervalArithmetic(30);
        Jet.Arithmetic jets = new Jet.Arithmetic(ar, ar, size);
        Jet[] start = new Jet[size];
        for (int m = 0; m < size; m++) start[m] = jets.variable(Interval.point(new BigDecimal(x[m])), m);
        Jet[][] c = new AttentionSeries(model, n).coefficients(jets, start, 2, 2);
        double[] f = new double[size];
        field.velocity(x, f);
        double fmax = 1;
        for (double v : f) fmax = Math.max(fmax, Math.abs(v));
        double eps = 1e-6 / fmax;
        double[] plus = new double[size], minus = new double[size], xp = new double[size], xm = new double[size];
        for (int m = 0; m < size; m++) {
            xp[m] = x[m] + eps * f[m];
            xm[m] = x[m] - eps * f[m];
        }
        field.velocity(xp, plus);
        field.velocity(xm, minus);
        for (int m = 0; m < size; m++) {
            assertEquals(f[m], mid(c[1][m].value), 1e-13 * fmax, label + ": x_1 = f, coordinate " + m);
            assertEquals((plus[m] - minus[m]) / (4 * eps), mid(c[2][m].value), 1e-6 * fmax * fmax, label + ": x_2 = Df·f/2, coordinate " + m);
        }
        double h = 1e-6;
        for (int j = 0; j < size; j++) {
            double[] yp = x.clone(), ym = x.clone();
            yp[j] += h;
            ym[j] -= h;
            field.velocity(yp, plus);
            field.velocity(ym, minus);
            for (int m = 0; m < size; m++) {
                assertEquals((plus[m] - minus[m]) / (2 * h), mid(c[1][m].partials[j]), 1e-6 * fmax, label + ": ∂f_" + m + "/∂x_" + j);
            }
        }
    }

    private static double mid(Interval x) { return x.lower().add(x.upper()).doubleValue() / 2; }

    @Test
    void enclosureOfTheInverseBasisHoldsTheExactInverse() {
        Random rng = new Random(202);
        IntervalArithmetic aux = new IntervalArithmetic(12);
        for (int size : new int[] {2, 7, 24}) {
            double[][] a = new double[size][size];
            for (double[] row : a) for (int j = 0; j < size; j++) row[j] = rng.nextGaussian();
            double[][] q = Parallelepiped.householderQ(a);
            Interval[][] b = new Interval[size][size];
            for (int i = 0; i < size; i++) for (int j = 0; j < size; j++) b[i][j] = Interval.point(new BigDecimal(q[i][j]).round(new java.math.MathContext(17)));
            Interval[][] inv = Parallelepiped.inverseOfNearlyOrthogonal(b, aux);
            Interval[][] product = Parallelepiped.multiply(inv, b, new IntervalArithmetic(40)); // B⁻¹B = I must be enclosed
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    assertTrue(product[i][j].contains(i == j ? BigDecimal.ONE : BigDecimal.ZERO), size + ": (B⁻¹B)_" + i + j + " = " + product[i][j]);
                    assertTrue(inv[i][j].width().doubleValue() < 1e-11, "too wide: " + inv[i][j]);
                }
            }
        }
    }

    @Test
    void boxFileHasTheHeaderAndEveryDigitOfEveryEnd() throws IOException {
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 2, 2);
        DecimalMatrix start = DecimalMatrix.of(2, 2, new BigDecimal[] {BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("0.6"), new BigDecimal("0.8")});
        List<EnclosureFrame> frames = Enclosures.solve(model, start, TimeGrid.every(0.5, 0.25), EnclosureOracleTest.FAST);
        StringWriter out = new StringWriter();
        EnclosureCsv.writeHeader(out, 2);
        for (EnclosureFrame f : frames) EnclosureCsv.writeFrame(out, f);
        String[] lines = out.toString().split("\n");
        assertEquals("t,token,x1_lo,x1_hi,x2_lo,x2_hi", lines[0]);
        assertEquals(1 + frames.size() * 2, lines.length);
        for (int f = 0; f < frames.size(); f++) {
            for (int i = 0; i < 2; i++) {
                String[] cells = lines[1 + 2 * f + i].split(",");
                assertEquals(frames.get(f).time(), Double.parseDouble(cells[0]));
                assertEquals(i, Integer.parseInt(cells[1]));
                for (int c = 0; c < 2; c++) {
                    Interval x = frames.get(f).interval(i, c);
                    BigDecimal lo = new BigDecimal(cells[2 + 2 * c]), hi = new BigDecimal(cells[3 + 2 * c]);
                    assertEquals(0, lo.compareTo(x.lower()), "lower end written exactly");
                    assertEquals(0, hi.compareTo(x.upper()), "upper end written exactly");
                    assertTrue(lo.compareTo(hi) <= 0);
                }
            }
        }
        assertEquals("t,token,x1_lo,x1_hi", EnclosureCsv.header(1));
        EnclosureFrame last = frames.get(frames.size() - 1);
        assertTrue(last.contains(last.midpoints()), "the midpoints lie in their box");
        double[] outside = last.midpoints();
        outside[3] = Math.nextUp(last.interval(1, 1).upper().doubleValue());
        assertTrue(!last.contains(outside), "a point past an upper end is outside");
    }

    @Test
    void inputsOutsideTheMethodAreRejectedWithOneLine() {
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        DecimalMatrix big = DecimalMatrix.ofDoubles(17, 3, new double[51]);
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> Enclosures.solve(model, big, TimeGrid.every(1, 1), EnclosureSettings.DEFAULT));
        assertTrue(tooBig.getMessage().contains("n·d = 51"), tooBig.getMessage());
        assertEquals(tooBig.getMessage(), Enclosures.unsupported(model, 17));
        DecimalMatrix zero = DecimalMatrix.ofDoubles(2, 3, new double[] {1, 0, 0, 0, 0, 0});
        IllegalArgumentException noDirection = assertThrows(IllegalArgumentException.class,
                () -> Enclosures.solve(model, zero, TimeGrid.every(1, 1), EnclosureSettings.DEFAULT));
        assertTrue(noDirection.getMessage().contains("token 1 is zero"), noDirection.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Enclosures.solve(model, DecimalMatrix.identity(2), TimeGrid.every(1, 1), EnclosureSettings.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new EnclosureSettings(5, 20, 10, true, 10));
        assertThrows(IllegalArgumentException.class, () -> new EnclosureSettings(20, 20, 21, true, 10));
    }

    @Test
    void theStepBoundStopsARunThatNeedsMore() {
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 4, 2);
        DecimalMatrix start = DecimalMatrix.of(2, 2, new BigDecimal[] {BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("-0.6"), new BigDecimal("0.8")});
        EnclosureSettings two = new EnclosureSettings(18, 16, 8, true, 2);
        int[] frames = {0};
        EnclosureFailedException e = assertThrows(EnclosureFailedException.class,
                () -> Enclosures.solve(model, start, TimeGrid.every(5, 5), two, f -> frames[0]++));
        assertTrue(e.getMessage().contains("maxSteps = 2"), e.getMessage());
        assertEquals(1, frames[0], "only the start was handed out");
    }
}
