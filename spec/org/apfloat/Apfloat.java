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
      @*/

    /*@ public normal_behavior
      @   ensures (value > 0 ==> sign() == 1) && (value == 0 ==> sign() == 0) && (value < 0 ==> sign() == -1);
      @   ensures !tainted();
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat(long value);

    /*@ public normal_behavior
      @   requires y != null;
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   ensures sign() > 0 && y.sign() > 0 ==> \result.sign() > 0;
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat add(Apfloat y);

    /*@ public normal_behavior
      @   requires y != null;
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat subtract(Apfloat y);

    /*@ public normal_behavior
      @   requires y != null;
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat multiply(Apfloat y);

    /*@ public normal_behavior
      @   requires y != null && y.sign() != 0;
      @   ensures \result != null && (!tainted() && !y.tainted() ==> !\result.tainted());
      @   assignable \nothing;
      @ also
      @ public exceptional_behavior
      @   requires y != null && y.sign() == 0;
      @   signals_only ArithmeticException;
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ Apfloat divide(Apfloat y) throws ArithmeticException;

    /*@ public normal_behavior
      @   requires y != null;
      @   ensures -1 <= \result && \result <= 1;
      @   assignable \nothing;
      @*/
    public /*@ pure helper @*/ int compareTo(Apfloat y);
}
