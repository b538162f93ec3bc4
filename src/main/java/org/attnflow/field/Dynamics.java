package org.attnflow.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.LayerNorm;

/**
 * The right-hand side of a whole run, on the state the integrators advance: the attention field of each piece of
 * the model's schedule, the normalisation scheme (spec/math.md §7) and its radii.
 *
 * <p><b>State layout.</b> A state is one double array: the n directions θ_k row-major ({@code y[k·d .. k·d+d)}),
 * followed, when the scheme carries a radius ({@link LayerNorm#carriesRadius}: pre, peri, mix), by the n radii
 * ({@code y[n·d + k]} = r_k). Schemes without a radius have no radius entries (their r_k is r_k(0) for ever), so a
 * post-LN state is exactly the n×d state of spec/math.md §1. The integrators treat every entry alike except that
 * they retract the directions (never the radii), so under a causal mask token k's direction and radius depend on
 * tokens 0..k only, bit for bit (I2): the velocity of both reads token k's own r_k and A_k, and A_k reads θ_0..θ_k.
 *
 * <p><b>Segments.</b> The field changes at the model's switch times ({@link AttentionModel#switchTimes}: each schedule
 * piece's until, Mix-LN's τ). Between consecutive switch times it is one {@link Segment}: one piece's attention
 * field and one active scheme (mix: post before τ, pre from τ on). Every integrator ends a step exactly at each
 * switch time and evaluates every stage of a step with the segment the step starts in ({@link #at}), so that a step
 * never straddles a switch (spec/math.md §8.3).
 *
 * <p><b>Velocity</b> of segment scheme s at time t, with A_k the attention output at the directions
 * ({@link AttentionField#attend}), G_k = ⟨θ_k, A_k⟩ and P⊥A_k = A_k − G_k θ_k (computed in this order):
 * <pre>
 *   post        θ̇ = P⊥A                         (the field's own velocity: attend, then project)
 *   pre         θ̇ = P⊥A / r                     ṙ = G
 *   peri        θ̇ = P⊥A / (r ‖A‖)               ṙ = G / ‖A‖
 *   ngpt        θ̇ = α P⊥A / ‖A‖
 *   ln-scaling  θ̇ = P⊥A / √(t + 1)      (t the model's time: the run's t plus its clock, {@link AttentionModel#clock})
 * </pre>
 * (mix before τ is post with ṙ = 0). Run-time failures (spec/math.md §7.6), as an {@link ArithmeticException} naming
 * the token and the time, never a NaN: I8, a radius r_k ≤ 0 under pre or peri; I9, ‖A_k‖ = 0 under peri or ngpt.
 *
 * <p>Not thread-safe (the fields and the workspace are owned): one instance per integrator.
 */
public final class Dynamics {
    private final AttentionModel model;
    private final int n;
    private final int d;
    private final boolean sphere;
    private final boolean radius;
    private final double[] switches;
    private final Segment[] segments;
    private final List<AttentionField> fields;
    private final double[] theta;   // the directions of a state with radii
    private final double[] attention; // A at the directions
    private final double clock;

    /**
     * @param fields the attention field of one piece (a model without schedule), e.g. {@code Fields.create}'s
     */
    public Dynamics(AttentionModel model, int tokens, Function<AttentionModel, AttentionField> fields) {
        this.model = model;
        this.n = tokens;
        this.d = model.dimension();
        this.sphere = model.geometry() == Geometry.SPHERE;
        this.radius = model.carriesRadius();
        this.switches = model.switchTimes(Double.POSITIVE_INFINITY);
        List<AttentionModel.Piece> pieces = model.pieces();
        this.fields = new ArrayList<>();
        for (AttentionModel.Piece p : pieces) this.fields.add(fields.apply(p.model()));
        List<AttentionModel.Segment> stretches = model.segments();
        this.segments = new Segment[stretches.size()];
        for (int s = 0; s < segments.length; s++) {
            AttentionModel.Segment g = stretches.get(s);
            double end = s < switches.length ? switches[s] : Double.POSITIVE_INFINITY;
            segments[s] = new Segment(g.start(), end, this.fields.get(g.piece()), g.scheme(), pieces.get(g.piece()).model());
        }
        this.clock = model.clock();
        this.theta = radius ? new double[n * d] : null;
        this.attention = new double[n * d];
    }

    /** The dynamics of one field's model (which has no schedule): the field is its only piece. */
    public static Dynamics of(AttentionField field) {
        if (!field.model().schedule().isEmpty()) throw new IllegalArgumentException("a field is one piece; build the dynamics of a schedule from its model");
        return new Dynamics(field.model(), field.tokens(), m -> field);
    }

    public AttentionModel model() { return model; }

    public int tokens() { return n; }

    public int dimension() { return d; }

    public boolean sphere() { return sphere; }

    /** True when states carry the n radii after the directions. */
    public boolean carriesRadius() { return radius; }

    /** Length of a state: n·d, plus n with radii. */
    public int size() { return n * d + (radius ? n : 0); }

    /** The switch times, increasing (every piece's until, and τ under mix); empty for constant weights. */
    public double[] switchTimes() { return switches.clone(); }

    /** The attention field of each schedule piece, in order (one for constant weights). */
    public List<AttentionField> fields() { return List.copyOf(fields); }

