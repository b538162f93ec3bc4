package org.attnflow.integrate;

import org.attnflow.field.Dynamics;
import org.attnflow.model.Method;

/**
 * Classical fourth-order Runge–Kutta on the model's velocity ({@link Dynamics.Segment#velocity}: projected on the
 * sphere; with radii, on (θ, r)), then the retraction of the directions to the sphere.
 *
 * <p>Why order 4 survives on the sphere: the projected field, continued off the sphere by the same formula
 * P⊥_x v = v − ⟨x, v⟩x, satisfies d‖x‖²/dt = 2⟨x, v⟩(1 − ‖x‖²), so the sphere is invariant for the continued
 * ODE on R^{nd}; RK4's stages may leave the sphere by O(h²) but the step is a 4th-order step of that ODE, and
 * normalising a point whose norm is off by O(h⁵) moves it by O(h⁵).
 *
 * <p>Each stage is a genuine evaluation at its shifted state (unlike the "frozen attention" RK4 of some public
 * codes, whose four stages coincide and which is Euler).
 */
final class ClassicalRk4 implements FixedStepMethod {
    private final Dynamics dynamics;
    private final StateSpace space;
    private final double[] base;
    private final double[] stage;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;

    ClassicalRk4(Dynamics dynamics) {
        this.dynamics = dynamics;
        this.space = new StateSpace(dynamics);
        int size = space.size();
        this.base = new double[size];
        this.stage = new double[size];
        this.k1 = new double[size];
        this.k2 = new double[size];
        this.k3 = new double[size];
        this.k4 = new double[size];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        System.arraycopy(x, 0, base, 0, base.length); // out may be x
        Dynamics.Segment field = dynamics.at(t);
        double half = 0.5 * h;
        field.velocity(t, base, k1);
        for (int k = 0; k < stage.length; k++) stage[k] = base[k] + half * k1[k];
        field.velocity(t + half, stage, k2);
        for (int k = 0; k < stage.length; k++) stage[k] = base[k] + half * k2[k];
        field.velocity(t + half, stage, k3);
        for (int k = 0; k < stage.length; k++) stage[k] = base[k] + h * k3[k];
        field.velocity(t + h, stage, k4);
        double sixth = h / 6;
        for (int k = 0; k < out.length; k++) out[k] = base[k] + sixth * (k1[k] + 2 * (k2[k] + k3[k]) + k4[k]);
        space.retract(out, t + h);
    }

    @Override
    public Method method() { return Method.RK4; }

    @Override
    public int evaluationsPerStep() { return 4; }
}
