/**
 * Notebook magics of the Sparse Mixer kernel ({@code %lsmagic}, {@code %time}, {@code %timeit},
 * {@code %classpath}, {@code %load}, {@code %%html}, ...), installed by {@link
 * org.sparsemixerlab.magics.SmlMagicsExtension} through jjava-jupyter's Extension SPI. A later
 * extension registers its own magics on {@code kernel.getMagicsRegistry()} and describes them in
 * {@link org.sparsemixerlab.magics.MagicCatalog#shared()} so {@code %lsmagic} lists them.
 *
 * <p>The lab magics are thin layers over public calls a cell can make directly: {@code %%smconfig}
 * over {@link org.sparsemixerlab.magics.ConfigCell}, {@code %routing} over {@link
 * org.sparsemixerlab.magics.RoutingView}, {@code %train} over {@link
 * org.sparsemixerlab.magics.LiveTraining}, {@code %ablate} over the library's {@code StudyRunner} and
 * {@code StudySummary} ({@link org.sparsemixerlab.magics.AblateMagic}); state shared between cells lives in {@link
 * org.sparsemixerlab.magics.LabSession}. Bad arguments raise {@link
 * org.sparsemixerlab.magics.MagicUsageException}, printed as a usage line, never as a stack trace.
 */
package org.sparsemixerlab.magics;
