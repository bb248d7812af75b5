package org.sparsemixerlab.bench;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.PretrainingTask;
import org.sparsemixerlab.train.RunProvenance;
import org.sparsemixerlab.train.StepMetrics;
import org.sparsemixerlab.train.TrainingListener;
import org.sparsemixerlab.train.TrainingLoop;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * Whether native memory stays flat over a long run of the real training loop: samples the process's
 * resident memory ({@code VmRSS} of {@code /proc/self/status}) and the number of live NDArrays under
 * the run's base manager every few steps, and fits a straight line to the second half of the run.
 *
 * <p>Run: {@code mvn -q -pl lib exec:java -Dexec.mainClass=org.sparsemixerlab.bench.NativeMemoryCheck
 * -Dexec.args="[preset] [steps] [every] [batch] [accumulation]"}; defaults sparse-mixer-tiny, 1000
 * steps, every 50, batch 8, no gradient accumulation.
 */
public final class NativeMemoryCheck {

    /**
     * One sample.
     *
     * @param step updates applied so far
     * @param rssKib resident set size in KiB, -1 where {@code /proc} is not available
     * @param liveArrays NDArrays alive under the run's base manager (all sub-managers included)
     */
    public record Sample(long step, long rssKib, int liveArrays) {}

    private NativeMemoryCheck() {}

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "sparse-mixer-tiny";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int accumulation = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        System.out.printf(Locale.ROOT, "%8s %12s %12s%n", "step", "VmRSS MiB", "live arrays");
        List<Sample> samples = run(Presets.get(preset), batch, accumulation, steps, every, s -> System.out.printf(Locale.ROOT,
                "%8d %12.1f %12d%n", s.step(), s.rssKib() / 1024.0, s.liveArrays()));
        List<Sample> late = samples.subList(samples.size() / 2, samples.size());
        System.out.printf(Locale.ROOT, "second half: RSS slope %.2f MiB per 1000 steps, live-array slope %.2f per "
                + "1000 steps%n", slope(late, true) * 1000 / 1024, slope(late, false) * 1000);
    }

    /** Trains {@code steps} steps of {@code c} on synthetic batches, sampling every {@code every} steps. */
    public static List<Sample> run(ModelConfig c, int batch, int steps, int every) {
        return run(c, batch, 1, steps, every, s -> { });
    }

    /**
     * As {@link #run(ModelConfig, int, int, int)}, with {@code accumulation} micro-batches per update,
     * handing every sample to {@code onSample} as it is taken.
     */
    public static List<Sample> run(ModelConfig c, int batch, int accumulation, int steps, int every,
            Consumer<Sample> onSample) {
        if (steps < 1 || every < 1) {
            throw new IllegalArgumentException("need steps >= 1 and a sampling interval >= 1, got " + steps + ", " + every);
        }
        List<Sample> samples = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            SyntheticPretrainingBatches data = new SyntheticPretrainingBatches(c, batch, 3);
            PretrainingModel model = new PretrainingModel(c);
            var inputs = data.next().toNDList(manager);
            model.initialize(manager, DataType.FLOAT32, inputs.get(0).getShape(), inputs.get(1).getShape(),
                    inputs.get(2).getShape(), inputs.get(3).getShape());
            inputs.close();
            TrainingSettings settings = TrainingSettings.defaults(steps).withBatchSize(batch)
                    .withAccumulation(accumulation);
            TrainingLoop<PretrainingBatch> loop = new TrainingLoop<>(model, new PretrainingTask(c), settings, manager,
                    RunProvenance.capture("memory-check", c, 3, settings.asMap(), Map.of(), "cpu()"));
            loop.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    if (m.step() % every == 0) {
                        Sample s = new Sample(m.step(), residentKib(), liveArrays(manager));
                        samples.add(s);
                        onSample.accept(s);
                    }
                }
            });
            loop.run(data);
        }
        return samples;
    }

    /** NDArrays alive under {@code manager}, its sub-managers included. */
    public static int liveArrays(NDManager manager) {
        return ((BaseNDManager) manager).getManagedArrays().size();
    }

    /** The process's resident set size in KiB, or -1 when {@code /proc/self/status} cannot be read. */
    public static long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Least-squares slope per step of RSS (KiB) or of live arrays over the samples. */
    public static double slope(List<Sample> samples, boolean rss) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (Sample s : samples) {
            mx += s.step();
            my += rss ? s.rssKib() : s.liveArrays();
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (Sample s : samples) {
            double dx = s.step() - mx;
            sxy += dx * ((rss ? s.rssKib() : s.liveArrays()) - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
