package org.sparsemixerlab.workshop;

/**
 * A tokens-choose top-k router's answer for one group of tokens.
 *
 * @param experts {@code [TOKENS][K]}: each token's chosen experts, most probable first
 * @param weights {@code [TOKENS][K]}: the router probability of each chosen expert (softmax over the
 *     token's experts, not renormalised over the chosen ones)
 */
public record TokenChoices(int[][] experts, double[][] weights) {}
