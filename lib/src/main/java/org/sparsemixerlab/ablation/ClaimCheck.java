package org.sparsemixerlab.ablation;

/**
 * The outcome of checking one {@link PaperClaim} against measured rows.
 *
 * @param verdict agrees, disagrees or inconclusive
 * @param reason the numbers behind the verdict, in words
 */
public record ClaimCheck(ClaimVerdict verdict, String reason) {

    /** An inconclusive check with its reason. */
    public static ClaimCheck inconclusive(String reason) {
        return new ClaimCheck(ClaimVerdict.INCONCLUSIVE, reason);
    }

    /** A one-character mark for tables: + agrees, x disagrees, ? inconclusive. */
    public String mark() {
        return switch (verdict) {
            case AGREES -> "+";
            case DISAGREES -> "x";
            case INCONCLUSIVE -> "?";
        };
    }
}
