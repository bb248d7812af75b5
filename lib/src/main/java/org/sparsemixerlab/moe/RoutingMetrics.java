package org.sparsemixerlab.moe;

import java.util.List;

/**
 * Per-layer routing diagnostics (SPEC 2.8), immutable.
 *
 * @param auxLoss load-balancing loss (0 for experts-choose)
 * @param zLoss router z-loss
 * @param fractionLeftBehind share of routable tokens that no expert processed
 * @param expertUsage kept assignments / (E * C * G)
 * @param routerConfidence mean combine weight of the kept assignments
 */
public record RoutingMetrics(double auxLoss, double zLoss, double fractionLeftBehind, double expertUsage,
        double routerConfidence) {

    /** All zeros; the neutral element of {@link #plus}. */
    public static final RoutingMetrics ZERO = new RoutingMetrics(0, 0, 0, 0, 0);

    /** Field-wise sum (for accumulating over steps before {@link #scaled}). */
    public RoutingMetrics plus(RoutingMetrics o) {
        return new RoutingMetrics(auxLoss + o.auxLoss, zLoss + o.zLoss, fractionLeftBehind + o.fractionLeftBehind,
                expertUsage + o.expertUsage, routerConfidence + o.routerConfidence);
    }

    /** Every field multiplied by {@code f}. */
    public RoutingMetrics scaled(double f) {
        return new RoutingMetrics(auxLoss * f, zLoss * f, fractionLeftBehind * f, expertUsage * f, routerConfidence * f);
    }

    /** Field-wise mean, e.g. over steps; ZERO for an empty list. */
    public static RoutingMetrics mean(List<RoutingMetrics> items) {
        RoutingMetrics sum = ZERO;
        for (RoutingMetrics m : items) {
            sum = sum.plus(m);
        }
        return items.isEmpty() ? ZERO : sum.scaled(1.0 / items.size());
    }

    /**
     * Combination over the MoE layers of one model as the reference summarises them (SPEC 2.8):
     * aux and z are summed, the other three are averaged. ZERO for an empty list.
     */
    public static RoutingMetrics acrossLayers(List<RoutingMetrics> layers) {
        if (layers.isEmpty()) {
            return ZERO;
        }
        RoutingMetrics m = mean(layers);
        return new RoutingMetrics(m.auxLoss * layers.size(), m.zLoss * layers.size(), m.fractionLeftBehind,
                m.expertUsage, m.routerConfidence);
    }
}
