package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
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

    /**
     * Reads per-layer metric rows {@code [MOE_LAYERS, 5]} (see {@link MoeOutput#metricsRow()}), as
     * the encoder returns them; empty for a dense model.
     */
    public static List<RoutingMetrics> fromRows(NDArray rows) {
        if (rows.getShape().dimension() != 2 || rows.getShape().get(1) != 5) {
            throw new IllegalArgumentException("expected per-layer routing metrics [MOE_LAYERS, 5]; got "
                    + rows.getShape());
        }
        long layers = rows.getShape().get(0);
        List<RoutingMetrics> out = new ArrayList<>();
        if (layers == 0) {
            return out;
        }
        float[] v = rows.toFloatArray();
        for (int l = 0; l < layers; l++) {
            out.add(new RoutingMetrics(v[l * 5], v[l * 5 + 1], v[l * 5 + 2], v[l * 5 + 3], v[l * 5 + 4]));
        }
        return out;
    }

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
     * Combination over the MoE layers of one model as the reference summarises them (SPEC 2.8,
     * {@code train_utils.summarize_expert_metrics}): aux and z are summed over the layers and
     * multiplied by their loss factors, the other three are averaged. ZERO for an empty list.
     *
     * @param auxiliaryLossFactor the configuration's {@code auxiliary_loss_factor}
     * @param routerZLossFactor the configuration's {@code router_z_loss_factor}
     */
    public static RoutingMetrics acrossLayers(List<RoutingMetrics> layers, double auxiliaryLossFactor,
            double routerZLossFactor) {
        RoutingMetrics m = summedAcrossLayers(layers);
        return new RoutingMetrics(m.auxLoss * auxiliaryLossFactor, m.zLoss * routerZLossFactor, m.fractionLeftBehind,
                m.expertUsage, m.routerConfidence);
    }

    /**
     * Like {@link #acrossLayers} but with the raw (unweighted) sums of aux and z, the quantities the
     * training loss multiplies by its factors. ZERO for an empty list.
     */
    public static RoutingMetrics summedAcrossLayers(List<RoutingMetrics> layers) {
        if (layers.isEmpty()) {
            return ZERO;
        }
        RoutingMetrics m = mean(layers);
        return new RoutingMetrics(m.auxLoss * layers.size(), m.zLoss * layers.size(), m.fractionLeftBehind,
                m.expertUsage, m.routerConfidence);
    }
}
