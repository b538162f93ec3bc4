package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.attnflow.field.Dynamics;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.Head;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.EquiangularSchemes;
import org.attnflow.run.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The normalisation schemes of spec/math.md §7 (and the heads, normalisations and schedule of §8) in the double
 * solvers: the equiangular reduction of every scheme against the independent scalar oracle, I2 bit for bit under
 * every scheme and fixed-step method, with heads and a schedule; one step of every discrete scheme against its
 * formula written out here; steps landing exactly on switch times; the run-time failures I8 and I9.
 */
class NormalizationSchemesTest {
    private static final LayerNorm[] SCHEMES = LayerNorm.values();

    // ------------------------------------------------------------------ equiangular reduction (§7.3)

    /** A configuration of the equiangular start: normalisation, n, β, r_0, α, τ, H identical heads and how they combine. */
    record Equiangular(String name, Normalization norm, int n, double beta, double r0, double alpha, double tau, int heads, HeadCombine combine) {
        @Override
        public String toString() { return name; }

        EquiangularSchemes oracle(LayerNorm scheme) {
            return new EquiangularSchemes(scheme, norm, n, BigDecimal.valueOf(beta), BigDecimal.valueOf(r0), BigDecimal.valueOf(alpha),
                    BigDecimal.valueOf(tau), heads, combine);
        }

        AttentionModel model(LayerNorm scheme) {
            List<Head> h = Collections.nCopies(heads, Head.identity(BigDecimal.valueOf(beta), n + 1));
            return new AttentionModel(Geometry.SPHERE, Mask.FULL, norm, BigDecimal.valueOf(beta), h, combine, scheme,
                    scheme == LayerNorm.NGPT ? BigDecimal.valueOf(alpha) : null, scheme == LayerNorm.MIX ? BigDecimal.valueOf(tau) : null, List.of());
        }
    }

    static final Equiangular PAPER = new Equiangular("softmax n=3 beta=1 r0=1.5 (spec §9.3)", Normalization.SOFTMAX, 3, 1, 1.5, 0.5, 0.5, 1, HeadCombine.SUM);
    static final Equiangular MEAN_HEADS = new Equiangular("mean n=4 beta=0.5 r0=0.7, 2 heads summed", Normalization.MEAN, 4, 0.5, 0.7, 1, 0.75, 2, HeadCombine.SUM);
    static final Equiangular NONE = new Equiangular("none n=3 beta=0.3 r0=2, 4 heads averaged", Normalization.NONE, 3, 0.3, 2, 0.8, 1, 4, HeadCombine.MEAN);

    static Stream<Arguments> equiangularCases() {
        List<Arguments> a = new ArrayList<>();
        for (Equiangular c : List.of(PAPER, MEAN_HEADS, NONE)) for (LayerNorm s : SCHEMES) a.add(Arguments.of(s, c));
        return a.stream();
    }

