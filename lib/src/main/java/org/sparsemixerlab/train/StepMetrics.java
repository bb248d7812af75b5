package org.sparsemixerlab.train;

import java.util.List;
import java.util.Map;
import org.sparsemixerlab.moe.RoutingMetrics;

/**
 * What one training step measured. Immutable.
 *
 * @param step 1-based number of updates applied so far
 * @param learningRate the rate of this update
 * @param loss the minimised total loss
 * @param values task metrics by name (e.g. {@code mlm_loss}, {@code mlm_accuracy}, {@code
 *     nsp_accuracy}, {@code accuracy})
 * @param moeLayers routing metrics of every MoE layer, in layer order (empty for dense models)
 * @param gradNorm global gradient norm before clipping
 * @param tokensPerSecond tokens of this step over its wall time (data loading excluded)
 * @param elapsedSeconds wall time since the run (or resume) started
 * @param auxiliaryLossFactor the run's {@code auxiliary_loss_factor}, for {@link #moeSummary()}
 * @param routerZLossFactor the run's {@code router_z_loss_factor}, for {@link #moeSummary()}
 */
public record StepMetrics(long step, double learningRate, double loss, Map<String, Double> values,
        List<RoutingMetrics> moeLayers, double gradNorm, double tokensPerSecond, double elapsedSeconds,
        double auxiliaryLossFactor, double routerZLossFactor) {

    public StepMetrics {
        values = Map.copyOf(values);
        moeLayers = List.copyOf(moeLayers);
    }

    /** A task metric, or NaN when this run does not report it. */
    public double value(String name) {
        return values.getOrDefault(name, Double.NaN);
    }

    /**
     * Routing metrics across layers as the reference reports them (SPEC 2.8): aux and z summed and
     * multiplied by their loss factors, the other three averaged; ZERO for dense models.
     */
    public RoutingMetrics moeSummary() {
        return RoutingMetrics.acrossLayers(moeLayers, auxiliaryLossFactor, routerZLossFactor);
    }

    /** Like {@link #moeSummary()} with the raw sums of aux and z over the layers. */
    public RoutingMetrics moeSums() {
        return RoutingMetrics.summedAcrossLayers(moeLayers);
    }
}
