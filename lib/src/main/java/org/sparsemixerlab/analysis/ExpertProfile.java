package org.sparsemixerlab.analysis;

import java.util.List;

/**
 * What one expert of one layer takes.
 *
 * @param expert expert index
 * @param tokens sample tokens whose top expert it is
 * @param share {@code tokens / sample tokens}
 * @param frequent its most frequent tokens, most first
 * @param lifted tokens with the highest lift (at least {@link Specialization#MIN_LIFT_COUNT} of them in the expert)
 * @param verdict a short sentence derived from the class lifts ({@link Specialization#verdict})
 */
public record ExpertProfile(int expert, long tokens, double share, List<TokenCount> frequent, List<TokenCount> lifted,
        String verdict) {

    public ExpertProfile {
        frequent = List.copyOf(frequent);
        lifted = List.copyOf(lifted);
    }
}
