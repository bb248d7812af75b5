package org.sparsemixerlab.ablation;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's CPU thread counts. The intra-op count can change at any time; the inter-op count only
 * before the engine first runs work, which is why {@link #requestBeforeEngineLoads(int)} also sets
 * DJL's system properties ({@code ai.djl.pytorch.num_threads}, {@code
 * ai.djl.pytorch.num_interop_threads}), read when the engine loads.
 */
public final class EngineThreads {
    /** DJL's system property for intra-op threads, read when the PyTorch engine loads. */
    public static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";
    /** DJL's system property for inter-op threads, read when the PyTorch engine loads. */
    public static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private EngineThreads() {}

    /**
     * Asks for {@code threads} intra-op and inter-op threads. Call before anything touches the
     * engine (the command line does so first thing); the intra-op count is also applied directly
     * later by {@link #apply(int)}.
     */
    public static void requestBeforeEngineLoads(int threads) {
        check(threads);
        System.setProperty(INTRA_OP_PROPERTY, Integer.toString(threads));
        System.setProperty(INTER_OP_PROPERTY, Integer.toString(threads));
    }

    /** Sets the intra-op thread count of the running engine. */
    public static void apply(int threads) {
        check(threads);
        JniUtils.setNumThreads(threads);
    }

    /** The intra-op thread count PyTorch uses now. */
    public static int current() {
        return JniUtils.getNumThreads();
    }

    private static void check(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads needs a count of at least 1, received " + threads);
        }
    }
}
