package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link FastExp} against {@link ApfloatMath#exp}: the same value to the last digit, for |x| from 10^-30 to 10^5. */
class FastExpTest {

    /** Arguments spread over 35 decades of both signs, plus the large exponents of M4 (scores grow like e^{2t}). */
    private static List<Apfloat> arguments(long precision) {
        List<Apfloat> xs = new ArrayList<>();
        Random random = new Random(20241122);
        for (int i = 0; i < 30; i++) {
            double magnitude = Math.pow(10, -30 + 35 * random.nextDouble());
            BigDecimal x = new BigDecimal(random.nextBoolean() ? magnitude : -magnitude);
            xs.add(new Apfloat(x, precision));
        }
        for (String s : new String[]{"1", "-1", "1.1512925464970228420089957273421821038005507443143864880166639504837863048386762401179986025447991491",
                "2.302585092994045684017991454684364207601101488628772976033327900967572609677352480235997205089598298341967784",
                "10000", "-10000", "12345.6789", "-20000.000000001", "99999.999", "-0.5", "0.5"}) {
            xs.add(new Apfloat(s, precision));
        }
        return xs;
    }

    @ParameterizedTest
    @ValueSource(longs = {30, 50, 110})
    void agreesWithApfloatToTheLastDigit(long precision) {
        for (Apfloat x : arguments(precision)) {
            Apfloat fast = FastExp.exp(x);
            Apfloat same = ApfloatMath.exp(x);
            Apfloat exact = ApfloatMath.exp(x.precision(same.precision() + 25)); // x's digits taken as exact, 25 more carried
            // as many digits as x determines: fewer for |x| > 1, more for tiny x (1 + x); ApfloatMath counts one more
            assertTrue(Math.abs(fast.precision() - same.precision()) <= 1, "exp(" + x + ") has " + fast.precision() + " digits, ApfloatMath " + same.precision());
            Apfloat capped = FastExp.exp(x, precision);
            assertEquals(Math.min(precision, fast.precision()), capped.precision(), "capped precision of exp(" + x + ")");
            assertTrue(ulpsBetween(capped, exact) <= 1, "capped exp(" + x + ") = " + capped + " but is " + exact);
            assertTrue(ulpsBetween(fast, exact) <= 1, "exp(" + x + ") = " + fast + " but is " + exact);
            assertTrue(ulpsBetween(fast, same) <= 1, "exp(" + x + ") = " + fast + " but ApfloatMath.exp gives " + same);
        }
    }

    @Test
    void zeroIsExactlyOne() {
        assertEquals(Apfloat.ONE, FastExp.exp(new Apfloat(0, 40)));
    }

    @Test
    void refusesAnExactArgumentAndAnArgumentWithoutCorrectDigits() {
        assertThrows(IllegalArgumentException.class, () -> FastExp.exp(new Apfloat(2)));
        assertThrows(ArithmeticException.class, () -> FastExp.exp(new Apfloat("123456", 5)));
    }

    /** |a − b| in units of the last digit of {@code a}. */
    private static double ulpsBetween(Apfloat a, Apfloat b) {
        Apfloat diff = ApfloatMath.abs(a.subtract(b.precision(a.precision() + 5)));
        if (diff.signum() == 0) return 0;
        Apfloat ulp = ApfloatMath.scale(new Apfloat(1), a.scale() - a.precision());
        return diff.divide(ulp.precision(5)).doubleValue();
    }
}
