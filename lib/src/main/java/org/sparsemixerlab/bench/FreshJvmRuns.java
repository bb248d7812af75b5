package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.ablation.EngineThreads;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * Short trainings from a cold start, one fresh JVM each, the intra-op thread settings alternating
 * (A, B, A, B, ...) so that they share the machine's load. A fresh JVM is the point: on a 2-core
 * machine the JIT compiler threads and the engine's threads compete during the first seconds of a
 * run, and a warmed-up benchmark in one JVM does not see that cost. Each child trains with the
 * project's {@code TrainingLoop} on synthetic batches and reports its step times.
 */
final class FreshJvmRuns {
    private static final String MARK = "FRESH-JVM-RUN";

    /**
     * One child run.
     *
     * @param threads intra-op threads
     * @param wallSeconds from starting the child JVM to its exit
     * @param trainSeconds sum of the step times
     * @param firstTenSeconds sum of the first ten step times
     * @param lastHalfMedianMs median step of the second half of the steps
     */
    record Run(int threads, double wallSeconds, double trainSeconds, double firstTenSeconds, double lastHalfMedianMs) {}

    private FreshJvmRuns() {}

    static List<Run> measure(String preset, int batch, int steps, int[] threads, int rounds) {
        List<Run> runs = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int r = 0; r < rounds; r++) {
            for (int t : threads) {
                List<String> cmd = List.of(java, "-D" + EngineThreads.INTRA_OP_PROPERTY + "=" + t,
                        "-Dai.djl.offline=true", "-cp", childClassPath(),
                        LaptopScaleBenchmark.class.getName(), "--child", preset, "--batch", Integer.toString(batch),
                        "--reps", Integer.toString(steps));
                long start = System.nanoTime();
                String result = null;
                try {
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            if (line.startsWith(MARK)) {
                                result = line;
                            }
                        }
                    }
                    int rc = p.waitFor();
                    if (rc != 0 || result == null) {
                        throw new IllegalStateException("fresh-JVM run with " + t + " threads failed (exit " + rc
                                + "); run it by hand: " + String.join(" ", cmd));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("could not start a fresh JVM: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a fresh-JVM run", e);
                }
                double wall = (System.nanoTime() - start) / 1e9;
                String[] f = result.split(" ");
                runs.add(new Run(Integer.parseInt(f[1]), wall, Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4])));
            }
        }
        return runs;
    }

    /**
     * The class path of this program: the class loader's URLs when it has them (under Maven's
     * {@code exec:java} the JVM's own class path is Maven's), else the JVM's class path.
     */
    static String childClassPath() {
        ClassLoader loader = FreshJvmRuns.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader u && u.getURLs().length > 0) {
            List<String> parts = new ArrayList<>();
            for (java.net.URL url : u.getURLs()) {
                try {
                    parts.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("class path entry " + url + " is not a local file; run with java -cp", e);
                }
            }
            return String.join(java.io.File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }

    /** In the child JVM: trains {@code steps} steps from cold and prints one result line. */
    static void child(String preset, int batch, int steps) {
        ModelConfig c = org.sparsemixerlab.config.Presets.get(preset);
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList all = new SyntheticPretrainingBatches(c, batch, 5).next().toNDList(manager);
            PretrainingModel model = new PretrainingModel(c);
            model.initialize(manager, DataType.FLOAT32, new NDList(all.get(0), all.get(1), all.get(2), all.get(3))
                    .getShapes());
            Measurement m = InterleavedTraining.measure(
                    List.of(new InterleavedTraining.Contender(preset, c, model, manager, batch)),
                    TrainingSettings.defaults(steps), 0, steps).get(0);
            double[] ms = m.samplesMs();
            double total = 0;
            double firstTen = 0;
            for (int i = 0; i < ms.length; i++) {
                total += ms[i];
                firstTen += i < 10 ? ms[i] : 0;
            }
            double[] lastHalf = java.util.Arrays.copyOfRange(ms, ms.length / 2, ms.length);
            System.out.printf(Locale.ROOT, "%s %d %.3f %.3f %.3f%n", MARK, JniUtils.getNumThreads(), total / 1000,
                    firstTen / 1000, StepBreakdown.median(lastHalf));
        }
    }

    static String table(String preset, int batch, int steps, List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Cold-start training, %s, batch %d, %d steps, one fresh JVM per run,"
                + " settings alternating%n", preset, batch, steps));
        sb.append(String.format(Locale.ROOT, "%-8s %12s %12s %14s %18s %16s%n", "threads", "JVM wall s", "train s",
                "first 10 s", "2nd-half median ms", "tokens/s overall"));
        for (Run r : runs) {
            long tokens = (long) batch * steps * seqOf(preset);
            sb.append(String.format(Locale.ROOT, "%-8d %12.1f %12.1f %14.1f %18.1f %16.0f%n", r.threads(),
                    r.wallSeconds(), r.trainSeconds(), r.firstTenSeconds(), r.lastHalfMedianMs(),
                    tokens / r.trainSeconds()));
        }
        return sb.toString();
    }

    private static int seqOf(String preset) {
        return org.sparsemixerlab.config.Presets.get(preset).maxSeqLength();
    }
}
