package org.attnflow.model;

/** How a double the user gave (a step, a tolerance, a time) is shown in messages and help texts. */
public final class Decimals {
    private Decimals() {}

    /**
     * The shortest decimal that reads back as {@code x}, as a person writes it: "0.1", "10", "1e-300", "2.2e-14"
     * (not Java's "1.0E-300" or "10.0").
     */
    public static String show(double x) {
        if (!Double.isFinite(x)) return Double.toString(x);
        String s = Double.toString(x);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }
}
