package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Head;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * The double-double tier of the reference ({@link DoubleDoubleField}, {@link DoubleDoubleExtrapolation}) against the
 * Apfloat one, whose kernel is KeY-proved:
 * <ul>
 *   <li>the field agrees with the Apfloat field at 40 digits to ≤ 1e-26 (relative to 1 + max|A|) on O1, O2 and seeded
 *       random models (full and causal, 1 and 3 heads with sum and mean, every normalisation, sphere and R^d);</li>
 *   <li>the run's error estimate is never below its true error on O1 (β = 0.5, 9, 64) and O2 (n = 6, β = 20) against the
 *       70-digit oracles of {@link EstimateSweep}, at every digit count that runs in double-double;</li>
 *   <li>on four seeded random models on the sphere (full and causal, 1 and 3 heads, softmax and mean) a double-double run and an Apfloat run at the same digits agree
 *       within the sum of their estimates, and the Apfloat run at 40 digits lies within the double-double run's estimate;</li>
 *   <li>the tier is chosen as {@link ReferenceSolver#arithmetic} says;</li>
 *   <li>the I2 probe stops a planted mask off by one.</li>
 * </ul>
 * A whole trajectory at 12 digits is accurate to ~1e-13, not 1e-26: 1e-26 is asserted where it is the arithmetic alone
 * that differs (the field).
 */
class DoubleDoubleReferenceTest {

    @Test
    void theFieldAgreesWithTheApfloatFieldAt40Digits() {
        double worst = 0;
        // O1: two causal tokens, Q = K = V = I on the circle
        worst = Math.max(worst, fieldDifference(TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "9", 2),
                TestScenarios.matrix(2, 2, "1", "0", "0.6", "0.8")));
        // O2: the equiangular start, n = d = 6, β = 20
        worst = Math.max(worst, fieldDifference(TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "20", 6),
                InitialCondition.generate(InitialKind.ORTHONORMAL, 6, 6, null, 1).points()));
        SplittableRandom random = new SplittableRandom(3);
        for (int s = 0; s < 24; s++) {
            AttentionModel model = randomModel(random, s);
            worst = Math.max(worst, fieldDifference(model, randomPoints(random, 7, model.dimension())));
        }
        System.out.println("double-double field vs Apfloat at 40 digits: max difference " + worst);
        assertTrue(worst <= 1e-26, "max difference " + worst);
    }

    @Test
    void theEstimateIsNeverBelowTheTrueErrorInDoubleDouble() {
        for (EstimateSweep.Case c : EstimateSweep.cases()) {
            for (int digits : new int[] {6, 9, 12}) {
                assertEquals("double-double", ReferenceSolver.arithmetic(Method.REFERENCE, digits, c.model()).name());
                EstimateSweep.Result r = c.run(digits);
                System.out.println(r.row());
                assertTrue(r.ratio() >= 1, c.name() + " at " + digits + " digits: the estimate " + r.estimate().precision(3) + " at frame " + r.frame()
                        + " is " + r.ratio() + " of the true error there");
                assertTrue(r.maxError().compareTo(new Apfloat("1e-" + digits, 5)) < 0, c.name() + " at " + digits + ": error " + r.maxError());
            }
        }
    }

    @Test
    void runsAgreeWithTheApfloatReference() {
        SplittableRandom random = new SplittableRandom(17);
        for (int s = 0; s < 4; s++) {
            AttentionModel model = randomModel(random, s);
            InitialCondition start = InitialCondition.of(randomPoints(random, 4, model.dimension()));
            TimeGrid grid = TimeGrid.every(1, 0.5);
            List<ReferenceFrame> dd = new ArrayList<>();
            ReferenceResult r = ReferenceSolver.solve(TestScenarios.scenario(model, start, grid, TestScenarios.reference(12)), dd::add);
            assertEquals("double-double", r.arithmetic());
            List<ReferenceFrame> ap = new ArrayList<>();
            ReferenceResult a = ReferenceSolver.solve(TestScenarios.scenario(model, start, grid, TestScenarios.reference(12)), ap::add, ReferenceField::new);
            assertEquals("apfloat", a.arithmetic());
            List<ReferenceFrame> exact = new ArrayList<>();
            ReferenceSolver.solve(TestScenarios.scenario(model, start, grid, TestScenarios.reference(40)), exact::add);
            for (int f = 0; f < dd.size(); f++) {
                Apfloat both = dd.get(f).errorEstimate().add(ap.get(f).errorEstimate());
                Apfloat apart = EstimateSweep.maxError(dd.get(f).tokens(), flat(ap.get(f).tokens()));
                assertTrue(apart.compareTo(both) <= 0, model + " frame " + f + ": " + apart + " apart, estimates " + both);
                Apfloat error = EstimateSweep.maxError(dd.get(f).tokens(), flat(exact.get(f).tokens()));
                assertTrue(error.compareTo(dd.get(f).errorEstimate()) <= 0, "frame " + f + ": error " + error + " above the estimate " + dd.get(f).errorEstimate());
            }
        }
    }

    @Test
    void theTierIsChosenByDigitsAndModel() {
        AttentionModel post = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "1", 3);
        assertEquals("double-double", ReferenceSolver.arithmetic(Method.REFERENCE, 12, post).name());
        assertEquals("apfloat", ReferenceSolver.arithmetic(Method.REFERENCE, 13, post).name());
        assertEquals("apfloat", ReferenceSolver.arithmetic(Method.RK4, 10, post).name());
        AttentionModel pre = post.withLayerNorm(LayerNorm.PRE, null, null);
        assertEquals("apfloat", ReferenceSolver.arithmetic(Method.REFERENCE, 10, pre).name());
        assertTrue(DoubleDoubleExtrapolation.fits(17) && !DoubleDoubleExtrapolation.fits(18));
    }

    @Test
    void theCausalProbeStopsAMaskOffByOne() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "2", 2);
        ReferenceModel m = new ReferenceModel(model, WorkingPrecision.forDigits(12));
        Apfloat[][] x = m.initialState(TestScenarios.causalCircle());
        double[] xd = new double[2 * 4 * 2];
        for (int i = 0; i < 4; i++) for (int c = 0; c < 2; c++) DoubleDouble.of(x[i][c], xd, 2 * (i * 2 + c));
        ReferenceField.Fault offByOne = new ReferenceField.Fault() {
            @Override
            public int rowLength(int k, int maskLength) { return Math.min(maskLength + 1, 4); }
        };
        InvariantViolation v = org.junit.jupiter.api.Assertions.assertThrows(InvariantViolation.class,
                () -> new DoubleDoubleField(m, 4, offByOne).attend(xd, new double[xd.length]));
        assertTrue(v.getMessage().contains("I2"), v.getMessage());
        new DoubleDoubleField(m, 4).attend(xd, new double[xd.length]); // the field as it is passes the probe
    }

    /** max |A_dd − A_40| / (1 + max |A_40|) at the given points (directions on the sphere). */
    private static double fieldDifference(AttentionModel model, DecimalMatrix points) {
        ReferenceModel exact = new ReferenceModel(model, WorkingPrecision.forDigits(40));
        Apfloat[][] x = exact.initialState(InitialCondition.of(points));
        int n = x.length, d = model.dimension();
        double[] xd = new double[2 * n * d];
        // the same numbers in both: x rounded to double-double, then exactly to Apfloat
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                DoubleDouble.of(x[i][c], xd, 2 * (i * d + c));
                x[i][c] = DoubleDouble.toApfloat(xd[2 * (i * d + c)], xd[2 * (i * d + c) + 1], 50);
            }
        }
        Apfloat[][] a = new Apfloat[n][d];
        new ReferenceField(exact, n).attend(x, a);
        double[] ad = new double[2 * n * d];
        new DoubleDoubleField(exact, n).attend(xd, ad);
        Apfloat max = Apfloat.ZERO, size = Apfloat.ZERO;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                max = ApfloatMath.max(max, ApfloatMath.abs(DoubleDouble.toApfloat(ad[2 * (i * d + c)], ad[2 * (i * d + c) + 1], 50).subtract(a[i][c])));
                size = ApfloatMath.max(size, ApfloatMath.abs(a[i][c]));
            }
        }
        return max.divide(size.add(new Apfloat(1, 40))).doubleValue();
    }

    /** Model s of a seeded family: masks, normalisations, geometries, head counts and combinations in turn. */
    private static AttentionModel randomModel(SplittableRandom random, int s) {
        int d = 2 + s % 3;
        Mask mask = s % 2 == 0 ? Mask.FULL : Mask.CAUSAL;
        Normalization norm = Normalization.values()[(s / 2) % Normalization.values().length];
        Geometry geometry = (s / 8) % 2 == 0 ? Geometry.SPHERE : Geometry.EUCLIDEAN;
        int heads = s % 3 == 0 ? 3 : 1;
        List<Head> list = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            list.add(new Head(decimal(0.5 + 4 * random.nextDouble()), randomMatrix(random, d), randomMatrix(random, d), randomMatrix(random, d)));
        }
        HeadCombine combine = s % 4 < 2 ? HeadCombine.SUM : HeadCombine.MEAN;
        return new AttentionModel(geometry, mask, norm, list.get(0).beta(), list, combine, LayerNorm.POST, null, null, List.of());
    }

    private static DecimalMatrix randomMatrix(SplittableRandom random, int d) {
        BigDecimal[] e = new BigDecimal[d * d];
        for (int i = 0; i < e.length; i++) e[i] = decimal(2 * random.nextDouble() - 1);
        return DecimalMatrix.of(d, d, e);
    }

    private static DecimalMatrix randomPoints(SplittableRandom random, int n, int d) {
        BigDecimal[] e = new BigDecimal[n * d];
        for (int i = 0; i < e.length; i++) e[i] = decimal(2 * random.nextDouble() - 1);
        return DecimalMatrix.of(n, d, e);
    }

    private static BigDecimal decimal(double v) { return new BigDecimal(String.format(java.util.Locale.ROOT, "%.6f", v)); }

    private static Apfloat[] flat(Apfloat[][] x) {
        int d = x[0].length;
        Apfloat[] f = new Apfloat[x.length * d];
        for (int i = 0; i < x.length; i++) System.arraycopy(x[i], 0, f, i * d, d);
        return f;
    }
}
