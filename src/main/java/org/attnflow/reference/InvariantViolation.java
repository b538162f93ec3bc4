package org.attnflow.reference;

/**
 * A runtime invariant of the reference failed (spec/math.md §3): the run stops, and the message names the invariant,
 * the step, the token and the offending value. Thrown by the field (which does not know the step: -1) and
 * completed by the integrator with {@link #atStep}.
 */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String invariant;
    private final long step;
    private final int token;
    private final String value;
    private final String detail;

    public InvariantViolation(String invariant, long step, int token, String value, String detail) {
        super(invariant + " violated at step " + step + ", token " + token + ": " + detail + " (value " + value + ")");
        this.invariant = invariant;
        this.step = step;
        this.token = token;
        this.value = value;
        this.detail = detail;
    }

    /** The same violation, located at integration step {@code atStep} (0 = the initial state). */
    public InvariantViolation atStep(long atStep) {
        return step == atStep ? this : new InvariantViolation(invariant, atStep, token, value, detail);
    }

    /** "I1", "I2" or "I4". */
    public String invariant() { return invariant; }

    public long step() { return step; }

    /** 0-based token index. */
    public int token() { return token; }

    /** The offending value, every digit. */
    public String value() { return value; }
}
