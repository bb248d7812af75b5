package org.sparsemixerlab.render;

import java.util.Locale;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;
import org.sparsemixerlab.moe.Routings;

/**
 * A routing algorithm with its knobs as a user types it ({@code %routing --compare tokens:2}), for
 * re-routing recorded router logits. Any algorithm registered in {@link Routings} is accepted by
 * name; {@link #toSpec} turns the setting into the library's {@link RoutingSpec}.
 *
 * @param algorithm a registered algorithm (experts-choose, tokens-choose or one registered at run time)
 * @param capacityFactor cf (slots per expert = cf * tokens per group / experts)
 * @param k experts per token (top-k rules)
 * @param batchPrioritized BPR order (tokens-choose)
 */
public record RoutingSetting(RoutingAlgorithm algorithm, double capacityFactor, int k, boolean batchPrioritized) {

    /** The accepted spellings, for usage messages. */
    public static final String SYNTAX = "experts[:CF] | tokens[:K][:bpr][:cf=CF] | cf:CF (experts-choose at CF)"
            + " | NAME[:K][:bpr][:cf=CF] (a routing registered with Routings.register)";

    public RoutingSetting {
        if (!(capacityFactor > 0) || k < 1) {
            throw new IllegalArgumentException("capacity factor must be > 0 and k >= 1; got cf " + capacityFactor
                    + ", k " + k);
        }
    }

    /** Experts-choose at capacity factor {@code cf}. */
    public static RoutingSetting expertsChoose(double cf) {
        return new RoutingSetting(RoutingAlgorithm.EXPERTS_CHOOSE, cf, 1, false);
    }

    /** Tokens-choose top-{@code k} at capacity factor {@code cf}. */
    public static RoutingSetting tokensChoose(int k, double cf, boolean bpr) {
        return new RoutingSetting(RoutingAlgorithm.TOKENS_CHOOSE, cf, k, bpr);
    }

    /** The setting a recorded spec stands for. */
    public static RoutingSetting of(RoutingSpec spec) {
        return new RoutingSetting(spec.algorithm(), spec.capacityFactor(), spec.k(), spec.batchPrioritized());
    }

    /** The library spec of this setting, with the capacity floor of the layer it re-routes. */
    public RoutingSpec toSpec(int minCapacity) {
        return new RoutingSpec(algorithm, capacityFactor, minCapacity, k, batchPrioritized);
    }

    /**
     * Parses {@code experts}, {@code experts:0.5}, {@code tokens:2}, {@code tokens:1:bpr:cf=1.25},
     * {@code cf:0.5} or the name of a registered routing with the same options as {@code tokens}
     * ({@code my-rule:cf=0.5}); unspecified capacity factors are {@code defaultCf}.
     */
    public static RoutingSetting parse(String spec, double defaultCf) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "experts", "experts-choose", "experts_choose" -> {
                    return expertsChoose(parts.length > 1 ? Double.parseDouble(parts[1].replace("cf=", "")) : defaultCf);
                }
                case "cf" -> {
                    if (parts.length != 2) {
                        break;
                    }
                    return expertsChoose(Double.parseDouble(parts[1]));
                }
                default -> {
                    RoutingAlgorithm algorithm = parts[0].equals("tokens") ? RoutingAlgorithm.TOKENS_CHOOSE
                            : registered(parts[0], spec);
                    int k = 1;
                    boolean bpr = false;
                    double cf = defaultCf;
                    for (int i = 1; i < parts.length; i++) {
                        if (parts[i].equals("bpr")) {
                            bpr = true;
                        } else if (parts[i].startsWith("cf=")) {
                            cf = Double.parseDouble(parts[i].substring(3));
                        } else {
                            k = Integer.parseInt(parts[i]);
                        }
                    }
                    return new RoutingSetting(algorithm, cf, k, bpr);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read a number in routing '" + spec + "'; expected " + SYNTAX, e);
        }
        throw new IllegalArgumentException("unknown routing '" + spec + "'; expected " + SYNTAX);
    }

    private static RoutingAlgorithm registered(String name, String spec) {
        RoutingAlgorithm a;
        try {
            a = RoutingAlgorithm.of(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown routing '" + spec + "'; expected " + SYNTAX, e);
        }
        if (!Routings.contains(a)) {
            throw new IllegalArgumentException("unknown routing '" + spec + "'; expected " + SYNTAX
                    + "; registered routings: " + RoutingAlgorithm.declaredLabels());
        }
        return a;
    }

    /**
     * A short label, e.g. {@code experts-choose, cf 0.5}, {@code tokens-choose top-2 BPR, cf 1} or
     * {@code my-rule, cf 1} (a registered rule shows its k only when above 1, and no BPR flag).
     */
    public String label() {
        String cf = String.format(Locale.ROOT, "cf %s", trim(capacityFactor));
        if (algorithm.equals(RoutingAlgorithm.EXPERTS_CHOOSE)) {
            return "experts-choose, " + cf;
        }
        if (algorithm.equals(RoutingAlgorithm.TOKENS_CHOOSE)) {
            return "tokens-choose top-" + k + (batchPrioritized ? " BPR" : "") + ", " + cf;
        }
        // A registered rule reads k and BPR from the spec only if it wants to; the label shows k when
        // it differs from 1 and leaves BPR (a tokens-choose knob) out.
        return algorithm.label() + (k > 1 ? " k=" + k : "") + ", " + cf;
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
