package org.attnflow.model;

/**
 * Which double-precision field computes the velocities, the value of {@code solver.field} ({@link Keys}). The
 * choice, and the rule behind {@link #AUTO}, is made in one place: {@code org.attnflow.field.Fields}.
 *
 * <p><b>Adding a field kind</b>: a constant here, and its case in {@code Fields.create} (an exhaustive switch, so
 * the compiler asks for it). The scenario reader accepts the new key by itself.
 */
public enum FieldKind {
    /** The SIMD field when the work of the run repays its set-up and JIT warm-up, else the scalar field. */
    AUTO,
    /** The plain readable loop ({@code ScalarAttentionField}). */
    SCALAR,
    /** The Vector API field: online softmax over key tiles, no n×n matrix, threads ({@code VectorAttentionField}). */
    SIMD;

    public String key() { return Keys.of(this); }

    public static FieldKind fromKey(String key) { return Keys.lookup(FieldKind.class, key); }
}
