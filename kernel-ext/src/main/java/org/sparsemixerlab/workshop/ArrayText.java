package org.sparsemixerlab.workshop;

import java.util.Arrays;
import java.util.Locale;

/** Short, readable renderings of the small arrays that exercise cases use. */
final class ArrayText {
    private ArrayText() {}

    static String of(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return sb.append(']').toString();
    }

    static String of(double[][] m) {
        if (m == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(m[i] == null ? "null" : of(m[i]));
        }
        return sb.append(']').toString();
    }

    static String of(int[][] m) {
        if (m == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Arrays.toString(m[i]));
        }
        return sb.append(']').toString();
    }

    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e9) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
