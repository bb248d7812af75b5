package org.sparsemixerlab.workshop;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Plain-Java router arithmetic the checkers use to recognise typical wrong answers (softmax over
 * the wrong axis, ranking by logits, ascending order); the right answers come from the library.
 */
final class RouterMath {
    private RouterMath() {}

    /** Softmax of every row: {@code [T][E]}, each token's probabilities over experts. */
    static double[][] softmaxRows(double[][] logits) {
        double[][] out = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            double max = Arrays.stream(logits[t]).max().orElse(0);
            double[] row = Arrays.stream(logits[t]).map(v -> Math.exp(v - max)).toArray();
            double sum = Arrays.stream(row).sum();
            out[t] = Arrays.stream(row).map(v -> v / sum).toArray();
        }
        return out;
    }

    /** Softmax of every column: the typical wrong axis (over tokens instead of experts). */
    static double[][] softmaxColumns(double[][] logits) {
        return transpose(softmaxRows(transpose(logits)));
    }

    static double[][] transpose(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        double[][] out = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c][r] = m[r][c];
            }
        }
        return out;
    }

    /** Indices of the n largest values, largest first, lower index first on ties. */
    static int[] topIndices(double[] values, int n) {
        return IntStream.range(0, values.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -values[i]).thenComparingInt(i -> i))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    /** Top-k experts of every token row. */
    static int[][] topKRows(double[][] scores, int k) {
        return Arrays.stream(scores).map(row -> topIndices(row, k)).toArray(int[][]::new);
    }

    /** Top-C tokens of every expert column: {@code [E][C]}. */
    static int[][] topTokensPerExpert(double[][] scores, int capacity) {
        return Arrays.stream(transpose(scores)).map(col -> topIndices(col, capacity)).toArray(int[][]::new);
    }

    /** True when some row holds two equal values (exact ties). */
    static boolean hasTie(double[] row) {
        return Arrays.stream(row).distinct().count() < row.length;
    }

    /**
     * Seeded logits with two decimals and no near-ties: any two probabilities in one token's row or
     * one expert's column differ by at least a relative {@code 1e-4}, so single and double precision agree on
     * every ranking (exact ties are tested by the fixed cases).
     */
    static double[][] randomLogits(Random random, int tokens, int experts) {
        while (true) {
            double[][] out = new double[tokens][experts];
            for (double[] row : out) {
                for (int e = 0; e < experts; e++) {
                    row[e] = Math.round(random.nextGaussian() * 200) / 100.0;
                }
            }
            double[][] probs = softmaxRows(out);
            if (!nearTie(probs) && !nearTie(transpose(probs))) {
                return out;
            }
        }
    }

    private static boolean nearTie(double[][] rows) {
        for (double[] row : rows) {
            double[] sorted = row.clone();
            Arrays.sort(sorted);
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] - sorted[i - 1] < 1e-4 * sorted[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean sameShape(int[][] a, int rows, int cols) {
        return a.length == rows && Arrays.stream(a).allMatch(r -> r != null && r.length == cols);
    }

    static boolean sameShape(double[][] a, int rows, int cols) {
        return a.length == rows && Arrays.stream(a).allMatch(r -> r != null && r.length == cols);
    }

    static boolean close(double[][] a, double[][] b, double tol) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (!(Math.abs(a[i][j] - b[i][j]) <= tol)) {
                    return false;
                }
            }
        }
        return true;
    }
}
