package org.sparsemixerlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.config.Architecture;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.mixing.Mixers;

/**
 * One mixing layer of every mechanism at {@code L = 512, d = 512} (attention included), forward
 * and forward+backward, measured interleaved in one run, with the speed ratio to attention.
 *
 * <p>Run: {@code mvn -q -pl lib exec:java -Dexec.mainClass=org.sparsemixerlab.bench.MixingBenchmark
 * [-Dexec.args="batch reps"]}.
 */
public final class MixingBenchmark {
    private MixingBenchmark() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int len = 512;
        int d = 512;
        System.out.println(BenchTable.environment());
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(0);
            NDArray x = manager.randomNormal(new Shape(batch, len, d));
            // Inside a model every mixer back-propagates into the layer below, so the input needs a
            // gradient too (and parameter-free mixers would otherwise have nothing to differentiate).
            x.setRequiresGradient(true);
            NDArray mask = manager.ones(new Shape(batch, len), DataType.FLOAT32);
            NDList inputs = new NDList(x, mask);
            ParameterStore ps = new ParameterStore(manager, false);
            List<Stopwatch.Contender> fwd = new ArrayList<>();
            List<Stopwatch.Contender> train = new ArrayList<>();
            ModelConfig base = ModelConfig.builder().maxSeqLength(len).dModel(d).dEmb(d).build();
            add(fwd, train, "attention (8 heads)", Mixers.forLayer(base, true), manager, inputs, batch * len);
            for (Architecture arch : List.of(Architecture.F_NET, Architecture.H_NET, Architecture.LINEAR,
                    Architecture.C_NET, Architecture.T_NET)) {
                for (boolean fft : arch.hasFftForm() ? List.of(false, true) : List.of(false)) {
                    ModelConfig c = base.toBuilder().architecture(arch).useFft(fft).build();
                    add(fwd, train, arch.mixerName() + (arch.hasFftForm() ? (fft ? " (fft)" : " (matmul)") : ""),
                            Mixers.forLayer(c, false), manager, inputs, batch * len);
                }
            }
            List<Measurement> f = Stopwatch.interleaved(fwd, 2, reps);
            List<Measurement> t = Stopwatch.interleaved(train, 2, reps);
            String shape = "B=" + batch + ", L=" + len + ", d=" + d + ", median of " + reps;
            System.out.println(BenchTable.format("One mixing layer, forward only (" + shape + ")", f, f.get(0)));
            System.out.println(BenchTable.format("One mixing layer, forward+backward (" + shape + ")", t, t.get(0)));
        }
    }

    private static void add(List<Stopwatch.Contender> fwd, List<Stopwatch.Contender> train, String name,
            Block block, NDManager manager, NDList inputs, long tokens) {
        block.initialize(manager, DataType.FLOAT32, inputs.getShapes());
        ParameterStore ps = new ParameterStore(manager, false);
        fwd.add(new Stopwatch.Contender(name, tokens, BlockWorkloads.forward(block, ps, inputs)));
        train.add(new Stopwatch.Contender(name, tokens, BlockWorkloads.forwardBackward(block, ps, inputs)));
    }
}
