package org.sparsemixerlab.analysis;

/**
 * Stability of one MoE layer's routing over training, from a {@link ProbeHistory}: between each pair
 * of successive points, the fraction of probe tokens whose top expert changed, and at every point
 * each expert's share of the probe tokens.
 *
 * <pre>
 * Stability s = Stability.of(ProbeHistoryFile.readLab("sparse-mixer-lab"), 1);
 * </pre>
 *
 * @param layer encoder layer index
 * @param steps steps of the points {@code [P]}
 * @param changed {@code changed[i]}: fraction changed between points i and i+1 {@code [P-1]}
 * @param loadShare expert shares at each point {@code [P][E]}
 */
public record Stability(int layer, long[] steps, double[] changed, double[][] loadShare) {

    /** The view for one MoE layer of a history. */
    public static Stability of(ProbeHistory history, int layer) {
        int slot = history.layerSlot(layer);
        int[][] top = history.points().stream().map(p -> p.topExpert()[slot]).toArray(int[][]::new);
        return compute(layer, history.steps(), top, history.experts());
    }

    /** The statistic over plain arrays: top experts per point {@code [P][N]}. */
    public static Stability compute(int layer, long[] steps, int[][] topPerPoint, int experts) {
        if (steps.length != topPerPoint.length || steps.length == 0) {
            throw new IllegalArgumentException("one step per point and at least one point are needed; got "
                    + steps.length + " steps and " + topPerPoint.length + " points");
        }
        int points = steps.length;
        double[] changed = new double[points - 1];
        double[][] share = new double[points][];
        for (int p = 0; p < points; p++) {
            int n = topPerPoint[p].length;
            long[] load = ProbePoint.loads(topPerPoint[p], experts);
            share[p] = new double[experts];
            for (int e = 0; e < experts; e++) {
                share[p][e] = n == 0 ? 0 : (double) load[e] / n;
            }
            if (p > 0) {
                int[] a = topPerPoint[p - 1];
                int[] b = topPerPoint[p];
                if (a.length != b.length) {
                    throw new IllegalArgumentException("points " + (p - 1) + " and " + p + " hold different numbers of "
                            + "probe tokens (" + a.length + ", " + b.length + ")");
                }
                long diff = 0;
                for (int i = 0; i < a.length; i++) {
                    diff += a[i] != b[i] ? 1 : 0;
                }
                changed[p - 1] = a.length == 0 ? 0 : (double) diff / a.length;
            }
        }
        return new Stability(layer, steps.clone(), changed, share);
    }
}
