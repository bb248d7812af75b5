package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.NativeHeap;
import org.sparsemixerlab.train.StepMetrics;
import org.sparsemixerlab.train.TrainingListener;
import org.sparsemixerlab.train.TrainingLoop;

/**
 * The engine's own profiler on a few training steps (issue 19): trains a preset with the project's
 * {@code TrainingLoop} on real corpus batches, records {@code K} steps after the warm-up with
 * PyTorch's profiler ({@code JniUtils.startProfile}), writes its Chrome trace (open it in Perfetto or
 * {@code chrome://tracing}) and prints the operators by self time per step.
 *
 * <p>The profiler slows small operators down (a tiny step takes several times longer under it), so
 * read the shares and the call counts, and time with {@link LaptopScaleBenchmark}. It is how the
 * page-fault cost behind {@link NativeHeap} was found: with {@code --shapes true} the same zero-fill
 * of a {@code [120, 30522]} gradient showed 0.2 ms in one step and 20-40 ms in others.
 *
 * <p>Usage: {@code EngineProfile [--preset P] [--batch B] [--warmup N] [--steps K] [--shapes true]
 * [--top N] [--out FILE]}. Defaults: sparse-mixer-tiny, batch 16, 30 warm-up steps, 5 profiled steps,
 * operators by name (not by input shapes), top 30, {@code target/engine-profile.json}. The heap
 * settings are those of this process's environment (printed).
 */
public final class EngineProfile {
    /**
     * One operator (or one operator at one set of input shapes), per profiled step.
     *
     * @param name the engine's operator name, e.g. {@code aten::mm}
     * @param shapes its input shapes, or "" when grouped by name only
     * @param selfMsPerStep time inside the operator minus the operators it called
     * @param totalMsPerStep time inside the operator, callees included
     * @param callsPerStep calls per step
     */
    public record OpTime(String name, String shapes, double selfMsPerStep, double totalMsPerStep, double callsPerStep) {}

    private record OpKey(String name, String shapes) {}

    private EngineProfile() {}

