package org.sparsemixerlab.moe;

/**
 * One (token, expert) pairing proposed by a routing algorithm, kept or dropped.
 *
 * @param group routing group g
 * @param token token index t inside the group
 * @param expert expert e
 * @param choice rank of this pairing among the token's pairings: for tokens-choose the k-th
 *     choice (0 = top-1), for experts-choose the rank by descending probability among the experts
 *     that picked the token
 * @param slot position in the expert's buffer; for a dropped tokens-choose choice the position it
 *     would have had ({@code >= capacity})
 * @param weight router probability {@code P[g, t, e]} (the combine weight when kept)
 * @param dropped true when the expert was already full (tokens-choose only)
 */
public record Assignment(int group, int token, int expert, int choice, int slot, float weight, boolean dropped) {}
