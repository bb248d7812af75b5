package org.sparsemixerlab.workshop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.sparsemixerlab.mixing.StructuredMatrices;
import org.sparsemixerlab.moe.Assignment;
import org.sparsemixerlab.moe.ExpertsChooseRouting;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.TokensChooseRouting;

/**
 * The library's answers to the exercises, computed on NDArrays in a manager that is closed after
 * every call (one group of tokens: logits {@code [TOKENS][EXPERTS]} become {@code [1, T, E]}).
 */
final class LibraryAnswers {
    private LibraryAnswers() {}

    /** Tokens-choose top-k without dropping (capacity T), choices in rank order. */
    static TokenChoices tokensChoose(double[][] logits, int k) {
        int t = logits.length;
        try (NDManager m = NDManager.newBaseManager()) {
            RoutingPlan plan = TokensChooseRouting.route(group(m, logits), t, k, false);
            int[][] experts = new int[t][k];
            double[][] weights = new double[t][k];
            for (int token = 0; token < t; token++) {
                List<Assignment> own = plan.assignmentsOf(0, token);
                for (int j = 0; j < k; j++) {
                    experts[token][j] = own.get(j).expert();
                    weights[token][j] = own.get(j).weight();
                }
            }
            return new TokenChoices(experts, weights);
        }
    }

    /** Experts-choose: the tokens in each expert's slots {@code [E][C]}, most probable first. */
    static int[][] expertsChoose(double[][] logits, int capacity) {
        try (NDManager m = NDManager.newBaseManager()) {
            return ExpertsChooseRouting.route(group(m, logits), capacity).slotTokens()[0];
        }
    }

    /** The load-balancing loss of tokens-choose top-k routing. */
    static double loadBalancingLoss(double[][] logits, int k) {
        try (NDManager m = NDManager.newBaseManager()) {
            return TokensChooseRouting.route(group(m, logits), logits.length, k, false).auxLoss().getFloat();
        }
    }

    /** {@code Circ(c) · x}: c {@code [n]}, x {@code [n][d]}, in double precision. */
    static double[][] circulantMix(double[] c, double[][] x) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray circ = StructuredMatrices.circulant(m.create(c));
            NDArray mixed = circ.matMul(m.create(x));
            int d = x[0].length;
            double[] flat = mixed.toDoubleArray();
            double[][] out = new double[c.length][d];
            for (int r = 0; r < c.length; r++) {
                System.arraycopy(flat, r * d, out[r], 0, d);
            }
            return out;
        }
    }

    private static NDArray group(NDManager m, double[][] logits) {
        int t = logits.length;
        int e = logits[0].length;
        float[] flat = new float[t * e];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < e; j++) {
                flat[i * e + j] = (float) logits[i][j];
            }
        }
        return m.create(flat, new Shape(1, t, e));
    }
}
