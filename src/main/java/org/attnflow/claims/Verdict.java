package org.attnflow.claims;

/** What a check concluded about a claim. */
public enum Verdict {
    /** The measurements agree with the claim within the stated tolerances. */
    HOLDS,
    /** The measurements contradict the claim (a counterexample within the claim's hypotheses). */
    VIOLATED,
    /** Neither: not converged within the horizon, outside the precision reachable, or the check itself failed. */
    INCONCLUSIVE;

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
}
