package org.sparsemixerlab.config;

/**
 * Where the replacement layers (attention or MoE) go in the stack; the reference rule
 * {@code _is_replacement_layer} (SPEC 1.7).
 */
public enum LayerLayout {
    BOTTOM,
    MIDDLE,
    MIXED,
    TOP;

    /**
     * Whether layer {@code layer} (0-based) of {@code numLayers} is replaced when {@code
     * numReplaced} layers are requested with this layout.
     *
     * <p>MIXED replaces every {@code floor(N/n)}-th layer starting at 0, so it may replace more
     * layers than requested when N is not a multiple of n (N=14, n=4 gives 5 layers), exactly as
     * the reference does.
     */
    public boolean isReplaced(int layer, int numLayers, int numReplaced) {
        if (numReplaced <= 0) {
            return false;
        }
        return switch (this) {
            case BOTTOM -> layer < numReplaced;
            case MIDDLE -> numLayers - numReplaced <= 2 * layer && 2 * layer < numLayers + numReplaced;
            case MIXED -> layer % Math.max(1, numLayers / numReplaced) == 0;
            case TOP -> layer >= numLayers - numReplaced;
        };
    }
}
