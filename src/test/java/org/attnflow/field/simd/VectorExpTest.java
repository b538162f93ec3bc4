package org.attnflow.field.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

class VectorExpTest {

    /** Within 1 ulp of StrictMath.exp (fdlibm, itself < 1 ulp) on [−708, 0] and near 0, where the softmax lives. */
    @Test
    void withinOneUlpOfStrictMath() {
        SplittableRandom rnd = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < 400_000; i++) {
            double x = switch (i % 4) {
                case 0 -> -708 * rnd.nextDouble();
                case 1 -> -rnd.nextDouble();
                case 2 -> -1e-6 * rnd.nextDouble();
                default -> 700 * (rnd.nextDouble() - 0.5);
            };
            double ref = StrictMath.exp(x);
            worst = Math.max(worst, Math.abs(VectorExp.exp(x) - ref) / Math.ulp(ref));
        }
        assertTrue(worst <= 1.0, "worst error " + worst + " ulp");
    }

    @Test
    void vectorAndScalarFormsAgreeBitForBit() {
        SplittableRandom rnd = new SplittableRandom(2);
        int lanes = TiledProjections.L;
        double[] x = new double[lanes * 1000];
        for (int i = 0; i < x.length; i++) x[i] = -750 * rnd.nextDouble() + (i % 7 == 0 ? 0 : 0.5);
        x[3] = Double.NEGATIVE_INFINITY;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i += lanes) VectorExp.exp(DoubleVector.fromArray(TiledProjections.SPECIES, x, i)).intoArray(y, i);
        for (int i = 0; i < x.length; i++) assertEquals(Double.doubleToRawLongBits(VectorExp.exp(x[i])), Double.doubleToRawLongBits(y[i]), "x=" + x[i]);
        // without the flush: the same bits wherever x ≥ −708 (the flush's threshold itself included)
        x[5] = VectorExp.UNDERFLOW;
        x[6] = Math.nextDown(VectorExp.UNDERFLOW);
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i += lanes) VectorExp.expAbove(DoubleVector.fromArray(TiledProjections.SPECIES, x, i)).intoArray(z, i);
        for (int i = 0; i < x.length; i += lanes) VectorExp.exp(DoubleVector.fromArray(TiledProjections.SPECIES, x, i)).intoArray(y, i);
        int checked = 0;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= VectorExp.UNDERFLOW)) continue;
            assertEquals(Double.doubleToRawLongBits(y[i]), Double.doubleToRawLongBits(z[i]), "x=" + x[i]);
            checked++;
        }
        assertTrue(checked > x.length / 2);
        assertEquals(0.0, y[6]);
    }

    @Test
    void edgeValues() {
        assertEquals(1.0, VectorExp.exp(0.0));
        assertEquals(1.0, VectorExp.exp(-0.0));
        assertEquals(0.0, VectorExp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(VectorExp.exp(-709.0)));
        assertTrue(VectorExp.exp(-708.0) > 0 && Math.abs(VectorExp.exp(-708.0) - StrictMath.exp(-708.0)) <= Math.ulp(StrictMath.exp(-708.0)));
        assertTrue(Double.isNaN(VectorExp.exp(Double.NaN)));
    }
}
