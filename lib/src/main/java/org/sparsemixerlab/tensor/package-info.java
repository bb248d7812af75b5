/**
 * The lowest layer of the library: small NDArray helpers shared by {@code mixing}, {@code moe} and
 * {@code model} that DJL does not provide in a form that is safe for training: scalar arithmetic
 * that keeps the autograd graph intact ({@link org.sparsemixerlab.tensor.ScalarArithmetic}), the
 * reference's GELU ({@link org.sparsemixerlab.tensor.Activations}) and parameter initialisers
 * ({@link org.sparsemixerlab.tensor.Weights}). It depends on DJL only, so every model package can
 * use it without depending on another.
 */
package org.sparsemixerlab.tensor;
