package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/** Forward-only and forward+backward runs of an initialised block, as benchmark work. */
public final class BlockWorkloads {
    private BlockWorkloads() {}

    /** Inference: forward with training=false, then read one value so the work has finished. */
    public static Runnable forward(Block block, ParameterStore ps, NDList inputs) {
        return () -> block.forward(ps, inputs, false).head().sum().getFloat();
    }

    /**
     * Training work without the optimizer: forward with training=true and backward from the sum of
     * the first output (plus any scalar auxiliary outputs, so MoE losses are part of the graph).
     */
    public static Runnable forwardBackward(Block block, ParameterStore ps, NDList inputs) {
        return () -> {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = block.forward(ps, inputs, true);
                var loss = out.head().mean();
                for (int i = 1; i < out.size(); i++) {
                    if (out.get(i).getShape().dimension() == 0) {
                        loss = loss.add(out.get(i));
                    }
                }
                gc.backward(loss);
            }
        };
    }
}
