package org.attnflow.field.simd;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/** Seeded random models and states for the SIMD field's tests. */
final class RandomScenarios {
    private RandomScenarios() {}

    /** A model with Gaussian Q, K (m×d) scaled by 1/√d, Gaussian V, and the given structure. */
    static AttentionModel model(SplittableRandom rnd, Geometry g, Mask mask, Normalization norm, double beta, int m, int d) {
        return new AttentionModel(g, mask, norm, new BigDecimal(beta),
                gaussian(rnd, m, d, 1 / Math.sqrt(d)), gaussian(rnd, m, d, 1 / Math.sqrt(d)), gaussian(rnd, d, d, 1));
    }

    static DecimalMatrix gaussian(SplittableRandom rnd, int rows, int cols, double scale) {
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = scale * gaussian(rnd);
        return DecimalMatrix.ofDoubles(rows, cols, a);
    }

    /** n tokens: unit vectors on the sphere, standard Gaussian in Euclidean space. */
    static double[] state(SplittableRandom rnd, Geometry g, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) x[i] = gaussian(rnd);
        if (g == Geometry.SPHERE) org.attnflow.field.Tokens.normalize(x, d);
        return x;
    }

    static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
