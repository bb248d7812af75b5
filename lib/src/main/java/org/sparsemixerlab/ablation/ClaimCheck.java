package org.sparsemixerlab.ablation;

/**
 * The outcome of checking one {@link PaperClaim} against measured rows.
 *
 * @param verdict agrees, disagrees, cannot tell apart or inconclusive
 * @param reason the numbers behind the verdict, in words
 */
public record ClaimCheck(ClaimVerdict verdict, String reason) {

    /** An inconclusive check with its reason. */
    public static ClaimCheck inconclusive(String reason) {
        return new ClaimCheck(ClaimVerdict.INCONCLUSIVE, reason);
    }

    /** A one-character mark for tables: + agrees, x disagrees, = cannot tell apart, ? inconclusive. */
    public String mark() {
        return switch (verdict) {
            case AGREES -> "+";
            case DISAGREES -> "x";
            case CANNOT_TELL_APART -> "=";
            case INCONCLUSIVE -> "?";
        };
    }

    /** The verdict in words: agrees, disagrees, cannot tell apart, inconclusive. */
    public String words() {
        return switch (verdict) {
            case AGREES -> "agrees";
            case DISAGREES -> "disagrees";
            case CANNOT_TELL_APART -> "cannot tell apart";
            case INCONCLUSIVE -> "inconclusive";
        };
    }
}
