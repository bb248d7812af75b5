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
                    // the norm reduces without a squared copy of the gradient
                    NDArray s = w.getGradient().norm().square();
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

    /**
     * Names of the parameters whose gradients hold a NaN or an infinity, in registration order
     * (input side first). A non-finite value spreads backwards from where it arises, so the last
     * name is the one nearest the place it appeared.
     */
    public static java.util.List<String> nonFinite(PairList<String, Parameter> parameters) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (NDScope scope = new NDScope()) {
            for (Pair<String, Parameter> p : parameters) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient() && !Float.isFinite(w.getGradient().sum().getFloat())) {
                    out.add(p.getKey());
                }
            }
        }
        return out;
    }

    /**
     * Where a non-finite gradient arose, from the affected parameter names. Values spread backwards,
     * so every layer below the origin is affected too: the highest affected encoder layer is the
     * lowest place it can have appeared.
     */
    public static String whereItAppeared(java.util.List<String> affected) {
        int highest = -1;
        boolean head = false;
        java.util.regex.Pattern layer = java.util.regex.Pattern.compile("layer_(\\d+)");
        for (String name : affected) {
            java.util.regex.Matcher m = layer.matcher(name);
            if (m.find()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            } else if (!name.contains("embeddings")) {
                head = true;
            }
        }
        if (highest < 0) {
            return head ? "it appeared in the heads or the embeddings" : "it appeared in the embeddings";
        }
        return "it appeared in or above encoder layer " + highest + (head ? " (output heads affected too)" : "");
    }
}
