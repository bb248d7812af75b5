/**
 * Notebook magics of the Sparse Mixer kernel ({@code %lsmagic}, {@code %time}, {@code %timeit},
 * {@code %classpath}, {@code %load}, {@code %%html}, ...), installed by {@link
 * org.sparsemixerlab.magics.SmlMagicsExtension} through jjava-jupyter's Extension SPI. A later
 * extension registers its own magics on {@code kernel.getMagicsRegistry()} and describes them in
 * {@link org.sparsemixerlab.magics.MagicCatalog#shared()} so {@code %lsmagic} lists them.
 */
package org.sparsemixerlab.magics;
