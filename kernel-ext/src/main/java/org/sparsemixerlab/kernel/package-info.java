/**
 * The "Java (Sparse Mixer)" Jupyter kernel on jjava-jupyter: {@link org.sparsemixerlab.kernel.SmlKernel}
 * (JShell, in-process, one cell thread), the {@link org.sparsemixerlab.kernel.Notebook} functions
 * imported into cells, the headless {@link org.sparsemixerlab.kernel.NotebookRunner} and
 * {@link org.sparsemixerlab.kernel.Main} ({@code kernel} and {@code run} sub-commands).
 */
package org.sparsemixerlab.kernel;
