package org.sparsemixerlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.model.SparseMixerEncoder;

/**
 * Whole encoders (embeddings, blocks, pooler; no pre-training heads) of several presets at their
 * full length, forward and forward+backward, interleaved in one run, with speed ratios to the
 * first preset and the analytic FLOP ratio beside them.
 *
 * <p>Run: {@code mvn -q -pl lib exec:java -Dexec.mainClass=org.sparsemixerlab.bench.EncoderBenchmark
 * -Dexec.args="batch reps preset..."}; defaults: batch 2, 5 repetitions, bert-base sparse-mixer-base
 * fast-sparse-mixer-base.
 */
public final class EncoderBenchmark {
    private EncoderBenchmark() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> presets = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("bert-base", "sparse-mixer-base", "fast-sparse-mixer-base");
        System.out.println(BenchTable.environment());
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(0);
            List<Stopwatch.Contender> fwd = new ArrayList<>();
            List<Stopwatch.Contender> train = new ArrayList<>();
            StringBuilder flops = new StringBuilder("Analytic forward GFLOP per sequence:");
            for (String name : presets) {
                ModelConfig c = Presets.get(name);
                int len = c.maxSeqLength();
                NDArray ids = manager.randomInteger(1, c.vocabSize(), new Shape(batch, len), DataType.INT64);
                NDArray types = manager.zeros(new Shape(batch, len), DataType.INT64);
                NDArray mask = manager.ones(new Shape(batch, len), DataType.FLOAT32);
                NDList inputs = new NDList(ids, types, mask);
                SparseMixerEncoder encoder = new SparseMixerEncoder(c);
                encoder.initialize(manager, DataType.FLOAT32, inputs.getShapes());
                ParameterStore ps = new ParameterStore(manager, false);
                fwd.add(new Stopwatch.Contender(name, (long) batch * len, BlockWorkloads.forward(encoder, ps, inputs)));
                train.add(new Stopwatch.Contender(name, (long) batch * len,
                        BlockWorkloads.forwardBackward(encoder, ps, inputs)));
                flops.append(String.format(" %s %.1f;", name, ModelSize.of(c).encoderFlopsPerToken() * len / 1e9));
            }
            List<Measurement> f = Stopwatch.interleaved(fwd, 1, reps);
            List<Measurement> t = Stopwatch.interleaved(train, 1, reps);
            System.out.println(flops);
            System.out.println(BenchTable.format("Encoder inference (forward, batch " + batch + ")", f, f.get(0)));
            System.out.println(BenchTable.format("Encoder training work (forward+backward, no optimizer, batch "
                    + batch + ")", t, t.get(0)));
        }
    }
}
