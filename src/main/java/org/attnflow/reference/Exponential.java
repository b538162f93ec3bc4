package org.attnflow.reference;

import org.apfloat.Apfloat;

/**
 * The exponential function the attention kernel {@link ReferenceAttention} evaluates its weights with.
 *
 * <p>Injected rather than called statically so that the kernel runs with the reference solver's fast exp
 * (series with argument reduction) while KeY, which reads only this interface, reasons with the contract
 * below and never with an implementation. Implementations must honour it: the result is a positive Apfloat
 * of finite precision, the only exception an {@link ArithmeticException}, and the call changes no state the caller
 * can observe (constants prepared in the constructor are fine).
 */
public interface Exponential {

    /*@ public behavior
      @   requires x != null;
      @   ensures \result != null && \result.sign() > 0 && \result.finite() && \result.tainted() == x.tainted();
      @   signals_only ArithmeticException;
      @   assignable \nothing;
      @*/
    /**
     * e^x at (at most) the working precision: positive, with finite precision (never Apfloat's exact 1, whose
     * quotients may need an infinite expansion). May throw {@link ArithmeticException}, and nothing else, when e^x
     * cannot be represented (the reference's implementation: |x| &ge; 10^18, {@link WorkingExp}).
     */
    /*@ pure helper @*/ Apfloat exp(Apfloat x);
}
