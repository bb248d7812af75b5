package org.sparsemixerlab.config;

/**
 * How routed tokens are moved to and from the experts. Both forms compute the same numbers (tests
 * pin this); they differ only in speed and memory.
 */
public enum DispatchForm {
    /** Dense 0/1 dispatch and combine tensors {@code [G, T, E, C]} contracted by matrix products. */
    MASK,
    /** Gather tokens into expert slots by index and scatter the weighted outputs back. */
    INDEX
}
