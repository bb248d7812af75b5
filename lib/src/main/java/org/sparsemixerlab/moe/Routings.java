package org.sparsemixerlab.moe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * The routing algorithms known by name: the two built-ins ({@code experts-choose}, {@code
 * tokens-choose}) and any registered at run time, for example from a notebook cell with {@code
 * Routings.register("my-rule", new MyRule())}. A configuration names its algorithm by this name
 * ({@code routing_algorithm: my-rule}); the MoE layer, trace re-routing, benchmarks and FLOP counts
 * look it up here. Names follow {@link RoutingAlgorithm}: case-insensitive, {@code -} equals
 * {@code _}. Thread-safe.
 */
public final class Routings {
    private static final Map<RoutingAlgorithm, Routing> REGISTERED = new LinkedHashMap<>();

    static {
        register(RoutingAlgorithm.EXPERTS_CHOOSE, ExpertsChooseRouting.INSTANCE);
        register(RoutingAlgorithm.TOKENS_CHOOSE, TokensChooseRouting.INSTANCE);
    }

    private Routings() {}

    /**
     * Registers (or replaces) the algorithm with this name.
     *
     * @return the name as the configuration stores it
     */
    public static RoutingAlgorithm register(String name, Routing routing) {
        return register(RoutingAlgorithm.of(name), routing);
    }

    /** Registers (or replaces) the algorithm with this name. */
    public static synchronized RoutingAlgorithm register(RoutingAlgorithm name, Routing routing) {
        if (routing == null) {
            throw new IllegalArgumentException("cannot register routing '" + name.label() + "': the implementation "
                    + "is null. Pass an instance, e.g. Routings.register(\"" + name.label() + "\", new MyRule()).");
        }
        REGISTERED.put(name, routing);
        RoutingAlgorithm.declare(name, routing::expertsPerToken);
        return name;
    }

    /** The implementation registered under {@code name} (any spelling). */
    public static Routing get(String name) {
        return get(RoutingAlgorithm.of(name));
    }

    /**
     * The implementation registered under {@code name}.
     *
     * @throws IllegalArgumentException naming the known algorithms when none is registered
     */
    public static synchronized Routing get(RoutingAlgorithm name) {
        Routing r = REGISTERED.get(name);
        if (r == null) {
            throw new IllegalArgumentException(name.unknownMessage());
        }
        return r;
    }

    /** The implementation for a spec's algorithm. */
    public static Routing of(RoutingSpec spec) {
        return get(spec.algorithm());
    }

    /** Whether an implementation is registered under {@code name}. */
    public static synchronized boolean contains(RoutingAlgorithm name) {
        return REGISTERED.containsKey(name);
    }

    /** Registered names, built-ins first, then in registration order. */
    public static synchronized List<RoutingAlgorithm> names() {
        return new ArrayList<>(REGISTERED.keySet());
    }
}
