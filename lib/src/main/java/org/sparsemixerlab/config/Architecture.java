package org.sparsemixerlab.config;

/**
 * The token-mixing mechanism of the non-attention layers (SPEC 1.4). The names are the reference
 * code's {@code model_arch} enum names.
 */
public enum Architecture {
    /** Multi-head self-attention in every layer: the BERT baseline. */
    BERT(false, "attention"),
    /** Parameter-free 2-D Fourier transform, real part (FNet). */
    F_NET(true, "fourier"),
    /** Parameter-free 2-D Hartley transform, Re - Im of the 2-D DFT. */
    H_NET(true, "hartley"),
    /** Learned dense matrices along sequence and hidden axes (the Sparse Mixer default). */
    LINEAR(false, "linear"),
    /** Learned circulant matrices along both axes. */
    C_NET(true, "circulant"),
    /** Learned Toeplitz matrices along both axes. */
    T_NET(true, "toeplitz");

    private final boolean hasFftForm;
    private final String mixerName;

    Architecture(boolean hasFftForm, String mixerName) {
        this.hasFftForm = hasFftForm;
        this.mixerName = mixerName;
    }

    /** Whether {@code use_fft} selects a different (FFT) computation for this mixer. */
    public boolean hasFftForm() {
        return hasFftForm;
    }

    /** A short lower-case name of the mixer, used in layer maps and tables. */
    public String mixerName() {
        return mixerName;
    }
}
