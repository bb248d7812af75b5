package org.sparsemixerlab.render;

import java.util.Locale;
import org.sparsemixerlab.config.RoutingAlgorithm;

/**
 * A routing algorithm with its knobs, for re-routing recorded router logits ({@code
 * RoutingTrace.Layer.reroute}).
 *
 * @param algorithm experts-choose or tokens-choose
 * @param capacityFactor cf (slots per expert = cf * tokens per group / experts)
 * @param k experts per token (tokens-choose)
 * @param batchPrioritized BPR order (tokens-choose)
 */
public record RoutingSetting(RoutingAlgorithm algorithm, double capacityFactor, int k, boolean batchPrioritized) {

    /** The accepted spellings, for usage messages. */
    public static final String SYNTAX = "experts[:CF] | tokens[:K][:bpr][:cf=CF] | cf:CF (experts-choose at CF)";

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

    /**
     * Parses {@code experts}, {@code experts:0.5}, {@code tokens:2}, {@code tokens:1:bpr:cf=1.25} or
     * {@code cf:0.5}; unspecified capacity factors are {@code defaultCf}.
     */
    public static RoutingSetting parse(String spec, double defaultCf) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "experts", "experts-choose" -> {
                    return expertsChoose(parts.length > 1 ? Double.parseDouble(parts[1].replace("cf=", "")) : defaultCf);
                }
                case "cf" -> {
                    if (parts.length != 2) {
                        break;
                    }
                    return expertsChoose(Double.parseDouble(parts[1]));
                }
                case "tokens", "tokens-choose" -> {
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
                    return tokensChoose(k, cf, bpr);
                }
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read a number in routing '" + spec + "'; expected " + SYNTAX, e);
        }
        throw new IllegalArgumentException("unknown routing '" + spec + "'; expected " + SYNTAX);
    }

    /** A short label, e.g. {@code experts-choose, cf 0.5} or {@code tokens-choose top-2 BPR, cf 1}. */
    public String label() {
        String cf = String.format(Locale.ROOT, "cf %s", trim(capacityFactor));
        return algorithm == RoutingAlgorithm.EXPERTS_CHOOSE ? "experts-choose, " + cf
                : "tokens-choose top-" + k + (batchPrioritized ? " BPR" : "") + ", " + cf;
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
