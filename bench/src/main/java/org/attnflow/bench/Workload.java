package org.attnflow.bench;

import java.util.SplittableRandom;
import org.attnflow.field.AttentionField;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.field.simd.VectorAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/**
 * The benchmarked computation, shared by the JMH benchmarks and the peer comparison: model M1 (full) or M3
 * (causal) with Q = K = V = I_d and β = 1, n tokens drawn uniformly on the sphere from a fixed seed. The peers'
 * scripts compute exactly this (dense scores, softmax, −∞ mask) from the same tokens.
 */
final class Workload {
    static final double BETA = 1.0;
    static final long SEED = 20240611L;

    private Workload() {}

    static AttentionModel model(String mask, int d) {
        return AttentionModel.identity(Geometry.SPHERE, Mask.valueOf(mask.toUpperCase()), Normalization.SOFTMAX, BETA, d);
    }

    static double[] tokens(int n, int d) {
        return tokens(n, d, SEED + 7919L * n + d);
    }

    /** n tokens uniform on the sphere S^{d−1} (normalised Gaussians) from {@code seed}. */
    static double[] tokens(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            double u = rnd.nextDouble(), v = rnd.nextDouble();
            x[i] = Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
        }
        Tokens.normalize(x, d);
        return x;
    }

    /** "scalar" or "simd"; threads 0 = all cores (the SIMD field only). */
    static AttentionField field(String impl, AttentionModel model, int n, int threads) {
        return switch (impl) {
            case "scalar" -> new ScalarAttentionField(model, n);
            case "simd" -> new VectorAttentionField(model, n, threads);
            default -> throw new IllegalArgumentException("impl must be scalar or simd, got " + impl);
        };
    }

    /** Multiply-adds ×2 of one evaluation's attention (scores 2m + weighted sum 2d per pair; exp not counted). */
    static double flops(String mask, int n, int d) {
        return (double) Mask.valueOf(mask.toUpperCase()).pairs(n) * 4.0 * d;
    }
}
