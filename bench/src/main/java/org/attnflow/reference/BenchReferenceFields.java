package org.attnflow.reference;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.attnflow.model.AttentionModel;

/**
 * Benchmark access to the reference's two fields, which are package-private: one evaluation (attend) of the Apfloat
 * {@link ReferenceField} at {@code digits} decimal digits (plus the default guard) and of the {@link DoubleDoubleField},
 * both at the same double state (taken as exact). Compiled only into the benchmark jar (bench/ sources, {@code -Pbench}),
 * never into the product; it adds no logic, only hands the fields' {@code attend} to
 * {@code org.attnflow.bench.KernelBenchmark}.
 */
public final class BenchReferenceFields {
    private BenchReferenceFields() {}

    /** One evaluation of the Apfloat reference field: returns the output (n×d) of the state it was made with. */
    public static Runnable apfloat(AttentionModel model, int tokens, int digits, double[] state) {
        WorkingPrecision precision = WorkingPrecision.forDigits(digits);
        ReferenceField field = new ReferenceField(new ReferenceModel(model, precision), tokens);
        int d = model.dimension();
        Apfloat[][] x = new Apfloat[tokens][d];
        Apfloat[][] out = new Apfloat[tokens][d];
        for (int i = 0; i < tokens; i++) {
            for (int c = 0; c < d; c++) x[i][c] = precision.of(new BigDecimal(state[i * d + c]));
        }
        return () -> field.attend(x, out);
    }

    /** One evaluation of the double-double field (interleaved hi/lo; the state's doubles as exact double-doubles). */
    public static Runnable doubleDouble(AttentionModel model, int tokens, int digits, double[] state) {
        DoubleDoubleField field = new DoubleDoubleField(new ReferenceModel(model, WorkingPrecision.forDigits(digits)), tokens);
        double[] x = new double[2 * state.length];
        double[] out = new double[2 * state.length];
        for (int e = 0; e < state.length; e++) x[2 * e] = state[e];
        return () -> field.attend(x, out);
    }
}
