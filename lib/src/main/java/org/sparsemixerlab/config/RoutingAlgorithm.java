package org.sparsemixerlab.config;

/** How tokens and experts are matched in an MoE layer (SPEC 2.5, 2.6). */
public enum RoutingAlgorithm {
    /** Each expert takes its top-C tokens of the group (the Sparse Mixer default). */
    EXPERTS_CHOOSE,
    /** Each token picks its top-k experts; experts accept tokens until their capacity is full. */
    TOKENS_CHOOSE
}
