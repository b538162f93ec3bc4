package org.apfloat;

/**
 * JML stub of org.apfloat.ApfloatMath 1.16 for KeY: only the members the attention kernel uses
 * (see Apfloat.java in this directory for the specification functions and the assumptions).
 */
public class ApfloatMath {

    /*@ public normal_behavior
      @   requires x != null && x.sign() >= 0 && x.finite();
      @   ensures \result != null && \result.sign() == x.sign() && \result.finite() && \result.tainted() == x.tainted();
      @   assignable \nothing;
      @ also
      @ // the square root of an exact (infinite-precision) number may need an infinite expansion: it may throw
      @ public behavior
      @   requires x != null && x.sign() >= 0 && !x.finite();
      @   ensures \result != null && \result.sign() == x.sign() && \result.tainted() == x.tainted();
      @   signals_only ArithmeticException;
      @   assignable \nothing;
      @ also
      @ public exceptional_behavior
      @   requires x != null && x.sign() < 0;
      @   signals_only ArithmeticException;
      @   assignable \nothing;
      @*/
    public static /*@ pure helper @*/ Apfloat sqrt(Apfloat x) throws ArithmeticException;
}
