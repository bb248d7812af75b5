package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.model.DeviceOption;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.NativeHeap;
import org.sparsemixerlab.train.RunProvenance;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * The paper's speed comparison (issue 8), side by side in one run: pre-training steps (exactly the
 * training loop's step: forward, losses, backward, clipping, AdamW) and inference (forward of the
 * pre-training model, training=false) of BERT and the Sparse Mixers at full length, interleaved,
 * with tokens/s, the speed ratio to the first preset and the paper's ratio beside it; the
 * machine's float32 matmul speed at the models' GEMM shapes measured in the same run; model FLOPs
 * utilisation (analytic encoder FLOPs from the configuration, training = 3 x forward, heads not
 * counted, over the median time and the measured peak); and a per-sublayer breakdown.
 *
 * <p>Run: {@code mvn -q -pl lib exec:java -Dexec.mainClass=org.sparsemixerlab.bench.BaseScaleBenchmark
 * -Dexec.args="--json base.json"}; options in {@link SpeedRaceOptions#USAGE}.
 */
public final class BaseScaleBenchmark {

    /** Speed-ups the paper reports over BERT Base (training, inference), by preset family. */
    static double[] paperSpeedup(String preset) {
        if (preset.startsWith("fast-sparse-mixer-")) {
            return new double[] {1.89, 1.98};
        }
        if (preset.startsWith("sparse-mixer-")) {
            return new double[] {1.65, 1.61};
        }
        return null;
    }

    /**
     * One contender in one mode.
     *
     * @param batch sequences per forward pass
     * @param accumulation forward+backward passes per training update (1 for inference)
     * @param mfu analytic FLOPs per second over the measured matmul peak
     * @param paperSpeedup the paper's ratio to BERT Base, null when it reports none
     */
    public record ContenderResult(String preset, String mode, int batch, int accumulation, long tokensPerStep, double medianMs,
            double minMs, double maxMs, double tokensPerSecond, double speedupOverBaseline, Double paperSpeedup,
            double analyticGflopPerStep, double mfu, double[] samplesMs) {}

    /** Everything one batch size measured. */
    public record Race(int batch, List<MatmulPeak.Result> matmul, double peakGflops, List<ContenderResult> results,
            Map<String, SublayerBreakdown.Result> breakdowns) {}

    /** Results and where they came from. */
    public record Report(Map<String, String> provenance, List<Race> races) {}

    private BaseScaleBenchmark() {}

    public static void main(String[] args) throws IOException {
        SpeedRaceOptions o = SpeedRaceOptions.parse(args);
        // Thread counts must be set before the engine starts.
        if (o.intraOpThreads() > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(o.intraOpThreads()));
        }
        if (o.interOpThreads() > 0 && System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(o.interOpThreads()));
        }
        DeviceOption device = DeviceOption.parse(o.device());
        if (device.fellBack()) {
            System.out.println(device.note());
        }
        Map<String, String> provenance = provenance(o, device);
        provenance.forEach((k, v) -> System.out.println(k + ": " + v));
        List<Race> races = new ArrayList<>();
        for (int batch : o.batchSizes()) {
            Race race = race(o, device, batch);
            races.add(race);
            System.out.println(SpeedRaceTables.format(race));
        }
        if (o.json() != null) {
            Path parent = o.json().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(o.json(), ConfigJson.mapper().writeValueAsString(new Report(provenance, races)));
            System.out.println("results written to " + o.json());
        }
    }

    static Race race(SpeedRaceOptions o, DeviceOption device, int batch) {
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager(device.device())) {
            List<ModelConfig> configs = new ArrayList<>();
            List<PretrainingModel> models = new ArrayList<>();
            List<Stopwatch.Contender> inference = new ArrayList<>();
            List<InterleavedTraining.Contender> training = new ArrayList<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (String name : o.presets()) {
                ModelConfig c = Presets.get(name);
                configs.add(c);
                shapes.putAll(MatmulPeak.shapes(c, batch));
                NDManager own = manager.newSubManager();
                PretrainingBatch example = new SyntheticPretrainingBatches(c, batch, 5).next();
                NDList all = example.toNDList(own);
                NDList inputs = new NDList(all.get(0), all.get(1), all.get(2), all.get(3));
                PretrainingModel model = new PretrainingModel(c);
                model.initialize(own, DataType.FLOAT32, inputs.getShapes());
                models.add(model);
                ParameterStore ps = new ParameterStore(own, false);
                long tokens = (long) batch * c.maxSeqLength();
                inference.add(new Stopwatch.Contender(name, tokens,
                        () -> model.forward(ps, inputs, false).head().sum().getFloat()));
                training.add(new InterleavedTraining.Contender(name, c, model, own, batch));
            }
            System.out.printf(Locale.ROOT, "batch %d: matmul speed at the models' shapes...%n", batch);
            List<MatmulPeak.Result> matmul = MatmulPeak.measure(manager, shapes, 1, Math.max(3, o.reps()));
            double peak = MatmulPeak.peak(matmul);
            System.out.printf(Locale.ROOT, "batch %d: inference...%n", batch);
            List<Measurement> fwd = Stopwatch.interleaved(inference, o.warmup(), o.reps());
            System.out.printf(Locale.ROOT, "batch %d: training steps...%n", batch);
            List<Measurement> train = InterleavedTraining.measure(training,
                    TrainingSettings.defaults(1).withAccumulation(o.accumulation()), o.warmup(), o.reps());
            List<ContenderResult> results = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                results.add(result(train.get(i), train.get(0), "train", configs.get(i), batch, o.accumulation(),
                        peak));
            }
            for (int i = 0; i < configs.size(); i++) {
                results.add(result(fwd.get(i), fwd.get(0), "inference", configs.get(i), batch, 1, peak));
            }
            Map<String, SublayerBreakdown.Result> breakdowns = new LinkedHashMap<>();
            if (o.breakdown()) {
                for (int i = 0; i < configs.size(); i++) {
                    System.out.printf(Locale.ROOT, "batch %d: sublayers of %s...%n", batch, o.presets().get(i));
                    breakdowns.put(o.presets().get(i), SublayerBreakdown.measure(manager, configs.get(i), batch,
                            models.get(i).getParameters(), 1, Math.max(3, o.reps())));
                }
            }
            return new Race(batch, matmul, peak, results, breakdowns);
        }
    }

    private static ContenderResult result(Measurement m, Measurement baseline, String mode, ModelConfig c, int batch,
            int accumulation, double peakGflops) {
        ModelSize size = ModelSize.of(c);
        double perToken = mode.equals("train") ? size.trainingFlopsPerToken() : size.encoderFlopsPerToken();
        double gflop = perToken * m.tokens() / 1e9;
        double[] paper = paperSpeedup(m.name());
        Double paperRatio = paper == null ? null : paper[mode.equals("train") ? 0 : 1];
        return new ContenderResult(m.name(), mode, batch, accumulation, m.tokens(), m.medianMs(), m.minMs(), m.maxMs(),
                m.tokensPerSecond(), m.speedupOver(baseline), paperRatio, gflop,
                gflop / (m.medianMs() / 1000) / peakGflops, m.samplesMs());
    }

    static Map<String, String> provenance(SpeedRaceOptions o, DeviceOption device) {
        Map<String, String> p = new LinkedHashMap<>();
        Engine e = Engine.getInstance();
        p.put("date", Instant.now().toString());
        p.put("sparse_mixer_lab", RunProvenance.libraryVersion());
        p.put("djl", Engine.getDjlVersion());
        p.put("engine", e.getEngineName() + " " + e.getVersion());
        p.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        p.put("cpu", cpuModel());
        p.put("cpus_available", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("device", device.device() + (device.fellBack() ? " (" + device.note() + ")" : ""));
        p.put("gpus", Integer.toString(e.getGpuCount()));
        if ("PyTorch".equals(e.getEngineName())) {
            p.put("intra_op_threads", Integer.toString(JniUtils.getNumThreads()));
            p.put("inter_op_threads", Integer.toString(JniUtils.getNumInteropThreads()));
        }
        p.put("max_heap_mib", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        p.put("native_heap", NativeHeap.describe(System.getenv()));
        p.put("presets", String.join(",", o.presets()));
        p.put("warmup", Integer.toString(o.warmup()));
        p.put("reps", Integer.toString(o.reps()));
        p.put("accumulation", Integer.toString(o.accumulation()));
        p.put("flops", "analytic encoder FLOPs from the configuration (ModelSize); training = 3 x forward; "
                + "embedding lookups, MLM/NSP heads and optimizer not counted");
        return p;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ex) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
