package org.attnflow.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The immutable description of one self-attention dynamics (spec/math.md §1): geometry, mask, normalisation,
 * inverse temperature β and the matrices Q, K (m×d) and V (d×d). Scores are s_ij = β⟨Q x_i, K x_j⟩.
 *
 * <ul>
 *   <li>M1: sphere, full, softmax; M2: sphere, full, mean; M3: sphere, causal, softmax (or mean);</li>
 *   <li>M4: euclidean (full or causal, softmax or mean).</li>
 * </ul>
 *
 * Numbers are exact decimals ({@link BigDecimal}, {@link DecimalMatrix}) so that the arbitrary-precision
 * reference and the double solvers start from the same model.
 */
public record AttentionModel(Geometry geometry, Mask mask, Normalization normalization, BigDecimal beta,
                             DecimalMatrix q, DecimalMatrix k, DecimalMatrix v) {

    public AttentionModel {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(beta, "beta");
        Objects.requireNonNull(q, "Q");
        Objects.requireNonNull(k, "K");
        Objects.requireNonNull(v, "V");
        if (beta.signum() < 0) throw new IllegalArgumentException("model.beta: must be >= 0, got " + beta.toPlainString());
        int d = v.rows();
        if (v.cols() != d) throw new IllegalArgumentException("model.V: must be square (d x d), got " + v.rows() + "x" + v.cols());
        if (q.cols() != d) throw new IllegalArgumentException("model.Q: must have d = " + d + " columns, got " + q.rows() + "x" + q.cols());
        if (k.cols() != d) throw new IllegalArgumentException("model.K: must have d = " + d + " columns, got " + k.rows() + "x" + k.cols());
        if (q.rows() != k.rows()) {
            throw new IllegalArgumentException("model: Q and K must have the same number of rows m, got Q " + q.rows() + "x" + q.cols()
                    + " and K " + k.rows() + "x" + k.cols());
        }
    }

    /** The model with Q = K = V = I_d, the setting of most theorems and oracles. */
    public static AttentionModel identity(Geometry geometry, Mask mask, Normalization normalization, double beta, int d) {
        DecimalMatrix id = DecimalMatrix.identity(d);
        return new AttentionModel(geometry, mask, normalization, new BigDecimal(Double.toString(beta)), id, id, id);
    }

    /** Dimension d of a token. */
    public int dimension() { return v.rows(); }

    /** Rows m of Q and K. */
    public int queryDimension() { return q.rows(); }

    public double betaDouble() { return beta.doubleValue(); }

    /** Same model with another V (used by tests and claims that vary V). */
    public AttentionModel withV(DecimalMatrix newV) { return new AttentionModel(geometry, mask, normalization, beta, q, k, newV); }

    /** Same model with another β. */
    public AttentionModel withBeta(BigDecimal newBeta) { return new AttentionModel(geometry, mask, normalization, newBeta, q, k, v); }

    /** Short name of the paper's model this is: M1, M2, M3 (or M3-mean), M4 (or M4-causal / M4-mean). */
    public String paperName() {
        if (geometry == Geometry.EUCLIDEAN) {
            return "M4" + (mask == Mask.CAUSAL ? "-causal" : "") + (normalization == Normalization.MEAN ? "-mean" : "");
        }
        if (mask == Mask.CAUSAL) return normalization == Normalization.SOFTMAX ? "M3" : "M3-mean";
        return normalization == Normalization.SOFTMAX ? "M1" : "M2";
    }
}
