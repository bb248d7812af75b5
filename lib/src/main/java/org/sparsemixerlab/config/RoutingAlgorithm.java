package org.sparsemixerlab.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The name of a routing algorithm (SPEC 2.5, 2.6), as the configuration's {@code routing_algorithm}
 * holds it. A value, not an enum: the two built-ins are constants, and any algorithm registered at
 * run time ({@code org.sparsemixerlab.moe.Routings.register("my-rule", impl)}) has a name too.
 *
 * <p>Names compare case-insensitively with {@code -} and {@code _} equal: {@code my-rule}, {@code
 * MY_RULE} and {@code My-Rule} are one name, stored as {@code MY_RULE} (so configurations written
 * before this was an enum read and write exactly as they did). {@link #label()} gives the lower-case
 * dashed form for display ({@code experts-choose}).
 *
 * <p>The catalogue of declared names lives here so that configuration validation and size
 * estimates ({@link ModelSize}) can check a name without depending on the MoE package; the MoE
 * package's registry declares every algorithm it registers (built-ins included).
 *
 * @param name canonical upper-case name, letters, digits and underscores
 */
public record RoutingAlgorithm(String name) {
    /** Each expert takes its top-C tokens of the group (the Sparse Mixer default). */
    public static final RoutingAlgorithm EXPERTS_CHOOSE = new RoutingAlgorithm("EXPERTS_CHOOSE");
    /** Each token picks its top-k experts; experts accept tokens until their capacity is full. */
    public static final RoutingAlgorithm TOKENS_CHOOSE = new RoutingAlgorithm("TOKENS_CHOOSE");

    private static final String REGISTRY_CLASS = "org.sparsemixerlab.moe.Routings";
    private static final Map<String, ToDoubleFunction<RoutingSpec>> DECLARED = new LinkedHashMap<>();

    public RoutingAlgorithm {
        if (name == null || !name.matches("[A-Z0-9_]+") || name.startsWith("_")) {
            throw new IllegalArgumentException("a routing algorithm name is letters, digits, '-' or '_' and starts "
                    + "with a letter or digit; got '" + name + "'. Use for example experts-choose or my-rule.");
        }
    }

    /** The algorithm with this name in any spelling ({@code tokens-choose}, {@code TOKENS_CHOOSE}). */
    @JsonCreator
    public static RoutingAlgorithm of(String name) {
        if (name == null) {
            throw new IllegalArgumentException("routing algorithm name is missing; use for example experts-choose");
        }
        return new RoutingAlgorithm(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The canonical name, as written to JSON ({@code EXPERTS_CHOOSE}). */
    @JsonValue
    @Override
    public String name() {
        return name;
    }

    /** Lower-case dashed form for display: {@code experts-choose}, {@code my-rule}. */
    public String label() {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Declares a name with the expected number of experts that process one token under a spec
     * (used for FLOP estimates). Called by the MoE package's registry; a later declaration of the
     * same name replaces the earlier one.
     */
    public static synchronized void declare(RoutingAlgorithm algorithm, ToDoubleFunction<RoutingSpec> expertsPerToken) {
        DECLARED.put(algorithm.name(), expertsPerToken);
    }

    /** Whether an implementation with this name is registered. */
    public boolean isDeclared() {
        loadRegistry();
        synchronized (RoutingAlgorithm.class) {
            return DECLARED.containsKey(name);
        }
    }

    /** Every declared name, in declaration order (built-ins first). */
    public static List<RoutingAlgorithm> declared() {
        loadRegistry();
        synchronized (RoutingAlgorithm.class) {
            List<RoutingAlgorithm> out = new ArrayList<>();
            DECLARED.keySet().forEach(n -> out.add(new RoutingAlgorithm(n)));
            return out;
        }
    }

    /** Declared names as labels, comma-separated, for messages. */
    public static String declaredLabels() {
        return String.join(", ", declared().stream().map(RoutingAlgorithm::label).toList());
    }

    /**
     * Average number of experts that process one token under {@code spec}, as the algorithm
     * declared it.
     *
     * @throws IllegalArgumentException when the algorithm is not registered
     */
    public static double expertsPerToken(RoutingSpec spec) {
        loadRegistry();
        ToDoubleFunction<RoutingSpec> f;
        synchronized (RoutingAlgorithm.class) {
            f = DECLARED.get(spec.algorithm().name());
        }
        if (f == null) {
            throw new IllegalArgumentException(spec.algorithm().unknownMessage());
        }
        return f.applyAsDouble(spec);
    }

    /** The error text for a name nobody registered. */
    public String unknownMessage() {
        return "no routing algorithm named '" + label() + "' is registered; known: " + declaredLabels()
                + ". Register one with Routings.register(\"" + label() + "\", new MyRouting()) first.";
    }

    /**
     * Makes sure the MoE registry (which declares the built-ins) is initialised. By name, so that
     * this package keeps no compile-time dependency on the MoE package.
     */
    private static void loadRegistry() {
        try {
            Class.forName(REGISTRY_CLASS, true, RoutingAlgorithm.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the routing registry " + REGISTRY_CLASS + " is missing from the class path",
                    e);
        }
    }
}
