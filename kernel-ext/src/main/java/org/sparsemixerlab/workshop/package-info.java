/**
 * Exercise checkers for the teaching workshop ({@code notebooks/workshop/}). A participant writes a
 * small function in a notebook (a capacity rule, a top-k router, an experts-choose router, a
 * circulant mixer, a load-balancing loss, the FLOPs of a layer); a checker runs it on fixed cases chosen to expose the
 * typical mistakes and on seeded random cases, compares it with the library's implementation and
 * returns a {@link org.sparsemixerlab.workshop.CheckReport}: passed, not done yet (the stub still
 * throws), or the first failing case with its input, the expected and the received answer and a
 * hint in plain words. Reports render as {@code text/plain} and {@code text/html}.
 *
 * <p>Participant code works on plain Java arrays ({@code double[][]} logits {@code [TOKENS][EXPERTS]}),
 * so no NDArray knowledge is needed for the exercises. {@link org.sparsemixerlab.workshop.MatrixPicture}
 * draws mixing matrices (DFT, circulant, learned, attention) as images.
 */
package org.sparsemixerlab.workshop;
