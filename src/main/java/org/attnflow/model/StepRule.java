package org.attnflow.model;

/**
 * How a fixed-step method's step follows from {@code solver.step} ({@code solver.step_rule}): as given, or rescaled
 * the way the [GLPR-M] authors' public code does under the mean normalisation (spec/math.md §2, §8.4):
 * <pre>   h_eff = h / max(√β · e^{β−1/2}, 1)</pre>
 * ("don't take more than 0.1 radian moves": the pull of one token on another peaks near e^{β−1/2}/√β, and the rule
 * divides by β times that). Under any other normalisation the step is not changed, as there. The clock advances by
 * h_eff: the time grid stays in the model's time, so a sweep over β gets each β's own step.
 */
public enum StepRule {
    /** h as written. */
    AS_GIVEN,
    /** h / max(√β e^{β−1/2}, 1) under the mean normalisation, h otherwise. */
    USA_RESCALED;

    public String key() { return Keys.of(this); }

    /**
     * The step the integrators take for a written step h on {@code model} (β of its one head). The USA rule reads one
     * β: a model with several heads or a schedule is refused ({@link #unsupported}).
     */
    public double effective(double h, AttentionModel model) {
        if (this == AS_GIVEN || model.normalization() != Normalization.MEAN) return h;
        double beta = model.betaDouble();
        return h / Math.max(Math.sqrt(beta) * Math.exp(beta - 0.5), 1);
    }

    /** Why this rule cannot step {@code model} with {@code method}, one line without the key's path, or null. */
    public String unsupported(AttentionModel model, Method method) {
        if (this == AS_GIVEN) return null;
        if (!method.fixedStep()) return "usa-rescaled rescales a fixed step; method " + method.key() + " has none";
        if (!model.singleConstantHead()) return "usa-rescaled reads one beta: it needs one head with constant weights (no heads list, no schedule)";
        return null;
    }
}
