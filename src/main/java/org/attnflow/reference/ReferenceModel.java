package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;

/**
 * An {@link AttentionModel} at working precision: β, Q, K, V built from their exact decimals (never through a
 * double), and the initial tokens likewise, retracted to the sphere at working precision on M1–M3.
 */
public final class ReferenceModel {
    private final AttentionModel model;
    private final WorkingPrecision precision;
    private final Apfloat beta;
    private final Apfloat[][] q;
    private final Apfloat[][] k;
    private final Apfloat[][] v;

    public ReferenceModel(AttentionModel model, WorkingPrecision precision) {
        this.model = model;
        this.precision = precision;
        this.beta = precision.of(model.beta());
        this.q = matrix(model.q(), precision);
        this.k = matrix(model.k(), precision);
        this.v = matrix(model.v(), precision);
    }

    public AttentionModel model() { return model; }

    public WorkingPrecision precision() { return precision; }

    public boolean onSphere() { return model.geometry() == Geometry.SPHERE; }

    public int dimension() { return model.dimension(); }

    public int queryDimension() { return model.queryDimension(); }

    Apfloat beta() { return beta; }

    Apfloat[][] q() { return q; }

    Apfloat[][] k() { return k; }

    Apfloat[][] v() { return v; }

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

    private static Apfloat[][] matrix(DecimalMatrix m, WorkingPrecision precision) {
        Apfloat[][] a = new Apfloat[m.rows()][m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) a[r][c] = precision.of(m.get(r, c));
        }
        return a;
    }
}
