package org.sparsemixerlab.moe;

/** Group count and expert capacity rules of the reference MoE layer (SPEC 2.2, 2.3). */
public final class ExpertCapacity {
    private ExpertCapacity() {}

    /**
     * Expert capacity {@code C = max(round_half_even(cf * T / E), minCapacity)}. Python's {@code
     * round} rounds half to even, hence {@link Math#rint} (4.5 gives 4, 2.5 gives 2).
     *
     * @param capacityFactor cf, positive
     * @param tokensPerGroup T, positive
     * @param experts E, positive
     * @param minCapacity floor of the capacity, at least 0
     * @return the number of slots per expert and group
     */
    public static int capacity(double capacityFactor, int tokensPerGroup, int experts, int minCapacity) {
        if (!(capacityFactor > 0) || tokensPerGroup <= 0 || experts <= 0 || minCapacity < 0) {
            throw new IllegalArgumentException("capacity needs capacityFactor > 0, tokensPerGroup > 0, "
                    + "experts > 0 and minCapacity >= 0; got cf=" + capacityFactor + ", T="
                    + tokensPerGroup + ", E=" + experts + ", min=" + minCapacity
                    + ". Check the capacity factors and num_experts in the configuration.");
        }
        long rounded = (long) Math.rint(capacityFactor * tokensPerGroup / experts);
        return (int) Math.max(rounded, minCapacity);
    }

    /**
     * Number of routing groups G: the smallest integer at least {@code max(1, floor(tokens /
     * maxGroupSize))} that divides {@code tokens} (SPEC 2.2).
     *
     * @param tokens all tokens of the batch, {@code BATCH * SEQ}
     * @param maxGroupSize the largest allowed group
     * @return G, so that every group holds {@code tokens / G} tokens
     */
    public static int numGroups(int tokens, int maxGroupSize) {
        if (tokens <= 0 || maxGroupSize <= 0) {
            throw new IllegalArgumentException("numGroups needs tokens > 0 and maxGroupSize > 0; got tokens="
                    + tokens + ", maxGroupSize=" + maxGroupSize + ". Pass a non-empty batch and a positive "
                    + "max_group_size.");
        }
        int g = Math.max(1, tokens / maxGroupSize);
        while (tokens % g != 0) {
            g++;
        }
        return g;
    }
}
