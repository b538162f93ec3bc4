package org.attnflow.reference;

import java.util.List;

import org.apfloat.Apfloat;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Head;
import org.attnflow.model.InitialCondition;

/**
 * An {@link AttentionModel} (one piece of its schedule) at working precision: each head's β, Q, K, V built from
 * their exact decimals (never through a double), and the initial tokens likewise, retracted to the sphere at working
 * precision on M1–M3, with their radii.
 */
public final class ReferenceModel {
    private final AttentionModel model;
    private final WorkingPrecision precision;
    private final Apfloat[] beta;
    private final Apfloat[][][] q;
    private final Apfloat[][][] k;
    private final Apfloat[][][] v;

    public ReferenceModel(AttentionModel model, WorkingPrecision precision) {
        this.model = model;
        this.precision = precision;
        List<Head> heads = model.heads();
        this.beta = new Apfloat[heads.size()];
        this.q = new Apfloat[heads.size()][][];
        this.k = new Apfloat[heads.size()][][];
        this.v = new Apfloat[heads.size()][][];
        for (int h = 0; h < heads.size(); h++) {
            beta[h] = precision.of(heads.get(h).beta());
            q[h] = matrix(heads.get(h).q(), precision);
            k[h] = matrix(heads.get(h).k(), precision);
            v[h] = matrix(heads.get(h).v(), precision);
        }
    }

    public AttentionModel model() { return model; }

    public WorkingPrecision precision() { return precision; }

    public boolean onSphere() { return model.geometry() == Geometry.SPHERE; }

    public int dimension() { return model.dimension(); }

    public int queryDimension() { return model.queryDimension(); }

    /** Number of heads. */
    int heads() { return beta.length; }

    Apfloat beta(int head) { return beta[head]; }

    Apfloat[][] q(int head) { return q[head]; }

    Apfloat[][] k(int head) { return k[head]; }

    Apfloat[][] v(int head) { return v[head]; }

    /** The initial tokens (n×d) from their exact decimals; normalised at working precision on the sphere. */
    public Apfloat[][] initialState(InitialCondition initial) {
        Apfloat[][] x = matrix(initial.points(), precision);
        if (onSphere()) {
            for (int i = 0; i < x.length; i++) {
                Apfloat[] unit = new Apfloat[x[i].length];
                try {
                    ReferenceAttention.normalize(x[i], unit);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("initial token " + i + " is the zero vector and has no direction on the sphere", e);
                }
                x[i] = unit;
            }
        }
        return x;
    }

    /** The initial radii r_k(0) from their exact decimals. */
    Apfloat[] initialRadius(InitialCondition initial) {
        Apfloat[] r = new Apfloat[initial.n()];
        for (int i = 0; i < r.length; i++) r[i] = precision.of(initial.radius().get(i));
        return r;
    }

    private static Apfloat[][] matrix(DecimalMatrix m, WorkingPrecision precision) {
        Apfloat[][] a = new Apfloat[m.rows()][m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) a[r][c] = precision.of(m.get(r, c));
        }
        return a;
    }
}
