package org.sparsemixerlab.model;

import org.sparsemixerlab.tensor.Activations;

/** Plain double-precision loops used as the independent reference in model tests. */
final class ReferenceMath {
    private ReferenceMath() {}

    /** {@code [rows, in] x [out, in]^T + bias} like torch.nn.functional.linear. */
    static double[][] linear(double[][] x, double[][] w, double[] b) {
        double[][] y = new double[x.length][w.length];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < w.length; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < x[r].length; i++) {
                    s += x[r][i] * w[o][i];
                }
                y[r][o] = s;
            }
        }
        return y;
    }

    static double[][] layerNorm(double[][] x, double[] scale, double[] offset, double eps) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            double mean = 0;
            for (double v : x[r]) {
                mean += v;
            }
            mean /= x[r].length;
            double var = 0;
            for (double v : x[r]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[r].length;
            y[r] = new double[x[r].length];
            for (int i = 0; i < x[r].length; i++) {
                y[r][i] = (x[r][i] - mean) / Math.sqrt(var + eps) * scale[i] + offset[i];
            }
        }
        return y;
    }

    static double[][] gelu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            y[r] = new double[x[r].length];
            for (int i = 0; i < x[r].length; i++) {
                y[r][i] = Activations.geluTanh(x[r][i]);
            }
        }
        return y;
    }

    static double crossEntropy(double[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        return -(logits[label] - max - Math.log(sum));
    }

    static double[][] toMatrix(float[] flat, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = flat[r * cols + c];
            }
        }
        return m;
    }

    static double[] toVector(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static void assertClose(double[][] expected, float[] actual, double tol) {
        int cols = expected[0].length;
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < cols; c++) {
                double a = actual[r * cols + c];
                double e = expected[r][c];
                if (Math.abs(a - e) > tol * (1 + Math.abs(e))) {
                    throw new AssertionError("at [" + r + "," + c + "] expected " + e + " but was " + a);
                }
            }
        }
    }
}
