package org.attnflow.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.LayerNorm;

/**
 * The arbitrary-precision counterpart of the double solvers' {@code field.Dynamics}: the reference field of each
 * piece of the model's schedule, the normalisation scheme (spec/math.md §7) and the radii, composed from
 * {@link ReferenceField} (and so from the proved kernel, one head at a time) without touching it.
 *
 * <p><b>State.</b> n rows: token k's direction θ_k (d entries) followed, when the scheme carries a radius, by r_k
 * (row length d + 1). So every operation of {@link States} (axpy, differences, copies) acts on directions and radii
 * alike and token by token, and the causal order (I2) of the field carries over to the radii: token k's row is
 * computed from rows 0..k only.
 *
 * <p><b>Segments</b> between the switch times, the same as the double solvers' (the doubles of
 * {@link AttentionModel#switchTimes}, as exact decimals by {@link WorkingPrecision#ofTime}); a propagator advances
 * within one segment at a time ({@link #at}).
 *
 * <p><b>Velocity</b> (the double {@code Dynamics}' formulas): with A_k at the directions, G_k = ⟨θ_k, A_k⟩ and
 * P⊥A_k = A_k − G_k θ_k, θ̇ = P⊥A/s and ṙ as the scheme says. The extrapolation integrates the tangent extension
 * ‖θ‖²A − ⟨θ, A⟩θ in place of P⊥A (the tangent extension, below), with the same s and ṙ.
 *
 * <p><b>Run-time checks</b> beside the field's I2 and I4: I1 on the directions ({@link NormInvariant}); I8, every radius
 * &gt; 0; I9, ‖A_k‖ &gt; 0 where the scheme divides by it. I8 and I9 are properties of the model's solution, not of the
 * code: their failure is a run failure ({@link ArithmeticException} naming token and time), as in double precision.
 */
final class ReferenceDynamics {
    private final AttentionModel model;
    private final WorkingPrecision precision;
    private final int n;
    private final int d;
    private final boolean sphere;
    private final boolean radius;
    private final double[] switches;
    private final Segment[] segments;
    private final List<ReferenceField> fields = new ArrayList<>();
    private final NormInvariant norm; // null in R^d
    private final Apfloat one;
    private final Apfloat clock;
    private final long p;

    ReferenceDynamics(AttentionModel model, WorkingPrecision precision, int tokens, BiFunction<ReferenceModel, Integer, ReferenceField> fieldOf) {
        this.model = model;
        this.precision = precision;
        this.n = tokens;
        this.d = model.dimension();
        this.sphere = model.geometry() == org.attnflow.model.Geometry.SPHERE;
        this.radius = model.carriesRadius();
        this.switches = model.switchTimes(Double.POSITIVE_INFINITY);
        List<AttentionModel.Piece> pieces = model.pieces();
        for (AttentionModel.Piece piece : pieces) fields.add(fieldOf.apply(new ReferenceModel(piece.model(), precision), tokens));
        List<AttentionModel.Segment> stretches = model.segments();
        this.segments = new Segment[stretches.size()];
        for (int s = 0; s < segments.length; s++) {
            AttentionModel.Segment g = stretches.get(s);
            AttentionModel pm = pieces.get(g.piece()).model();
            segments[s] = new Segment(fields.get(g.piece()), g.scheme(), pm.ngptAlpha() == null ? null : precision.of(pm.ngptAlpha()));
        }
        this.norm = sphere ? new NormInvariant(precision) : null;
        this.one = precision.of(1);
        this.clock = precision.of(new java.math.BigDecimal(model.clock()));
        this.p = precision.precision();
    }

    /** The model's time at the run's t = 0 (ln-scaling reads √(t + clock + 1)). */
    Apfloat clock() { return clock; }

    WorkingPrecision precision() { return precision; }

    AttentionModel model() { return model; }

    boolean carriesRadius() { return radius; }

    boolean onSphere() { return sphere; }

    int tokens() { return n; }

    int dimension() { return d; }

    /** The switch times (doubles, as the double solvers have them). */
    double[] switchTimes() { return switches.clone(); }

    /** Field evaluations of every piece's field. */
    long evaluations() {
        long e = 0;
        for (ReferenceField f : fields) e += f.evaluations();
        return e;
    }