    /**
     * The segment that governs a step starting at t: the last one whose start is ≤ t. Integrators step exactly onto
     * every switch time, so a step starting at a switch time belongs to the segment after it.
     */
    public Segment at(double t) {
        return segments[AttentionModel.segmentAt(switches, t)];
    }

    /**
     * The start state: the directions (row-major n×d, already unit on the sphere) followed, with radii, by
     * {@code radii} (n values).
     */
    public double[] state(double[] directions, double[] radii) {
        if (directions.length != n * d) throw new IllegalArgumentException("directions must have n*d = " + n * d + " entries, got " + directions.length);
        if (!radius) return directions.clone();
        double[] y = Arrays.copyOf(directions, size());
        System.arraycopy(radii, 0, y, n * d, n);
        return y;
    }

    /** ‖A_k‖ of token k's attention output a, or the run failure I9 under {@code scheme} when it vanishes at time t. */
    public static double attentionNorm(double[] a, int k, int d, LayerNorm scheme, double t) {
        double norm = Tokens.norm(a, k, d);
        if (!(norm > 0)) throw attentionVanishes(scheme, k, t, norm);
        return norm;
    }

    /** One stretch of constant weights and scheme, between two switch times. */
    public final class Segment {
        private final double start;
        private final double end;
        private final AttentionField field;
        private final LayerNorm scheme;
        private final double alpha;

        private Segment(double start, double end, AttentionField field, LayerNorm scheme, AttentionModel piece) {
            this.start = start;
            this.end = end;
            this.field = field;
            this.scheme = scheme;
            this.alpha = piece.ngptAlpha() == null ? Double.NaN : piece.ngptAlpha().doubleValue();
        }

        /** Where the segment starts (0 or a switch time). */
        public double start() { return start; }

        /** The next switch time, or +∞. */
        public double end() { return end; }

        /** The attention field of the segment's piece. */
        public AttentionField field() { return field; }

        /** The scheme in force (under mix: post before τ, pre after). */
        public LayerNorm scheme() { return scheme; }

        /** The model's time at the run's t = 0 ({@link AttentionModel#clock}): ln-scaling reads √(t + clock + 1). */
        public double clock() { return clock; }

        /** nGPT's α of the segment's piece (NaN for the other schemes). */
        public double alpha() { return alpha; }

        /** A_k, the attention output at the directions of the state y, into {@code a} (n·d). */
        public void attention(double[] y, double[] a) {
            field.attend(directions(y), a);
        }

        /** The velocity of the state y at time t into out (the same layout); y and out must not alias. */
        public void velocity(double t, double[] y, double[] out) {
            if (scheme == LayerNorm.POST) {
                field.velocity(directions(y), radius ? attention : out);
                if (radius) {
                    System.arraycopy(attention, 0, out, 0, n * d);
                    Arrays.fill(out, n * d, n * d + n, 0.0);
                }
                return;
            }
            double[] th = directions(y);
            field.attend(th, attention);
            double lnScale = scheme == LayerNorm.LN_SCALING ? Math.sqrt(t + clock + 1) : 1;
            for (int k = 0; k < n; k++) {
                int o = k * d;
                double g = Tokens.dot(th, attention, k, d);
                double speed; // 1/s_k
                switch (scheme) {
                    case PRE -> {
                        double r = radius(y, k, t);
                        speed = 1 / r;
                        out[n * d + k] = g;
                    }
                    case PERI -> {
                        double r = radius(y, k, t);
                        double norm = attentionNorm(k, t);
                        speed = 1 / (r * norm);
                        out[n * d + k] = g / norm;
                    }
                    case NGPT -> speed = alpha / attentionNorm(k, t);
                    case LN_SCALING -> speed = 1 / lnScale;
                    default -> throw new IllegalStateException("scheme " + scheme.key() + " is not active in a segment");
                }
                for (int c = 0; c < d; c++) out[o + c] = (attention[o + c] - g * th[o + c]) * speed;
            }
        }

        /** ‖A_k‖ of the last attention computed, or the I9 failure when it vanishes. */
        private double attentionNorm(int k, double t) { return Dynamics.attentionNorm(attention, k, d, scheme, t); }

        private double radius(double[] y, int k, double t) {
            double r = y[n * d + k];
            if (!(r > 0)) throw radiusNotPositive(k, t, r);
            return r;
        }
    }

    /** The directions of y: y itself without radii, else a copy of its first n·d entries. */
    private double[] directions(double[] y) {
        if (!radius) return y;
        System.arraycopy(y, 0, theta, 0, n * d);
        return theta;
    }

    /** I8 (spec/math.md §7.6): the run failure of a radius that reached 0 or below. */
    public static ArithmeticException radiusNotPositive(int token, double t, double r) {
        return new ArithmeticException(String.format(Locale.ROOT, "I8: the radius of token %d is %s <= 0 at t = %s: the normalisation scheme has no "
                + "direction for it (spec/math.md I8)", token, r, t));
    }

    /** I9 (spec/math.md §7.6): the run failure of a vanishing attention output under peri or ngpt. */
    public static ArithmeticException attentionVanishes(LayerNorm scheme, int token, double t, double norm) {
        return new ArithmeticException(String.format(Locale.ROOT, "I9: the attention output of token %d vanishes (|A| = %s) at t = %s, "
                + "and %s-LN divides by it (spec/math.md I9)", token, norm, t, scheme.key()));
    }
}
