package org.sparsemixerlab.analysis;

import java.util.List;
import org.sparsemixerlab.config.ModelConfig;

/**
 * The routing decisions of a fixed probe set of held-out tokens at several points of one training
 * run, for the stability view. Written by {@link ProbeHistoryCommand}, read and written with {@link
 * ProbeHistoryFile}.
 *
 * @param source what was probed (the checkpoint folder's name, no machine path)
 * @param config the model configuration of the run
 * @param layers encoder indices of the MoE layers
 * @param experts E
 * @param tokenIds the probe tokens {@code [N]}
 * @param sequences index of each token's held-out sequence {@code [N]}
 * @param positions each token's position in its sequence {@code [N]}
 * @param points the routing at each kept checkpoint, by increasing step
 */
public record ProbeHistory(String source, ModelConfig config, List<Integer> layers, int experts, int[] tokenIds,
        int[] sequences, int[] positions, List<ProbePoint> points) {

    public ProbeHistory {
        layers = List.copyOf(layers);
        points = List.copyOf(points);
        int n = tokenIds.length;
        if (sequences.length != n || positions.length != n) {
            throw new IllegalArgumentException("probe arrays must have one entry per token: " + n + " tokens, "
                    + sequences.length + " sequences, " + positions.length + " positions");
        }
        long previous = Long.MIN_VALUE;
        for (ProbePoint p : points) {
            if (p.step() <= previous) {
                throw new IllegalArgumentException("probe points must have increasing steps; got " + p.step() + " after "
                        + previous);
            }
            previous = p.step();
            if (p.topExpert().length != layers.size() || p.load().length != layers.size()) {
                throw new IllegalArgumentException("the point at step " + p.step() + " has " + p.topExpert().length
                        + " layers; the history has " + layers.size());
            }
            for (int[] row : p.topExpert()) {
                if (row.length != n) {
                    throw new IllegalArgumentException("the point at step " + p.step() + " has " + row.length
                            + " decisions for " + n + " probe tokens");
                }
            }
        }
    }

    /** Steps of the points. */
    public long[] steps() {
        return points.stream().mapToLong(ProbePoint::step).toArray();
    }

    /** Position of an encoder layer index among the MoE layers. */
    public int layerSlot(int layerIndex) {
        int i = layers.indexOf(layerIndex);
        if (i < 0) {
            throw new IllegalArgumentException("layer " + layerIndex + " is not an MoE layer of this history; MoE layers: "
                    + layers);
        }
        return i;
    }

    /** This history with one more point (the probe tokens must be the same). */
    public ProbeHistory with(ProbePoint point) {
        List<ProbePoint> more = new java.util.ArrayList<>(points);
        more.add(point);
        return new ProbeHistory(source, config, layers, experts, tokenIds, sequences, positions, more);
    }
}