    /** Runs the profile; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value; got " + String.join(" ", args));
        }
        String preset = "sparse-mixer-tiny";
        int batch = 16;
        int warmup = 30;
        int steps = 5;
        boolean shapes = false;
        int top = 30;
        Path out = Path.of("target", "engine-profile.json");
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--preset" -> preset = v;
                case "--batch" -> batch = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--steps" -> steps = Integer.parseInt(v);
                case "--shapes" -> shapes = Boolean.parseBoolean(v);
                case "--top" -> top = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --preset, --batch,"
                        + " --warmup, --steps, --shapes, --top or --out");
            }
        }
        if (warmup < 1 || steps < 1) {
            throw new IllegalArgumentException("need --warmup >= 1 and --steps >= 1, got " + warmup + " and " + steps);
        }
        double stepMs = profile(Presets.get(preset), batch, warmup, steps, shapes, out);
        System.out.printf(Locale.ROOT, "Engine profile, %s, batch %d, %d steps after %d warm-up, heap %s, %d intra-op"
                + " threads%n", preset, batch, steps, warmup, NativeHeap.describe(System.getenv()), JniUtils.getNumThreads());
        System.out.printf(Locale.ROOT, "trace: %s (%.1f ms per step under the profiler)%n", out, stepMs);
        JsonNode events = new ObjectMapper().readTree(out.toFile());
        System.out.print(table(aggregate(events, steps, shapes), top));
    }

    /** Trains, profiles the last {@code steps} steps into {@code out}; returns the wall ms per profiled step. */
    static double profile(ModelConfig config, int batch, int warmup, int steps, boolean shapes, Path out)
            throws IOException {
        List<PretrainingBatch> batches = LaptopRaceChild.corpusBatches(config, batch);
        Engine.getInstance().setRandomSeed(0);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long[] started = new long[1];
        try (NDManager manager = NDManager.newBaseManager()) {
            PretrainingModel model = LaptopRaceChild.initializedModel(config, manager, batches.get(0));
            TrainingLoop<PretrainingBatch> loop = LaptopRaceChild.benchLoop("engine-profile", config, model, manager,
                    batch, warmup + steps);
            loop.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    if (m.step() == warmup) {
                        JniUtils.startProfile(false, shapes, false);
                        started[0] = System.nanoTime();
                    }
                }
            });
            loop.run(new LaptopRaceChild.Cycling(batches));
            double ms = (System.nanoTime() - started[0]) / 1e6 / steps;
            JniUtils.stopProfile(out.toString());
            return ms;
        }
    }

    /**
     * Self and total time per operator from a Chrome trace (a JSON array of events, or an object
     * with {@code traceEvents}). Only complete events ({@code "ph": "X"}) count. Self time is an
     * event's duration minus that of the events nested directly inside it on the same thread.
     *
     * @param byShape group by operator and input shapes instead of by operator
     * @return operators, largest self time first
     */
    public static List<OpTime> aggregate(JsonNode trace, int steps, boolean byShape) {
        JsonNode events = trace.isArray() ? trace : trace.path("traceEvents");
        Map<String, List<JsonNode>> threads = new HashMap<>();
        for (JsonNode e : events) {
            if ("X".equals(e.path("ph").asText())) {
                threads.computeIfAbsent(e.path("pid").asText() + "/" + e.path("tid").asText(), k -> new ArrayList<>())
                        .add(e);
            }
        }
        Map<OpKey, double[]> sums = new LinkedHashMap<>(); // {self us, total us, calls}
        for (List<JsonNode> thread : threads.values()) {
            thread.sort(Comparator.<JsonNode>comparingDouble(e -> e.path("ts").asDouble())
                    .thenComparing(Comparator.<JsonNode>comparingDouble(e -> e.path("dur").asDouble()).reversed()));
            double[] childTime = new double[thread.size()];
            Deque<Integer> open = new ArrayDeque<>();
            for (int i = 0; i < thread.size(); i++) {
                JsonNode e = thread.get(i);
                double ts = e.path("ts").asDouble();
                while (!open.isEmpty() && end(thread.get(open.peek())) <= ts) {
                    open.pop();
                }
                if (!open.isEmpty()) {
                    childTime[open.peek()] += e.path("dur").asDouble();
                }
                open.push(i);
            }
            for (int i = 0; i < thread.size(); i++) {
                JsonNode e = thread.get(i);
                String name = e.path("name").asText();
                String shapes = byShape && e.has("shape") ? e.get("shape").toString().replace("\"", "") : "";
                double[] s = sums.computeIfAbsent(new OpKey(name, shapes), k -> new double[3]);
                double dur = e.path("dur").asDouble();
                s[0] += dur - childTime[i];
                s[1] += dur;
                s[2] += 1;
            }
        }
        List<OpTime> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new OpTime(k.name(), k.shapes(), s[0] / 1000 / steps, s[1] / 1000 / steps,
                s[2] / steps)));
        out.sort(Comparator.comparingDouble(OpTime::selfMsPerStep).reversed());
        return out;
    }

    private static double end(JsonNode e) {
        return e.path("ts").asDouble() + e.path("dur").asDouble();
    }

    /** The first {@code top} operators with their share of all self time. */
    public static String table(List<OpTime> ops, int top) {
        double all = ops.stream().mapToDouble(OpTime::selfMsPerStep).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "self time of all operators: %.2f ms per step%n", all));
        sb.append(String.format(Locale.ROOT, "%-44s %10s %7s %10s %9s  %s%n", "operator", "self ms", "share", "total ms",
                "calls", "input shapes"));
        for (OpTime op : ops.subList(0, Math.min(top, ops.size()))) {
            sb.append(String.format(Locale.ROOT, "%-44s %10.2f %6.1f%% %10.2f %9.1f  %s%n",
                    op.name().length() > 44 ? op.name().substring(0, 41) + "..." : op.name(), op.selfMsPerStep(),
                    all > 0 ? 100 * op.selfMsPerStep() / all : 0, op.totalMsPerStep(), op.callsPerStep(), op.shapes()));
        }
        sb.append("(per profiled step; the profiler's own overhead inflates small operators: read shares and calls)\n");
        return sb.toString();
    }
}
