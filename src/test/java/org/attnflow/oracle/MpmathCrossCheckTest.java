package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.testing.Python;
import org.junit.jupiter.api.Test;

/**
 * O1 against a wholly independent code: mpmath's Taylor-series ODE solver (odefun) on φ' = −sin φ/(1 + e^{β(1−cos φ)})
 * and its quadrature (quad) on spec/math.md's original time formula, at 35 digits. {@code .ci/run} installs python3-mpmath;
 * skipped, with a banner on stderr ({@link Python#assumeModules}), only when python3 with mpmath is not installed; a
 * script error, a timeout or a wrong output fails the test.
 */
class MpmathCrossCheckTest {

    private static final String SCRIPT = String.join("\n",
            "from mpmath import mp, mpf, odefun, quad, sin, cos, exp, tan, log",
            "mp.dps = 40",
            "beta, phi0, t = mpf('4'), mpf('2'), mpf('1')",
            "f = odefun(lambda s, p: -sin(p) / (1 + exp(beta * (1 - cos(p)))), 0, phi0)",
            "print(f(t))",
            "phi = mpf('0.75')",
            "print(log(tan(phi0 / 2) / tan(phi / 2)) + quad(lambda u: exp(beta * (1 - cos(u))) / sin(u), [phi, phi0]))");

    /** The script's two printed numbers; any failure once mpmath is known to be installed fails the test. */
    private static String[] runMpmath() throws IOException, InterruptedException {
        List<String> lines = Python.run(SCRIPT); // a script error or a timeout: IOException, the test fails
        String out = String.join(" ", lines).trim();
        String[] numbers = out.split("\\s+");
        assertEquals(2, numbers.length, "the mpmath script should print two numbers, printed: " + out);
        return numbers;
    }

    @Test
    void twoCausalTokensAgreeWithMpmathTo35Digits() throws Exception {
        Python.assumeModules("the mpmath cross-check of oracle O1 (TwoCausalTokens)", "mpmath");
        String[] mp = runMpmath();
        TwoCausalTokens o = TwoCausalTokens.ofAngle(new BigDecimal("4"), new BigDecimal("2"));
        Apfloat angle = o.angleAt(new BigDecimal("1"), 38);
        double angleError = ApfloatMath.abs(angle.subtract(new Apfloat(mp[0], 40))).doubleValue();
        assertTrue(angleError < 1e-35, "angle: oracle " + angle + ", mpmath odefun " + mp[0]);
        Apfloat time = o.timeToReach(new Apfloat("0.75", 45), 38);
        double timeError = ApfloatMath.abs(time.subtract(new Apfloat(mp[1], 40))).doubleValue();
        assertTrue(timeError < 1e-35, "time: oracle " + time + ", mpmath quad " + mp[1]);
    }
}
