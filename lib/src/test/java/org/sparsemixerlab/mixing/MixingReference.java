package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

/**
 * Independent double-precision computations of every mixer with plain loops, straight from the
 * SPEC 1.4 definitions, plus comparison helpers. Arrays are row-major {@code [B][L][d]}.
 */
final class MixingReference {
    private MixingReference() {}

    /** Random normal values of the given shape as float32, and the same values as doubles. */
    static NDArray randomArray(NDManager manager, Random random, long... shape) {
        int size = Math.toIntExact(new Shape(shape).size());
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(shape));
    }

    static double[][][] toCube(NDArray array) {
        Shape s = array.getShape();
        int b = (int) s.get(0);
        int l = (int) s.get(1);
        int d = (int) s.get(2);
        float[] flat = array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double[][][] out = new double[b][l][d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < l; j++) {
                for (int k = 0; k < d; k++) {
                    out[i][j][k] = flat[(i * l + j) * d + k];
                }
            }
        }
        return out;
    }

    static double[] toDoubles(NDArray array) {
        float[] flat = array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double[] out = new double[flat.length];
        for (int i = 0; i < flat.length; i++) {
            out[i] = flat[i];
        }
        return out;
    }

    /** Y = Re(F_L X F_d) with F_n[j,k] = exp(-2 pi i j k / n), summed directly. */
    static double[][][] fourier(double[][][] x) {
        return dft2(x, false);
    }

    /** Y = Re(F_L X F_d) - Im(F_L X F_d). */
    static double[][][] hartley(double[][][] x) {
        return dft2(x, true);
    }

    private static double[][][] dft2(double[][][] x, boolean hartley) {
        int b = x.length;
        int l = x[0].length;
        int d = x[0][0].length;
        double[][][] y = new double[b][l][d];
        for (int e = 0; e < b; e++) {
            for (int n = 0; n < l; n++) {
                for (int k = 0; k < d; k++) {
                    double re = 0;
                    double im = 0;
                    for (int i = 0; i < l; i++) {
                        for (int j = 0; j < d; j++) {
                            double theta = 2 * Math.PI * ((double) n * i / l + (double) k * j / d);
                            re += x[e][i][j] * Math.cos(theta);
                            im -= x[e][i][j] * Math.sin(theta);
                        }
                    }
                    y[e][n][k] = hartley ? re - im : re;
                }
            }
        }
        return y;
    }

    /** Y[n,k] = sum_i sum_j A[n,i] X[i,j] H[j,k] for every example; A [L][L], H [d][d]. */
    static double[][][] sandwich(double[][] a, double[][][] x, double[][] h) {
        int b = x.length;
        int l = x[0].length;
        int d = x[0][0].length;
        double[][][] y = new double[b][l][d];
        for (int e = 0; e < b; e++) {
            for (int n = 0; n < l; n++) {
                for (int k = 0; k < d; k++) {
                    double sum = 0;
                    for (int i = 0; i < l; i++) {
                        for (int j = 0; j < d; j++) {
                            sum += a[n][i] * x[e][i][j] * h[j][k];
                        }
                    }
                    y[e][n][k] = sum;
                }
            }
        }
        return y;
    }

    static double[][] square(double[] flat, int n) {
        double[][] m = new double[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * n, m[r], 0, n);
        }
        return m;
    }

    /** Circ(c)[r,k] = c[(r - k) mod n]. */
    static double[][] circulant(double[] c) {
        int n = c.length;
        double[][] m = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                m[r][k] = c[Math.floorMod(r - k, n)];
            }
        }
        return m;
    }

    /** Toep(v)[r,k] = v[k - r + n - 1], v of length 2n - 1. */
    static double[][] toeplitz(double[] v) {
        int n = (v.length + 1) / 2;
        double[][] m = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                m[r][k] = v[k - r + n - 1];
            }
        }
        return m;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int k = 0; k < m[0].length; k++) {
                t[k][r] = m[r][k];
            }
        }
        return t;
    }

    /** sum of g * y over all elements. */
    static double dot(double[][][] g, double[][][] y) {
        double sum = 0;
        for (int e = 0; e < y.length; e++) {
            for (int n = 0; n < y[0].length; n++) {
                for (int k = 0; k < y[0][0].length; k++) {
                    sum += g[e][n][k] * y[e][n][k];
                }
            }
        }
        return sum;
    }

    /** Largest absolute value, at least 1: the scale of a relative tolerance. */
    static double scale(double[][][] values) {
        double max = 1;
        for (double[][] plane : values) {
            for (double[] row : plane) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return max;
    }

    /** Element-wise equality within {@code relative * max(1, max |expected|)}. */
    static void assertCubeClose(double[][][] expected, NDArray actual, double relative) {
        double[][][] got = toCube(actual);
        assertEquals(expected.length, got.length, "batch");
        assertEquals(expected[0].length, got[0].length, "sequence length");
        assertEquals(expected[0][0].length, got[0][0].length, "width");
        double tolerance = relative * scale(expected);
        for (int e = 0; e < expected.length; e++) {
            for (int n = 0; n < expected[0].length; n++) {
                for (int k = 0; k < expected[0][0].length; k++) {
                    int b = e;
                    int r = n;
                    int c = k;
                    assertEquals(expected[e][n][k], got[e][n][k], tolerance,
                            () -> "at [" + b + ", " + r + ", " + c + "]");
                }
            }
        }
    }

    /** Element-wise equality of flat arrays within {@code relative * max(1, max |expected|)}. */
    static void assertFlatClose(double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length, "length");
        double max = 1;
        for (double v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertEquals(expected[i], actual[i], relative * max, () -> "at " + at);
        }
    }
}
