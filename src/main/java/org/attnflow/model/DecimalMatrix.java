package org.attnflow.model;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * An immutable rows×cols matrix of exact decimals. Scenario numbers are kept as the digits written, so that
 * the arbitrary-precision reference starts from exactly those digits; the double solvers take
 * {@link #toDoubleArray()}, the nearest doubles. Generated (random) entries are exact binary doubles.
 */
public final class DecimalMatrix {
    /**
     * Heap per entry, for the bounds checked before work: the exact decimal of a double (a BigDecimal of ~50 digits:
     * itself, its BigInteger and that one's int[], ~120 bytes), its slot in the array and the double the solvers use.
     */
    public static final int BYTES_PER_ENTRY = 136;

    private final int rows;
    private final int cols;
    /**
     * Row-major exact decimals. A matrix made from doubles ({@link #ofDoubles}) makes them on first use from
     * {@link #binary}: a sweep's thousands of random starts are read by the double solvers only, and the exact
     * decimal of a double costs a BigInteger power of 5 (idempotent, so a race only repeats the work).
     */
    private volatile BigDecimal[] entries;
    private final double[] binary; // the doubles the entries are exactly, or null

    private DecimalMatrix(int rows, int cols, BigDecimal[] entries) {
        this.rows = rows;
        this.cols = cols;
        this.entries = entries;
        this.binary = null;
    }

    private DecimalMatrix(int rows, int cols, double[] binary) {
        this.rows = rows;
        this.cols = cols;
        this.entries = null;
        this.binary = binary;
    }

    private BigDecimal[] entries() {
        BigDecimal[] e = entries;
        if (e == null) {
            e = new BigDecimal[binary.length];
            for (int i = 0; i < e.length; i++) e[i] = new BigDecimal(binary[i]);
            entries = e;
        }
        return e;
    }

    /** A matrix from row-major entries; the array is copied. */
    public static DecimalMatrix of(int rows, int cols, BigDecimal[] rowMajor) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("a matrix needs at least one row and column, got " + rows + "x" + cols);
        if (rowMajor.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " = " + rows * cols + " entries, got " + rowMajor.length);
        }
        BigDecimal[] copy = rowMajor.clone();
        for (BigDecimal b : copy) if (b == null) throw new IllegalArgumentException("matrix entry is missing");
        return new DecimalMatrix(rows, cols, copy);
    }

    /** A matrix holding exactly the given doubles (every finite double is an exact decimal). */
    public static DecimalMatrix ofDoubles(int rows, int cols, double[] rowMajor) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("a matrix needs at least one row and column, got " + rows + "x" + cols);
        if (rowMajor.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " = " + rows * cols + " entries, got " + rowMajor.length);
        }
        double[] b = new double[rowMajor.length];
        for (int i = 0; i < b.length; i++) {
            if (!Double.isFinite(rowMajor[i])) throw new IllegalArgumentException("matrix entry " + rowMajor[i] + " is not finite");
            b[i] = rowMajor[i] + 0.0; // -0.0 is the decimal 0, whose nearest double is +0.0
        }
        return new DecimalMatrix(rows, cols, b);
    }

    public static DecimalMatrix identity(int d) {
        BigDecimal[] e = new BigDecimal[d * d];
        Arrays.fill(e, BigDecimal.ZERO);
        for (int i = 0; i < d; i++) e[i * d + i] = BigDecimal.ONE;
        return new DecimalMatrix(d, d, e);
    }

    /** {@code s} times the identity. */
    public static DecimalMatrix scaledIdentity(int d, BigDecimal s) {
        BigDecimal[] e = new BigDecimal[d * d];
        Arrays.fill(e, BigDecimal.ZERO);
        for (int i = 0; i < d; i++) e[i * d + i] = s;
        return new DecimalMatrix(d, d, e);
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public BigDecimal get(int i, int j) { return entries()[i * cols + j]; }

    /** Row-major copy of the entries. */
    public BigDecimal[] toArray() { return entries().clone(); }

    /** Row-major nearest doubles. */
    public double[] toDoubleArray() {
        if (binary != null) return binary.clone();
        BigDecimal[] e = entries();
        double[] a = new double[e.length];
        for (int i = 0; i < a.length; i++) a[i] = e[i].doubleValue();
        return a;
    }

    /** The transpose (cols×rows). */
    public DecimalMatrix transpose() {
        BigDecimal[] entries = entries();
        BigDecimal[] e = new BigDecimal[entries.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) e[j * rows + i] = entries[i * cols + j];
        return new DecimalMatrix(cols, rows, e);
    }

    /** Every entry times the integer {@code s} (exactly). */
    public DecimalMatrix times(long s) {
        BigDecimal[] entries = entries();
        BigDecimal[] e = new BigDecimal[entries.length];
        for (int i = 0; i < e.length; i++) e[i] = entries[i].multiply(BigDecimal.valueOf(s));
        return new DecimalMatrix(rows, cols, e);
    }

    public boolean isIdentity() {
        if (rows != cols) return false;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (get(i, j).compareTo(i == j ? BigDecimal.ONE : BigDecimal.ZERO) != 0) return false;
            }
        }
        return true;
    }

    /** Row-major nested arrays of the exact entries (for JSON output). */
    public BigDecimal[][] toRows() {
        BigDecimal[][] r = new BigDecimal[rows][];
        BigDecimal[] entries = entries();
        for (int i = 0; i < rows; i++) r[i] = Arrays.copyOfRange(entries, i * cols, (i + 1) * cols);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DecimalMatrix m) || m.rows != rows || m.cols != cols) return false;
        if (binary != null && m.binary != null) return Arrays.equals(binary, m.binary); // exact doubles: equal iff the same
        BigDecimal[] a = entries(), b = m.entries();
        for (int i = 0; i < a.length; i++) if (a[i].compareTo(b[i]) != 0) return false;
        return true;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(toDoubleArray()) * 31 + rows; }

    @Override
    public String toString() { return rows + "x" + cols + Arrays.deepToString(toRows()); }
}
