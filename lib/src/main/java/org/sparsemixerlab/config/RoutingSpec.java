package org.sparsemixerlab.config;

/**
 * What one MoE routing call is asked to do: which algorithm, and the knobs that shape its
 * decisions. One value instead of parallel parameters; every consumer (the MoE layer, trace
 * re-routing, benchmarks, FLOP counts, renderers) passes it to the algorithm unchanged. An
 * algorithm ignores the knobs it has no use for (experts-choose ignores {@code k} and {@code
 * batchPrioritized}).
 *
 * @param algorithm the algorithm's name (see {@link RoutingAlgorithm})
 * @param capacityFactor cf; slots per expert and group {@code C = max(round_half_even(cf * T / E),
 *     minCapacity)}
 * @param minCapacity floor of C, at least 0
 * @param k experts per token for top-k rules, at least 1
 * @param batchPrioritized process tokens by descending top-1 probability (tokens-choose)
 */
public record RoutingSpec(RoutingAlgorithm algorithm, double capacityFactor, int minCapacity, int k,
        boolean batchPrioritized) {

    public RoutingSpec {
        if (algorithm == null) {
            throw new IllegalArgumentException("a routing spec needs an algorithm; got null. Use for example "
                    + "RoutingAlgorithm.EXPERTS_CHOOSE or RoutingAlgorithm.of(\"my-rule\").");
        }
        if (!(capacityFactor > 0) || Double.isInfinite(capacityFactor) || minCapacity < 0 || k < 1) {
            throw new IllegalArgumentException("a routing spec needs a finite capacity factor > 0, minCapacity >= 0 "
                    + "and k >= 1; got cf=" + capacityFactor + ", minCapacity=" + minCapacity + ", k=" + k + ".");
        }
    }

    /** The routing of {@code c} in training ({@code true}) or evaluation. */
    public static RoutingSpec of(ModelConfig c, boolean training) {
        return new RoutingSpec(c.routingAlgorithm(), c.capacityFactor(training), c.minExpertCapacity(),
                c.numSelectedExperts(), c.batchPrioritizedRouting());
    }

    /** This spec under another algorithm. */
    public RoutingSpec withAlgorithm(RoutingAlgorithm a) {
        return new RoutingSpec(a, capacityFactor, minCapacity, k, batchPrioritized);
    }

    /** This spec at another capacity factor. */
    public RoutingSpec withCapacityFactor(double cf) {
        return new RoutingSpec(algorithm, cf, minCapacity, k, batchPrioritized);
    }

    /** This spec with another k. */
    public RoutingSpec withK(int newK) {
        return new RoutingSpec(algorithm, capacityFactor, minCapacity, newK, batchPrioritized);
    }

    /** This spec with batch-prioritized routing on or off. */
    public RoutingSpec withBatchPrioritized(boolean bpr) {
        return new RoutingSpec(algorithm, capacityFactor, minCapacity, k, bpr);
    }

    /** This spec with another capacity floor. */
    public RoutingSpec withMinCapacity(int min) {
        return new RoutingSpec(algorithm, capacityFactor, min, k, batchPrioritized);
    }
}
