package org.apfloat;

/**
 * JML stub of org.apfloat.Apfloat 1.16 for KeY: only the members the attention kernel uses, with contracts
 * and no bodies. KeY loads this directory as its class path (library), so it never reads Apfloat's source.
 * What the contracts assume about the real class, and why, is in spec/README.md.
 */
public class Apfloat {

    /*@ // The sign of the value (-1, 0 or 1). A function of the object alone ("no_state"): Apfloat is immutable.
      @ public model no_state int sign();
      @
      @ // Information-flow label: the value may depend on data the caller marked as not to be read. A result is
      @ // untainted when its operands are; a constant is untainted.
      @ public model no_state boolean tainted();
      @
      @ // The number carries a finite precision, or is zero. Apfloat's integers made by new Apfloat(long) have
      @ // infinite precision ("exact"), and so has every zero; the quotient of two exact numbers may need an
      @ // infinite expansion, which Apfloat refuses (InfiniteExpansionException): a division needs one operand
      @ // that is finite() (a zero counts: its quotient is 0 or a division by zero).
      @ public model no_state boolean finite();
      @
      @ // The order of the numbers: this <= y.
      @ public model no_state boolean le(Apfloat y);
      @*/

    /*@ public normal_behavior
      @   ensures (value > 0 ==> sign() == 1) && (value == 0 ==> sign() == 0) && (value < 0 ==> sign() == -1);
      @   ensures !tainted() && (value == 0 <==> finite());
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat(long value);

    /*@ public normal_behavior
      @   requires y != null;
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   ensures sign() > 0 && y.sign() > 0 ==> \result.sign() > 0;
      @   ensures finite() && y.finite() ==> \result.finite();
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat add(Apfloat y);

    /*@ public normal_behavior
      @   requires y != null;
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   ensures finite() && y.finite() ==> \result.finite();
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat subtract(Apfloat y);

    /*@ public normal_behavior
      @   requires y != null;
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   ensures finite() && y.finite() ==> \result.finite();
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat multiply(Apfloat y);

    /*@ public normal_behavior
      @   requires y != null && y.sign() != 0 && (finite() || y.finite());
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   ensures sign() > 0 && y.sign() > 0 ==> \result.sign() > 0;
      @   ensures \result.finite();
      @   assignable \nothing;
      @ also
      @ // the quotient of two exact numbers may need an infinite expansion (InfiniteExpansionException): it may throw
      @ public behavior
      @   requires y != null && y.sign() != 0 && !finite() && !y.finite();
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   ensures sign() > 0 && y.sign() > 0 ==> \result.sign() > 0;
      @   signals_only ArithmeticException;
      @   assignable \nothing;
      @ also
      @ public exceptional_behavior
      @   requires y != null && y.sign() == 0;
      @   signals_only ArithmeticException;
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat divide(Apfloat y) throws ArithmeticException;

    /*@ // A comparison is the one way a number becomes control flow (a branch, a loop bound): its operands must
      @ // be untainted, so that no branch of a proved method depends on data it may not read.
      @ public normal_behavior
      @   requires y != null && !tainted() && !y.tainted();
      @   ensures -1 <= \result && \result <= 1;
      @   ensures le(this) && (\result <= 0 ==> le(y));
      @   ensures \result > 0 ==> y.le(this) && (\forall Apfloat z; z.le(y) ==> z.le(this));
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ int compareTo(Apfloat y);
}
