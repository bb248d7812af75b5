package org.sparsemixerlab.mixing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import java.util.LinkedHashMap;
import java.util.Map;

/** Initializes, runs and differentiates blocks in tests. */
final class BlockRunner {
    private BlockRunner() {}

    static void initialize(Block block, NDManager manager, NDArray x) {
        block.initialize(manager, DataType.FLOAT32, x.getShape());
    }

    static NDArray forward(Block block, NDManager manager, boolean training, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), training)
                .singletonOrThrow();
    }

    /**
     * Gradients of {@code sum(g * block(x))} with respect to every parameter, as doubles, keyed
     * by parameter name.
     */
    static Map<String, double[]> gradients(
            Block block, NDManager manager, NDArray x, NDArray g) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = forward(block, manager, true, x);
            collector.backward(y.mul(g).sum());
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        block.getParameters().forEach(pair -> {
            try (NDArray grad = pair.getValue().getArray().getGradient()) {
                out.put(pair.getKey(), MixingReference.toDoubles(grad));
            }
        });
        return out;
    }

    static double[] values(Block block, String name) {
        return MixingReference.toDoubles(block.getParameters().get(name).getArray());
    }
}