    /** n orthonormal rows in R^{n+1} from a seeded Gaussian (Gram–Schmidt), not the coordinate axes. */
    static double[] orthonormalFrame(int n, int d, long seed) {
        Random rng = new Random(seed);
        double[] u = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) u[i * d + c] = rng.nextGaussian();
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) dot += u[i * d + c] * u[j * d + c];
                    for (int c = 0; c < d; c++) u[i * d + c] -= dot * u[j * d + c];
                }
                double norm = 0;
                for (int c = 0; c < d; c++) norm += u[i * d + c] * u[i * d + c];
                for (int c = 0; c < d; c++) u[i * d + c] /= Math.sqrt(norm);
            }
        }
        return u;
    }

    /**
     * dopri5 at rtol 1e-11 from an orthonormal start meets the scalar (γ, r) ODE of §7.3 to 1e-9 at every frame up to
     * t = 3: every pairwise ⟨θ_i, θ_j⟩ within 1e-9 of γ, every radius within 1e-9·r.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("equiangularCases")
    void dopri5MeetsTheEquiangularOracle(LayerNorm scheme, Equiangular c) {
        int n = c.n(), d = n + 1;
        AttentionModel model = c.model(scheme);
        InitialCondition start = InitialCondition.of(DecimalMatrix.ofDoubles(n, d, orthonormalFrame(n, d, 17 + n)))
                .withRadius(Collections.nCopies(n, BigDecimal.valueOf(c.r0())));
        if (!model.carriesRadius()) start = InitialCondition.of(start.points());
        TimeGrid grid = TimeGrid.every(3, 0.25);
        Scenario s = new Scenario(model, start, grid, new SolverSettings(Method.DOPRI5, null, 1e-11, 1e-13, null, FieldKind.SCALAR, 1));
        TrajectoryRecorder rec = new TrajectoryRecorder(n, d);
        ScenarioRunner.run(s, rec);
        Trajectory run = rec.trajectory();
        double[][] exact = c.oracle(scheme).at(grid.times());
        double worstGamma = 0, worstRadius = 0;
        for (int f = 0; f < grid.frames(); f++) {
            double[] x = run.frame(f);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double g = 0;
                    for (int k = 0; k < d; k++) g += x[i * d + k] * x[j * d + k];
                    worstGamma = Math.max(worstGamma, Math.abs(g - exact[f][0]));
                }
                if (run.hasRadius()) worstRadius = Math.max(worstRadius, Math.abs(run.radius(f)[i] - exact[f][1]) / exact[f][1]);
            }
        }
        System.out.printf("equiangular %s, %s: dopri5 rtol 1e-11 vs oracle to t = 3: gamma %.2e, radius %.2e (gamma(3) = %.6f, r(3) = %.6f)%n",
                scheme.key(), c, worstGamma, worstRadius, exact[grid.frames() - 1][0], exact[grid.frames() - 1][1]);
        assertTrue(worstGamma <= 1e-9, scheme.key() + " " + c + ": gamma off by " + worstGamma);
        assertTrue(worstRadius <= 1e-9, scheme.key() + " " + c + ": radius off by " + worstRadius);
        assertEquals(model.carriesRadius(), run.hasRadius(), "radii exactly for the schemes that carry them");
    }

    // ------------------------------------------------------------------ I2 under every scheme, heads, schedule

    /** A causal model with two random heads, a schedule switching at 0.33 (not a multiple of h), and the scheme. */
    static AttentionModel causalHeadsAndSchedule(LayerNorm scheme, Random rng, int d) {
        List<AttentionModel.Piece> pieces = new ArrayList<>();
        List<Head> first = null;
        for (String until : new String[] {"0.33", "10"}) {
            List<Head> heads = new ArrayList<>();
            for (int h = 0; h < 2; h++) {
                heads.add(new Head(BigDecimal.valueOf(1 + h), TestModels.gaussian(rng, 2, d, 0.8), TestModels.gaussian(rng, 2, d, 0.8),
                        identityPlus(rng, d)));
            }
            if (first == null) first = heads;
            pieces.add(new AttentionModel.Piece(new BigDecimal(until), piece(heads, scheme)));
        }
        AttentionModel base = piece(first, scheme);
        return new AttentionModel(base.geometry(), base.mask(), base.normalization(), base.beta(), first, base.combine(), scheme,
                base.ngptAlpha(), base.mixTau(), pieces);
    }

    /** V = I + a small random matrix: keeps ⟨θ, A⟩ > 0 so that Pre-LN's radii stay positive. */
    private static DecimalMatrix identityPlus(Random rng, int d) {
        double[] v = new double[d * d];
        for (int i = 0; i < v.length; i++) v[i] = 0.2 * rng.nextGaussian() + (i % (d + 1) == 0 ? 1 : 0);
        return DecimalMatrix.ofDoubles(d, d, v);
    }

    private static AttentionModel piece(List<Head> heads, LayerNorm scheme) {
        return new AttentionModel(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, BigDecimal.ONE, heads, HeadCombine.MEAN, scheme,
                scheme == LayerNorm.NGPT ? new BigDecimal("0.2") : null, scheme == LayerNorm.MIX ? new BigDecimal("0.6") : null, List.of());
    }

    /** The fixed-step double methods that step {@code scheme}: every post-LN method, and the public step written for it. */
    static List<Method> fixedStepMethods(LayerNorm scheme) {
        List<Method> methods = new ArrayList<>();
        for (Method m : Method.doublePrecisionMethods()) {
            // z-euler is Euclidean only (Method.unsupported); the sphere schemes here are not its models
            if (m == Method.Z_EULER) continue;
            if (m.fixedStep() && (m.publicScheme() == null || m.publicScheme() == scheme)) methods.add(m);
        }
        return methods;
    }

    /**
     * I2: under a causal mask, moving the last token leaves the directions and radii of tokens 0..n−2 bit-identical,
     * under every scheme and fixed-step method, with two heads and a schedule whose switch falls inside a step.
     */
    @ParameterizedTest
    @EnumSource(LayerNorm.class)
    void causalOrderHoldsBitForBitUnderEveryScheme(LayerNorm scheme) {
        Random rng = new Random(scheme.ordinal() + 100);
        int n = 6, d = 3;
        AttentionModel model = causalHeadsAndSchedule(scheme, rng, d);
        double[] a = TestModels.start(rng, Geometry.SPHERE, n, d);
        double[] b = a.clone();
        System.arraycopy(TestModels.start(rng, Geometry.SPHERE, 1, d), 0, b, (n - 1) * d, d);
        List<BigDecimal> radii = List.of(new BigDecimal("1"), new BigDecimal("1.3"), new BigDecimal("0.9"), new BigDecimal("2"),
                new BigDecimal("1.1"), new BigDecimal("0.7"));
        for (Method method : fixedStepMethods(scheme)) {
            Trajectory ra = run(model, a, radii, method, 0.1, TimeGrid.every(1, 0.25));
            Trajectory rb = run(model, b, radii, method, 0.1, TimeGrid.every(1, 0.25));
            for (int f = 0; f < ra.frameCount(); f++) {
                String what = method.key() + " under " + scheme.key() + " frame " + f;
                assertArrayEquals(Arrays.copyOf(ra.frame(f), (n - 1) * d), Arrays.copyOf(rb.frame(f), (n - 1) * d), 0.0, what + ": directions");
                if (ra.hasRadius()) assertArrayEquals(Arrays.copyOf(ra.radius(f), n - 1), Arrays.copyOf(rb.radius(f), n - 1), 0.0, what + ": radii");
            }
            assertTrue(!Arrays.equals(ra.last(), rb.last()), method.key() + ": the moved token moved");
        }
    }

    static Trajectory run(AttentionModel model, double[] x0, List<BigDecimal> radii, Method method, Double h, TimeGrid grid) {
        int d = model.dimension(), n = x0.length / d;
        InitialCondition start = InitialCondition.of(DecimalMatrix.ofDoubles(n, d, x0));
        if (model.carriesRadius()) start = start.withRadius(radii);
        Scenario s = new Scenario(model, start, grid, new SolverSettings(method, h, 1e-10, 1e-12, null, FieldKind.SCALAR, 1));
        TrajectoryRecorder rec = new TrajectoryRecorder(n, d);
        ScenarioRunner.run(s, rec);
        return rec.trajectory();
    }

    // ------------------------------------------------------------------ switch times

    /**
     * A schedule is two runs glued at the switch: the fixed-step run equals piece 1 to the switch (steps h, h, h, then a
     * shortened one onto 0.33) followed by piece 2 from there (a step h, a shortened one), to rounding (the glued run's
     * last step is 0.17 − 0.1, the scheduled one's 0.5 − 0.43: they differ in the last bit); a step straddling the
     * switch would differ by O(h). dopri5 lands on the switch and meets the glued run to its tolerance.
     */
    @Test
    void integratorsStepExactlyOntoSwitchTimes() {
        Random rng = new Random(5);
        int n = 4, d = 3;
        AttentionModel model = causalHeadsAndSchedule(LayerNorm.PRE, rng, d);
        double[] x0 = TestModels.start(rng, Geometry.SPHERE, n, d);
        List<BigDecimal> radii = Collections.nCopies(n, new BigDecimal("1.5"));
        for (Method method : List.of(Method.RK4, Method.EULER_POSTLN, Method.DOPRI5)) {
            Double h = method.fixedStep() ? 0.1 : null;
            Trajectory scheduled = run(model, x0, radii, method, h, TimeGrid.of(new double[] {0.5}));
            AttentionModel first = model.schedule().get(0).model(), second = model.schedule().get(1).model();
            Trajectory toSwitch = run(first, x0, radii, method, h, TimeGrid.of(new double[] {0.33}));
            double[] y = Dynamics.of(new ScalarAttentionField(second, n)).state(toSwitch.last(), toSwitch.radius(1));
            Dynamics after = Dynamics.of(new ScalarAttentionField(second, n));
            // the second piece restarts its whole steps at the switch: from 0.33 to 0.5 is one step and a shortened one
            Integrator rest = method.fixedStep() ? new FixedStepIntegrator(after, Integrators.fixedStep(method, after), 0.1)
                    : new Dopri5Integrator(after, 1e-10, 1e-12, null);
            TrajectoryRecorder rec = new TrajectoryRecorder(n, d);
            rest.integrate(y, TimeGrid.of(new double[] {0.5 - 0.33}), rec);
            double[] glued = rec.trajectory().last();
            if (method.fixedStep()) {
                assertArrayEquals(glued, scheduled.last(), 1e-15, method.key() + ": the scheduled run is the glued one");
                assertArrayEquals(rec.trajectory().radius(1), scheduled.radius(1), 1e-15, method.key() + ": radii");
            } else {
                assertTrue(TestModels.maxAbsDiff(glued, scheduled.last()) < 1e-8, "dopri5: " + TestModels.maxAbsDiff(glued, scheduled.last()));
            }
        }
        assertArrayEquals(new double[] {0.2, 0.25, 0.33, 0.4}, StepPlan.stops(0.2, 0.4, new double[] {0.1, 0.25, 0.33, 0.4, 0.7}), 0.0);
    }

    // ------------------------------------------------------------------ each discrete scheme is its formula

    /** A_k written out from the definitions: every head's softmax row, added in head order, over H for mean. */
    static double[] attention(AttentionModel model, double[] x, int n) {
        int d = model.dimension(), m = model.queryDimension();
        double[] out = new double[n * d];
        for (Head head : model.heads()) {
            double[][] q = EulerPostLnStepTest.rows(head.q().toDoubleArray(), m, d), k = EulerPostLnStepTest.rows(head.k().toDoubleArray(), m, d);
            double[][] v = EulerPostLnStepTest.rows(head.v().toDoubleArray(), d, d);
            for (int i = 0; i < n; i++) {
                int len = model.mask() == Mask.CAUSAL ? i + 1 : n;
                double[] s = new double[len];
                double max = Double.NEGATIVE_INFINITY, z = 0;
                for (int j = 0; j < len; j++) {
                    for (int r = 0; r < m; r++) s[j] += EulerPostLnStepTest.apply(q[r], x, i, d) * EulerPostLnStepTest.apply(k[r], x, j, d);
                    s[j] *= head.betaDouble();
                    max = Math.max(max, s[j]);
                }
                for (int j = 0; j < len; j++) z += Math.exp(s[j] - max);
                for (int j = 0; j < len; j++) {
                    double w = Math.exp(s[j] - max) / z;
                    for (int a = 0; a < d; a++) out[i * d + a] += w * EulerPostLnStepTest.apply(v[a], x, j, d);
                }
            }
        }
        if (model.combine() == HeadCombine.MEAN) for (int e = 0; e < out.length; e++) out[e] /= model.headCount();
        return out;
    }

    /** One step of size h at time t of {@code method} on the scheme, per token, from spec/math.md §7.4 (and S2 on (θ, r)). */
    static double[] formula(Method method, LayerNorm scheme, double alpha, double[] x, double[] r, double[] a, int n, int d, double h, double t) {
        double[] out = new double[n * d + n];
        for (int i = 0; i < n; i++) {
            double[] th = Arrays.copyOfRange(x, i * d, i * d + d), ai = Arrays.copyOfRange(a, i * d, i * d + d);
            double g = dot(th, ai), m = Math.sqrt(dot(ai, ai)), ri = r == null ? 1 : r[i];
            double[] y = new double[d];
            double rNew = ri;
            switch (method) {
                case EULER_POSTLN -> {
                    for (int c = 0; c < d; c++) {
                        y[c] = switch (scheme) {
                            case POST -> th[c] + h * ai[c];
                            case PRE -> ri * th[c] + h * ai[c];
                            case PERI -> ri * th[c] + h * ai[c] / m;
                            case NGPT -> th[c] + h * alpha * (ai[c] / m - th[c]);
                            case LN_SCALING -> th[c] + h / Math.sqrt(t + 1) * ai[c];
                            default -> throw new IllegalArgumentException();
                        };
                    }
                    if (scheme == LayerNorm.PRE || scheme == LayerNorm.PERI) rNew = Math.sqrt(dot(y, y));
                }
                case EULER_PROJECTED -> {
                    double s = switch (scheme) {
                        case POST -> 1;
                        case PRE -> ri;
                        case PERI -> ri * m;
                        case NGPT -> m / alpha;
                        case LN_SCALING -> Math.sqrt(t + 1);
                        default -> throw new IllegalArgumentException();
                    };
                    for (int c = 0; c < d; c++) y[c] = th[c] + h * (ai[c] - g * th[c]) / s;
                    if (scheme == LayerNorm.PRE) rNew = ri + h * g;
                    if (scheme == LayerNorm.PERI) rNew = ri + h * g / m;
                }
                case PRE_PUBLIC -> {
                    double sum = 0;
                    for (double v : ai) sum += v;
                    rNew = ri + h * ri * sum;
                    for (int c = 0; c < d; c++) y[c] = th[c] + h * (ai[c] - g * th[c]) / (rNew + 1e-9);
                }
                case PERI_PUBLIC -> {
                    double sum = 0;
                    for (double v : ai) sum += v / (m + 1e-9);
                    rNew = ri + h * ri * sum;
                    for (int c = 0; c < d; c++) y[c] = th[c] + h * (ai[c] / (m + 1e-9)) / (rNew + 1e-9);
                }
                case NGPT_PUBLIC -> {
                    for (int c = 0; c < d; c++) y[c] = th[c] + 0.2 * h * ai[c] / (m + 1e-9);
                }
                default -> throw new IllegalArgumentException(method.key());
            }
            double norm = Math.sqrt(dot(y, y));
            for (int c = 0; c < d; c++) out[i * d + c] = y[c] / norm;
            out[n * d + i] = rNew;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) s += a[c] * b[c];
        return s;
    }

    static Stream<Arguments> discreteSchemes() {
        List<Arguments> a = new ArrayList<>();
        for (LayerNorm s : new LayerNorm[] {LayerNorm.POST, LayerNorm.PRE, LayerNorm.PERI, LayerNorm.NGPT, LayerNorm.LN_SCALING}) {
            a.add(Arguments.of(Method.EULER_POSTLN, s));
            a.add(Arguments.of(Method.EULER_PROJECTED, s));
        }
        a.add(Arguments.of(Method.PRE_PUBLIC, LayerNorm.PRE));
        a.add(Arguments.of(Method.PERI_PUBLIC, LayerNorm.PERI));
        a.add(Arguments.of(Method.NGPT_PUBLIC, LayerNorm.NGPT));
        return a.stream();
    }

    /** One step of each discrete scheme (two heads, causal, at t = 0.7) equals its formula computed here, to 1e-14 relative. */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("discreteSchemes")
    void oneStepIsTheFormula(Method method, LayerNorm scheme) {
        Random rng = new Random(31 + scheme.ordinal() + 7L * method.ordinal());
        int n = 5, d = 3;
        AttentionModel model = piece(List.of(new Head(new BigDecimal("1.5"), TestModels.gaussian(rng, 2, d, 1), TestModels.gaussian(rng, 2, d, 1),
                identityPlus(rng, d)), new Head(new BigDecimal("0.5"), TestModels.gaussian(rng, 2, d, 1), TestModels.gaussian(rng, 2, d, 1),
                identityPlus(rng, d))), scheme);
        double[] x = TestModels.start(rng, Geometry.SPHERE, n, d);
        double[] r = {1, 1.5, 0.8, 2, 1.2};
        Dynamics dynamics = Dynamics.of(new ScalarAttentionField(model, n));
        double[] y = dynamics.state(x, r), out = new double[y.length];
        double h = 0.1, t = 0.7;
        Integrators.fixedStep(method, dynamics).step(t, y, h, out);
        double[] expected = formula(method, scheme, 0.2, x, model.carriesRadius() ? r : null, attention(model, x, n), n, d, h, t);
        double worst = 0;
        for (int k = 0; k < out.length; k++) worst = Math.max(worst, Math.abs(out[k] - expected[k]) / Math.max(1, Math.abs(expected[k])));
        assertTrue(worst <= 1e-14, method.key() + " under " + scheme.key() + ": differs from the formula by " + worst);
        if (!model.carriesRadius()) assertEquals(n * d, out.length, "no radii in the state of " + scheme.key());
    }

    // ------------------------------------------------------------------ I8, I9

    /**
     * Pre-LN with V = −I: ⟨θ, A⟩ < 0 pulls every radius to 0: a run failure naming I8, the token and the time, no NaN.
     * (S1 steps the stream x = rθ, x ← x + hA, which passes through the origin: its radius ‖x‖ never reaches 0.)
     */
    @Test
    void aRadiusReachingZeroIsTheRunFailureI8() {
        int n = 3, d = 3;
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 1, d)
                .withV(DecimalMatrix.scaledIdentity(d, BigDecimal.ONE.negate())).withLayerNorm(LayerNorm.PRE, null, null);
        double[] x0 = TestModels.start(new Random(3), Geometry.SPHERE, n, d);
        for (Method method : List.of(Method.DOPRI5, Method.RK4, Method.EULER_PROJECTED)) {
            ArithmeticException e = assertThrows(ArithmeticException.class,
                    () -> run(model, x0, Collections.nCopies(n, new BigDecimal("0.5")), method, method.fixedStep() ? 0.01 : null, TimeGrid.every(2, 0.1)));
            assertTrue(e.getMessage().contains("I8: the radius of token 0 is"), method.key() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("at t = "), e.getMessage());
        }
    }

    /** Peri-LN at β = 0 with two antipodal tokens: A = 0 at once, and peri divides by ‖A‖: I9 at t = 0. */
    @Test
    void aVanishingAttentionOutputIsTheRunFailureI9() {
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 0, 2).withLayerNorm(LayerNorm.PERI, null, null);
        double[] x0 = {1, 0, -1, 0};
        for (Method method : List.of(Method.DOPRI5, Method.EULER_POSTLN, Method.EULER_PROJECTED)) {
            ArithmeticException e = assertThrows(ArithmeticException.class,
                    () -> run(model, x0, Collections.nCopies(2, BigDecimal.ONE), method, method.fixedStep() ? 0.1 : null, TimeGrid.every(1, 0.5)));
            assertTrue(e.getMessage().matches(".*I9: the attention output of token 0 vanishes .* at t = 0(\\.0)?, and peri-LN divides by it.*"),
                    method.key() + ": " + e.getMessage());
        }
    }
}
