package org.attnflow.claims;

/** One claim of spec/math.md §4 as an executable check. */
public interface Claim {
    /** C1 … C11. */
    String id();

    /** The claim, in one or two sentences (its hypotheses included). */
    String statement();

    /** Where it is from ([KPR] Thm 4.1, ...). */
    String source();

    /** Runs the scenarios (reduced when {@code ctx.quick()}), records the evidence and sets the verdict. */
    void check(ClaimContext ctx, ClaimReport report);
}
