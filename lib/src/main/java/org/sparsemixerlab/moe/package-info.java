/**
 * The Mixture-of-Experts feed-forward sublayer of the Sparse Mixer (SPEC section 2): router,
 * routing algorithms (experts-choose, tokens-choose top-k with optional batch-prioritized routing),
 * expert capacity and group rules, the two dispatch forms (dense mask and index gather), the
 * auxiliary losses, the diversity metrics and an opt-in {@link org.sparsemixerlab.moe.RoutingTrace}
 * that records routing decisions for notebooks.
 *
 * <p>Routing is split in two: which token goes to which expert slot is a discrete decision made in
 * plain Java from the router probabilities copied off the native side ({@link
 * org.sparsemixerlab.moe.RoutingTable}), so ties and processing order follow the specification
 * exactly; everything that needs gradients (probabilities, combine weights, losses, expert
 * computation) stays on NDArrays.
 */
package org.sparsemixerlab.moe;
