package org.attnflow.claims;

/** What a check concluded about a claim. */
public enum Verdict {
    /** The measurements agree with the claim within the stated tolerances. */
    HOLDS,
    /** The measurements contradict the claim (a counterexample within the claim's hypotheses). */
    VIOLATED,
    /** Neither: not converged within the horizon, outside the precision reachable, or the check itself failed. */
    INCONCLUSIVE;

    /** The verdict of several runs: violated if any run is, holds if all do, else inconclusive. */
    static Verdict combine(Iterable<Verdict> runs) {
        boolean all = true;
        for (Verdict v : runs) {
            if (v == VIOLATED) return VIOLATED;
            all &= v == HOLDS;
        }
        return all ? HOLDS : INCONCLUSIVE;
    }

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
}
