/**
 * The Mixture-of-Experts feed-forward sublayer of the Sparse Mixer (SPEC section 2): router,
 * routing algorithms, expert capacity and group rules, the two dispatch forms (dense mask and index
 * gather), the auxiliary losses, the diversity metrics and an opt-in {@link
 * org.sparsemixerlab.moe.RoutingTrace} that records routing decisions for notebooks.
 *
 * <p>Routing algorithms are pluggable: a {@link org.sparsemixerlab.moe.Routing} turns router
 * logits {@code [G, T, E]} and a {@link org.sparsemixerlab.config.RoutingSpec} into a {@link
 * org.sparsemixerlab.moe.RoutingPlan}. {@link org.sparsemixerlab.moe.AbstractRouting} does the
 * shared steps (probabilities, capacity, losses) and asks an implementation only for its discrete
 * decisions, stated with the public {@link org.sparsemixerlab.moe.RoutingTable#builder}. The
 * built-ins (experts-choose, tokens-choose top-k with optional batch-prioritized routing) and any
 * rule registered at run time are found by name in {@link org.sparsemixerlab.moe.Routings}; the
 * configuration's {@code routing_algorithm} holds that name.
 *
 * <p>Routing is split in two: which token goes to which expert slot is a discrete decision made in
 * plain Java from the router probabilities copied off the native side ({@link
 * org.sparsemixerlab.moe.RoutingTable}), so ties and processing order follow the specification
 * exactly; everything that needs gradients (probabilities, combine weights, losses, expert
 * computation) stays on NDArrays.
 *
 * <p>Depends on {@code config} and the low {@code tensor} package only.
 */
package org.sparsemixerlab.moe;
