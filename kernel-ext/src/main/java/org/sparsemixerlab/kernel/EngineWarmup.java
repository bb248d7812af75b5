package org.sparsemixerlab.kernel;

import ai.djl.engine.Engine;

/**
 * Thread-init hook of every cell thread: starts the DJL engine (so its native libraries load before
 * the first cell and its log lines go to the kernel log, not to a cell) and turns PyTorch grad mode
 * off on this thread. Grad mode is thread-local and on by default on every thread but the one that
 * started the engine, which would make inference cells record autograd graphs outside any
 * GradientCollector. Never throws: a failure here must not kill the cell thread.
 */
final class EngineWarmup {
    private EngineWarmup() {
    }

    static void onCellThread() {
        try {
            Engine engine = Engine.getInstance();
            if ("PyTorch".equals(engine.getEngineName())) {
                ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            }
        } catch (Throwable t) {
            System.err.println("sml-kernel: DJL engine did not start on the cell thread: " + t);
        }
    }
}
