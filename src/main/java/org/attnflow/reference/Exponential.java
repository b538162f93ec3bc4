package org.attnflow.reference;

import org.apfloat.Apfloat;

/**
 * The exponential function the attention kernel {@link ReferenceAttention} evaluates its weights with.
 *
 * <p>Injected rather than called statically so that the kernel runs with the reference solver's fast exp
 * (series with argument reduction) while KeY, which reads only this interface, reasons with the contract
 * below and never with an implementation. Implementations must honour it: the result is a positive Apfloat
 * and the call changes no state the caller can observe (constants prepared in the constructor are fine).
 */
public interface Exponential {

    /*@ public normal_behavior
      @   requires x != null;
      @   ensures \result != null && \result.sign() > 0 && \result.tainted() == x.tainted();
      @   assignable \nothing;
      @*/
    /** e^x at the precision of {@code x}. */
    /*@ pure helper @*/ Apfloat exp(Apfloat x);
}
