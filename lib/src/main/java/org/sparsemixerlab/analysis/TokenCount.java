package org.sparsemixerlab.analysis;

/**
 * One token's share of an expert.
 *
 * @param id token id
 * @param piece its word piece
 * @param inExpert sample tokens with this id whose top expert is the expert
 * @param inSample sample tokens with this id
 * @param lift {@code (inExpert / expert's tokens) / (inSample / sample tokens)}: 1 is the base rate
 */
public record TokenCount(int id, String piece, long inExpert, long inSample, double lift) {}
