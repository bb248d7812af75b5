/**
 * Token-mixing sublayers of the Sparse Mixer encoder (SPEC 1.4): the parameter-free Fourier and
 * Hartley mixers, the learned linear, circulant and Toeplitz mixers, and multi-head
 * self-attention, plus the factory {@link org.sparsemixerlab.mixing.Mixers} that picks one per
 * layer.
 *
 * <p>Every mixer maps {@code [BATCH, SEQ, D_MODEL]} to {@code [BATCH, SEQ, D_MODEL]} and accepts
 * {@code NDList(x)} or {@code NDList(x, tokenMask)}; only attention uses the mask. Each block keeps
 * its arithmetic in a public static function ({@code mix} / {@code attend}) that tests call
 * directly. Results land in the manager of the input {@code x}, never in the manager of the
 * parameters or cached constants, so a per-step sub-manager or {@code NDScope} frees them.
 */
package org.sparsemixerlab.mixing;
