package org.sparsemixerlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Global-norm gradient clipping and the search for non-finite gradients. DJL's own {@code
 * optClipGrad} clamps each element from above only (NOTES-DJL section 5), so this is done by hand.
 */
public final class GradientNorms {
    private GradientNorms() {}

    /** The L2 norm of all gradients together. */
    public static double globalNorm(PairList<String, Parameter> parameters) {
        double sumSquares = 0;
        try (NDScope scope = new NDScope()) {
            NDArray total = null;
            for (Pair<String, Parameter> p : parameters) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    NDArray s = w.getGradient().square().sum();
                    total = total == null ? s : total.add(s);
                }
            }
            if (total != null) {
                sumSquares = total.getFloat();
            }
        }
        return Math.sqrt(sumSquares);
    }

    /**
     * Scales all gradients by {@code maxNorm / norm} when the global norm exceeds {@code maxNorm}.
     *
     * @return the global norm before clipping
     */
    public static double clip(PairList<String, Parameter> parameters, double maxNorm) {
        double norm = globalNorm(parameters);
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            float scale = (float) (maxNorm / norm);
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try (NDScope scope = new NDScope()) {
                for (Pair<String, Parameter> p : parameters) {
                    NDArray w = p.getValue().getArray();
                    if (w.hasGradient()) {
                        w.getGradient().muli(scale);
                    }
                }
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
        return norm;
    }

    /** The name of the first parameter whose gradient holds a NaN or infinity, or null. */
    public static String firstNonFinite(PairList<String, Parameter> parameters) {
        try (NDScope scope = new NDScope()) {
            for (Pair<String, Parameter> p : parameters) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient() && !Float.isFinite(w.getGradient().sum().getFloat())) {
                    return p.getKey();
                }
            }
        }
        return null;
    }
}
