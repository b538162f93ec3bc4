package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.attnflow.model.Method;
import org.attnflow.integrate.StepPlan;

/**
 * The double fixed-step schemes (org.attnflow.integrate) that {@link Method#replayable} names, replayed at working precision, so that a double
 * implementation of the same scheme can be checked for its rounding error alone:
 * <ul>
 *   <li>{@code euler-postln} (S1): x ← normalize(x + h a), a the unprojected attention output;</li>
 *   <li>{@code euler-projected} (S2): x ← normalize(x + h P⊥_x a);</li>
 *   <li>in R^d both are S3: x ← x + h a;</li>
 *   <li>{@code rk4}: classical Runge–Kutta on P⊥_x a (a in R^d), then normalize on the sphere.</li>
 * </ul>
 * Same formulas in the same order as the double code (P⊥_x a = a − ⟨x, a⟩ x, normalisation of every token
 * after every step), and the same save-time rule, {@link StepPlan} (decided in double, exactly as there). The step h is the 15-digit decimal of the
 * double step ({@link WorkingPrecision#ofTime}); the shortened step is t_b − (t_a + ⌊·⌋ h) at working precision.
 * After every step on the sphere, I1 is checked on the normalised tokens.
 */
final class FixedStepReplay implements Propagator {
    private final ReferenceField field;
    private final Method scheme;
    private final double h;
    private final Apfloat step;
    private final Apfloat half;
    private final Apfloat two;
    private final Apfloat six;
    private final NormInvariant norm; // null in R^d
    private final long p;
    private long steps;

    FixedStepReplay(ReferenceField field, Method scheme, double h) {
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("solver.step must be > 0, got " + h);
        if (!scheme.replayable()) throw new IllegalArgumentException("method " + scheme.key() + " has no arbitrary-precision replay");
        WorkingPrecision precision = field.model().precision();
        this.field = field;
        this.scheme = scheme;
        this.h = h;
        this.step = precision.ofTime(h);
        this.half = precision.of("0.5");
        this.two = precision.of(2);
        this.six = precision.of(6);
        this.norm = field.model().onSphere() ? new NormInvariant(precision) : null;
        this.p = precision.precision();
    }

    @Override
    public long steps() { return steps; }

    @Override
    public long rejected() { return 0; }

    @Override
    public Apfloat[][] advance(Apfloat[][] x, double fromTime, double toTime, Apfloat from, Apfloat to) {
        StepPlan plan = StepPlan.between(fromTime, toTime, h);
        for (long i = 0; i < plan.fullSteps(); i++) x = step(x, step);
        if (plan.shortenedStep()) x = step(x, to.subtract(from.add(step.multiply(new Apfloat(plan.fullSteps())))).precision(p));
        return x;
    }

    private Apfloat[][] step(Apfloat[][] x, Apfloat size) {
        Apfloat[][] out = States.like(x);
        switch (scheme) {
            case EULER_POSTLN, EULER_PROJECTED -> {
                Apfloat[][] v = States.like(x);
                if (scheme == Method.EULER_PROJECTED) field.velocity(x, v);
                else field.attend(x, v);
                States.axpy(x, size, v, out, p);
            }
            case RK4 -> rk4(x, size, out);
            // every Method.replayable() scheme has its case above (FixedStepReplayTest runs them all)
            case PRE_PUBLIC, PERI_PUBLIC, NGPT_PUBLIC -> throw new UnsupportedOperationException(scheme.key() + ": not yet");
            case DOPRI5, RKMK4, REFERENCE -> throw new IllegalStateException(scheme.key() + " is not replayable");
        }
        steps++;
        if (norm != null) {
            for (int i = 0; i < out.length; i++) {
                Apfloat[] unit = new Apfloat[out[i].length];
                ReferenceAttention.normalize(out[i], unit);
                out[i] = unit;
            }
            norm.check(out, steps, "after the step's normalisation");
        }
        return out;
    }

    /** out = x + h/6 (k1 + 2 (k2 + k3) + k4), stages as ClassicalRk4. */
    private void rk4(Apfloat[][] x, Apfloat size, Apfloat[][] out) {
        Apfloat halfStep = half.multiply(size);
        Apfloat[][] k1 = States.like(x), k2 = States.like(x), k3 = States.like(x), k4 = States.like(x), stage = States.like(x);
        field.velocity(x, k1);
        States.axpy(x, halfStep, k1, stage, p);
        field.velocity(stage, k2);
        States.axpy(x, halfStep, k2, stage, p);
        field.velocity(stage, k3);
        States.axpy(x, size, k3, stage, p);
        field.velocity(stage, k4);
        Apfloat sixth = size.divide(six);
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < x[i].length; c++) {
                Apfloat sum = k1[i][c].add(two.multiply(k2[i][c].add(k3[i][c]))).add(k4[i][c]);
                out[i][c] = x[i][c].add(sixth.multiply(sum)).precision(p);
            }
        }
    }
}
