package org.attnflow.model;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A matrix made from doubles is exactly those doubles, whether its decimals were made yet or not. */
class DecimalMatrixTest {

    @Test
    void doublesAreTheirExactDecimals() {
        Random rng = new Random(11);
        double[] a = new double[12];
        for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20);
        a[3] = -0.0;
        DecimalMatrix m = DecimalMatrix.ofDoubles(3, 4, a);
        double[] back = m.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(new BigDecimal(a[i]).compareTo(m.get(i / 4, i % 4)), 0, "entry " + i + " is the exact decimal of its double");
            assertEquals(new BigDecimal(a[i]).doubleValue(), back[i], 0.0, "entry " + i + " reads back as its double");
        }
        assertEquals(0, Double.compare(0.0, back[3]), "-0.0 is the decimal 0, read back as +0.0 (as the decimal route gives)");
        DecimalMatrix decimal = DecimalMatrix.of(3, 4, m.toArray());
        assertEquals(decimal, m);
        assertEquals(m, decimal);
        assertEquals(DecimalMatrix.ofDoubles(3, 4, a), m);
        assertEquals(decimal.hashCode(), m.hashCode());
        a[5] = Math.nextUp(a[5]);
        assertNotEquals(DecimalMatrix.ofDoubles(3, 4, a), m, "one ulp apart is another matrix");
        assertEquals(m.transpose().get(2, 1).compareTo(m.get(1, 2)), 0);
        assertThrows(IllegalArgumentException.class, () -> DecimalMatrix.ofDoubles(2, 2, new double[] {1, 2, Double.NaN, 4}));
        assertThrows(IllegalArgumentException.class, () -> DecimalMatrix.ofDoubles(2, 2, new double[] {1, 2, 3}));
    }
}