    /** The segment that governs a step starting at t (a step never crosses a switch time). */
    Segment at(double t) {
        return segments[AttentionModel.segmentAt(switches, t)];
    }

    /** The start: the model's initial directions at working precision (unit on the sphere) with their radii. */
    Apfloat[][] initialState(InitialCondition initial) {
        Apfloat[][] x = new ReferenceModel(model, precision).initialState(initial);
        if (!radius) return x;
        Apfloat[] r = new ReferenceModel(model, precision).initialRadius(initial);
        Apfloat[][] y = new Apfloat[x.length][d + 1];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, y[i], 0, d);
            y[i][d] = r[i];
        }
        return y;
    }

    /** The directions of a state (n×d; the same Apfloat objects, new rows when the state carries radii). */
    Apfloat[][] directions(Apfloat[][] y) {
        if (!radius) return y;
        Apfloat[][] x = new Apfloat[y.length][d];
        for (int i = 0; i < y.length; i++) System.arraycopy(y[i], 0, x[i], 0, d);
        return x;
    }

    /** The radii of a state, or null when it carries none. */
    Apfloat[] radii(Apfloat[][] y) {
        if (!radius) return null;
        Apfloat[] r = new Apfloat[y.length];
        for (int i = 0; i < y.length; i++) r[i] = y[i][d];
        return r;
    }

    /**
     * I1 on the directions and their retraction θ ← θ/‖θ‖ (on the sphere), then I8 on the radii: the state after step
     * {@code step}, at time t. With {@code driftLimit} null (the replays, which normalise every step as the double
     * schemes do): every direction normalised, then {@link NormInvariant#checkNormalised}; otherwise (the
     * extrapolation): {@link NormInvariant#checkAndRetract} against the limit the integrator derived, retracting only
     * what drifted past rounding.
     */
    void retract(Apfloat[][] y, long step, Apfloat t, Apfloat driftLimit) {
        if (sphere) {
            Apfloat[][] x = directions(y);
            if (driftLimit == null) {
                for (int i = 0; i < x.length; i++) {
                    Apfloat[] unit = new Apfloat[d];
                    ReferenceAttention.normalize(x[i], unit);
                    x[i] = unit;
                }
                norm.checkNormalised(x, step, "after the step's normalisation");
            } else {
                norm.checkAndRetract(x, step, driftLimit);
            }
            // without radii x is y itself (whose rows the retraction replaced); with radii, copy the directions back
            if (radius) for (int i = 0; i < y.length; i++) System.arraycopy(x[i], 0, y[i], 0, d);
        }
        checkRadius(y, t);
    }

    /** I1 after a normalisation that a scheme's step made itself (pre, peri: θ = y/‖y‖). */
    void checkNormalised(Apfloat[][] y, long step) {
        if (sphere) norm.checkNormalised(directions(y), step, "after the step's normalisation");
    }

    /** max_i |‖θ_i‖² − 1| of a state (0 in R^d): twice it bounds a step's local error from below. */
    Apfloat maxDrift(Apfloat[][] y) {
        return sphere ? norm.maxDrift(directions(y)) : Apfloat.ZERO;
    }

    /** I8: every radius of y &gt; 0 at time t. */
    void checkRadius(Apfloat[][] y, Apfloat t) {
        if (!radius) return;
        for (int i = 0; i < y.length; i++) {
            if (y[i][d].signum() <= 0) throw radiusNotPositive(i, t, y[i][d]);
        }
    }

    static ArithmeticException radiusNotPositive(int token, Apfloat t, Apfloat r) {
        return new ArithmeticException("I8: the radius of token " + token + " is " + r.precision(5).toString(true) + " <= 0 at t = "
                + t.precision(15).toString(true) + ": the normalisation scheme has no direction for it (spec/math.md I8)");
    }

    static ArithmeticException attentionVanishes(LayerNorm scheme, int token, Apfloat t) {
        return new ArithmeticException("I9: the attention output of token " + token + " vanishes at t = " + t.precision(15).toString(true)
                + ", and " + scheme.key() + "-LN divides by it (spec/math.md I9)");
    }

    /** One stretch of constant weights and scheme. */
    final class Segment {
        private final ReferenceField field;
        private final LayerNorm scheme;
        private final Apfloat alpha;

        Segment(ReferenceField field, LayerNorm scheme, Apfloat alpha) {
            this.field = field;
            this.scheme = scheme;
            this.alpha = alpha;
        }

        LayerNorm scheme() { return scheme; }

        /** nGPT's α (null for the other schemes). */
        Apfloat alpha() { return alpha; }

        ReferenceField field() { return field; }

        /** A_k at the directions of y, into out (n×d). */
        void attention(Apfloat[][] y, Apfloat[][] out) {
            field.attend(directions(y), out);
        }

        /** The velocity of y at time t (the double schemes' P⊥ form; the replays use it). */
        void velocity(Apfloat t, Apfloat[][] y, Apfloat[][] out) {
            evaluate(t, y, out, false);
        }

        /** The velocity with the tangent extension of P⊥ (the extrapolation integrates it). */
        void tangentExtension(Apfloat t, Apfloat[][] y, Apfloat[][] out) {
            evaluate(t, y, out, true);
        }

        private void evaluate(Apfloat t, Apfloat[][] y, Apfloat[][] out, boolean extension) {
            Apfloat[][] x = directions(y);
            Apfloat[][] a = new Apfloat[n][d];
            field.attend(x, a);
            if (!sphere) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(a[i], 0, out[i], 0, d);
                    if (radius) out[i][d] = precision.of(0);
                }
                return;
            }
            // the tangent part: ‖θ‖²A − ⟨θ, A⟩θ (extension) or A − ⟨θ, A⟩θ, then I1 on it (tangent within rounding)
            Apfloat[] g = new Apfloat[n];
            Apfloat[] xx = new Apfloat[n];
            Apfloat[][] tangent = new Apfloat[n][d];
            for (int i = 0; i < n; i++) {
                g[i] = ReferenceAttention.dot(x[i], a[i]);
                xx[i] = ReferenceAttention.dot(x[i], x[i]);
                if (extension) {
                    for (int c = 0; c < d; c++) tangent[i][c] = xx[i].multiply(a[i][c]).subtract(g[i].multiply(x[i][c])).precision(p);
                } else {
                    ReferenceAttention.projectTangent(x[i], a[i], tangent[i]);
                    for (int c = 0; c < d; c++) tangent[i][c] = tangent[i][c].precision(p);
                }
            }
            field.planted(x, tangent);
            for (int i = 0; i < n; i++) norm.checkTangent(i, x[i], a[i], g[i], xx[i], tangent[i], extension);
            Apfloat lnScale = scheme == LayerNorm.LN_SCALING ? ApfloatMath.sqrt(t.add(clock).add(one).precision(p)) : null;
            for (int i = 0; i < n; i++) {
                Apfloat speed; // 1/s_i; null for 1
                switch (scheme) {
                    case POST -> {
                        speed = null;
                        if (radius) out[i][d] = precision.of(0);
                    }
                    case PRE -> {
                        Apfloat r = positiveRadius(y, i, t);
                        speed = one.divide(r);
                        out[i][d] = g[i].precision(p);
                    }
                    case PERI -> {
                        Apfloat r = positiveRadius(y, i, t);
                        Apfloat m = attentionNorm(a[i], i, t);
                        speed = one.divide(r.multiply(m));
                        out[i][d] = g[i].divide(m).precision(p);
                    }
                    case NGPT -> speed = alpha.divide(attentionNorm(a[i], i, t));
                    case LN_SCALING -> speed = one.divide(lnScale);
                    default -> throw new IllegalStateException("scheme " + scheme.key() + " is not active in a segment");
                }
                for (int c = 0; c < d; c++) out[i][c] = speed == null ? tangent[i][c] : tangent[i][c].multiply(speed).precision(p);
            }
        }

        private Apfloat positiveRadius(Apfloat[][] y, int i, Apfloat t) {
            if (y[i][d].signum() <= 0) throw radiusNotPositive(i, t, y[i][d]);
            return y[i][d];
        }

        private Apfloat attentionNorm(Apfloat[] a, int i, Apfloat t) {
            Apfloat squared = ReferenceAttention.dot(a, a);
            if (squared.signum() == 0) throw attentionVanishes(scheme, i, t);
            return ApfloatMath.sqrt(squared.precision(p));
        }
    }
}
