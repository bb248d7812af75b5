package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.sparsemixerlab.tensor.RowGather;

/**
 * The structured matrices of SPEC 1.4: circulant and Toeplitz matrices built from their defining
 * vectors, the 2n circulant embedding of a Toeplitz vector, and the cosine and sine parts of the
 * unnormalised DFT matrix.
 *
 * <p>Conventions (0-based): {@code Circ(c)[r, k] = c[(r - k) mod n]} (first column is c);
 * {@code Toep(v)[r, k] = v[k - r + n - 1]} for v of length 2n - 1; {@code C_n[j, k] = cos(2 pi j k
 * / n)}, {@code S_n[j, k] = sin(2 pi j k / n)}, so the DFT matrix is {@code F_n = C_n - i S_n}.
 *
 * <p>Circulant and Toeplitz matrices are gathers ({@code take}) from their vectors, so gradients
 * flow back to the vector entries.
 */
public final class StructuredMatrices {
    private StructuredMatrices() {}

    /** Linear indices {@code (r - k) mod n} of {@code Circ(c)}, as int64 {@code [n, n]}. */
    public static NDArray circulantIndex(NDManager manager, int n) {
        long[] index = new long[n * n];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                index[r * n + k] = Math.floorMod(r - k, n);
            }
        }
        return manager.create(index, new Shape(n, n));
    }

    /** Linear indices {@code k - r + n - 1} of {@code Toep(v)}, as int64 {@code [n, n]}. */
    public static NDArray toeplitzIndex(NDManager manager, int n) {
        long[] index = new long[n * n];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                index[r * n + k] = k - r + n - 1L;
            }
        }
        return manager.create(index, new Shape(n, n));
    }

    /**
     * Indices into v (length 2n - 1) of the first column of the 2n circulant whose top-left n x n
     * block is {@code Toep(v)}: {@code (n-1, n-2, ..., 0, n-1, 2n-2, 2n-3, ..., n)}. The middle
     * filler (position n) only ever multiplies zero padding.
     */
    public static NDArray toeplitzEmbeddingIndex(NDManager manager, int n) {
        long[] index = new long[2 * n];
        for (int j = 0; j < n; j++) {
            index[j] = n - 1L - j;
        }
        index[n] = n - 1L;
        for (int j = n + 1; j < 2 * n; j++) {
            index[j] = 3L * n - 1 - j;
        }
        return manager.create(index, new Shape(2L * n));
    }

    /** {@code Circ(c)}: {@code [n]} to {@code [n, n]}, in c's manager. */
    public static NDArray circulant(NDArray c) {
        return circulant(c, c.getManager());
    }

    /** {@code Circ(c)}: {@code [n]} to {@code [n, n]}, created in {@code resultManager}. */
    public static NDArray circulant(NDArray c, NDManager resultManager) {
        int n = vectorLength(c, "circulant");
        return RowGather.rows(c, circulantIndex(resultManager, n));
    }

    /** {@code Toep(v)}: {@code [2n - 1]} to {@code [n, n]}, in v's manager. */
    public static NDArray toeplitz(NDArray v) {
        return toeplitz(v, v.getManager());
    }

    /** {@code Toep(v)}: {@code [2n - 1]} to {@code [n, n]}, created in {@code resultManager}. */
    public static NDArray toeplitz(NDArray v, NDManager resultManager) {
        int n = toeplitzSize(v);
        return RowGather.rows(v, toeplitzIndex(resultManager, n));
    }

    /** The 2n circulant embedding of a Toeplitz vector: {@code [2n - 1]} to {@code [2n]}. */
    public static NDArray toeplitzCirculantEmbedding(NDArray v) {
        return toeplitzCirculantEmbedding(v, v.getManager());
    }

    /** As {@link #toeplitzCirculantEmbedding(NDArray)}, created in {@code resultManager}. */
    public static NDArray toeplitzCirculantEmbedding(NDArray v, NDManager resultManager) {
        int n = toeplitzSize(v);
        return RowGather.rows(v, toeplitzEmbeddingIndex(resultManager, n));
    }

    /** {@code C_n[j, k] = cos(2 pi j k / n)} as float32 {@code [n, n]}. */
    public static NDArray dftCos(NDManager manager, int n) {
        return manager.create(toFloat(dftCos(n)), new Shape(n, n));
    }

    /** {@code S_n[j, k] = sin(2 pi j k / n)} as float32 {@code [n, n]}. */
    public static NDArray dftSin(NDManager manager, int n) {
        return manager.create(toFloat(dftSin(n)), new Shape(n, n));
    }

    /** {@code C_n} in double precision, row-major {@code [n * n]}. */
    static double[] dftCos(int n) {
        double[] m = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                m[j * n + k] = Math.cos(dftAngle(j, k, n));
            }
        }
        return m;
    }

    /** {@code S_n} in double precision, row-major {@code [n * n]}. */
    static double[] dftSin(int n) {
        double[] m = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                m[j * n + k] = Math.sin(dftAngle(j, k, n));
            }
        }
        return m;
    }

    /** {@code 2 pi (j k mod n) / n}; reducing j k first keeps the angle small and exact. */
    private static double dftAngle(int j, int k, int n) {
        return 2 * Math.PI * ((long) j * k % n) / n;
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static int vectorLength(NDArray vector, String what) {
        Shape shape = vector.getShape();
        if (shape.dimension() != 1 || shape.get(0) < 1) {
            throw new IllegalArgumentException(
                    "A " + what + " matrix needs a non-empty vector of shape [n], but received "
                            + shape + "; pass the defining vector, not a matrix.");
        }
        return Math.toIntExact(shape.get(0));
    }

    private static int toeplitzSize(NDArray v) {
        int length = vectorLength(v, "Toeplitz");
        if (length % 2 == 0) {
            throw new IllegalArgumentException(
                    "A Toeplitz vector has odd length 2n - 1, but received length " + length
                            + "; pass the 2n - 1 diagonal values of an n x n matrix.");
        }
        return (length + 1) / 2;
    }
}
