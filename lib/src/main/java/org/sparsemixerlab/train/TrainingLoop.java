package org.sparsemixerlab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.tensor.ScalarArithmetic;

/**
 * The training loop: seeded forward/backward, optional gradient accumulation over several
 * micro-batches, optional global-norm clipping, AdamW with the reference schedule, periodic
 * evaluation and atomic checkpoints, listeners for progress.
 *
 * <p>Gradient accumulation ({@link TrainingSettings#accumulation()} = k): each update runs forward
 * and backward on k micro-batches of {@code batchSize} examples, one after the other, each loss
 * weighted 1/k, then clips and applies one AdamW update. Only one micro-batch's activations are
 * alive at a time, so a batch of {@code k * batchSize} trains in the memory of {@code batchSize};
 * the optimizer's cost (which reads and writes every parameter and both moments) is paid once per
 * k micro-batches. Reported loss and metrics are means over the micro-batches; a step's tokens/s
 * counts all of them.
 *
 * <p>Determinism: before each step the engine is reseeded from (seed, step), so dropout and jitter
 * depend only on them; with the seeded data order this makes a resumed run produce the same losses
 * as an uninterrupted one. Interruption ({@link Thread#interrupt()}) stops between steps, writes a
 * checkpoint when a checkpoint file is set, and re-asserts the interrupt flag. A non-finite loss or
 * gradient stops the run before the update, naming the step, the loss parts and the first parameter
 * whose gradient is not finite; the last checkpoint is left untouched.
 *
 * @param <B> the batch type
 */
public final class TrainingLoop<B> {
    private final Block model;
    private final TrainingTask<B> task;
    private final TrainingSettings settings;
    private final NDManager manager;
    private final RunProvenance provenance;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Path checkpointFile;
    private Supplier<Iterable<B>> evaluationData;

    /**
     * @param model an initialised block whose outputs the task understands
     * @param manager the manager the model's parameters live in (temporaries go in sub-managers)
     */
    public TrainingLoop(Block model, TrainingTask<B> task, TrainingSettings settings, NDManager manager,
            RunProvenance provenance) {
        this.model = model;
        this.task = task;
        this.settings = settings;
        this.manager = manager;
        this.provenance = provenance;
    }

    public TrainingLoop<B> addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    TrainingSettings settings() {
        return settings;
    }

    /** Where checkpoints go; an existing file there is resumed from. */
    public TrainingLoop<B> checkpointTo(Path file) {
        this.checkpointFile = file;
        return this;
    }

    /** Held-out batches for evaluation, fetched anew at every evaluation. */
    public TrainingLoop<B> evaluateOn(Supplier<Iterable<B>> data) {
        this.evaluationData = data;
        return this;
    }

    /** Trains until the step budget, an interrupt or divergence. */
    public TrainingResult run(BatchSource<B> data) {
        PairList<String, Parameter> params = model.getParameters();
        ParameterStore ps = new ParameterStore(manager, false);
        LearningRateSchedule schedule = settings.schedule();
        List<EvalMetrics> evaluations = new ArrayList<>();
        Path lastCheckpoint = null;
        long step = 0;
        StepMetrics last = null;
        try (AdamW optimizer = new AdamW(settings.optimizer(), manager)) {
            if (checkpointFile != null && Files.isRegularFile(checkpointFile)) {
                Checkpoint c = Checkpoint.restore(checkpointFile, model, optimizer, manager);
                step = c.step();
                data.restore(c.position());
                lastCheckpoint = checkpointFile;
            }
            long startStep = step;
            // Restored at (or past) the budget: nothing to train, evaluate or save.
            boolean alreadyDone = lastCheckpoint != null && startStep >= settings.steps();
            for (TrainingListener l : listeners) {
                l.onStart(provenance, startStep, settings.steps());
            }
            long start = System.nanoTime();
            TrainingResult.Status status = TrainingResult.Status.COMPLETED;
            String message = "";
            while (step < settings.steps()) {
                if (Thread.interrupted()) {
                    // Cleared here so the checkpoint write below is not refused; restored at the end.
                    status = TrainingResult.Status.INTERRUPTED;
                    message = "interrupted after step " + step;
                    break;
                }
                int micro = settings.accumulation();
                List<B> batches = new ArrayList<>(micro);
                for (int m = 0; m < micro; m++) {
                    batches.add(data.next());
                }
                double lr = schedule.rate(step);
                long t0 = System.nanoTime();
                MetricSums sums = new MetricSums();
                double loss = 0;
                List<List<RoutingMetrics>> moeParts = new ArrayList<>(micro);
                for (int m = 0; m < micro && status != TrainingResult.Status.DIVERGED; m++) {
                    Engine.getInstance().setRandomSeed(microBatchSeed(provenance.seed(), step, m));
                    try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
                        NDList inputs = task.inputs(batches.get(m), sub);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDList outputs = model.forward(ps, inputs, true);
                            NDArray total = task.loss(outputs, inputs, sums);
                            double part = total.getFloat();
                            moeParts.add(RoutingMetrics.fromRows(outputs.get(outputs.size() - 1)));
                            if (!Double.isFinite(part)) {
                                status = TrainingResult.Status.DIVERGED;
                                message = String.format(Locale.ROOT, "non-finite loss %s at step %d%s (parts: %s)",
                                        part, step + 1, micro > 1 ? ", micro-batch " + (m + 1) + " of " + micro : "",
                                        sums.means());
                                break;
                            }
                            loss += part / micro;
                            // Each micro-batch's loss is weighted 1/micro, so the accumulated gradient is
                            // the mean over micro-batches: the update matches one batch of all of them.
                            gc.backward(micro == 1 ? total : ScalarArithmetic.div(total, micro));
                        }
                    }
                }
                if (status == TrainingResult.Status.DIVERGED) {
                    zeroGradients(params);
                    break;
                }
                List<RoutingMetrics> moe = averageLayers(moeParts);
                double norm = GradientNorms.clip(params, settings.clipNorm());
                if (!Double.isFinite(norm)) {
                    status = TrainingResult.Status.DIVERGED;
                    List<String> bad = GradientNorms.nonFinite(params);
                    message = String.format(Locale.ROOT, "non-finite gradient at step %d (loss %.4f, parts %s); "
                            + "%d of %d parameters affected; %s; affected: %s", step + 1, loss, sums.means(),
                            bad.size(), params.size(), GradientNorms.whereItAppeared(bad),
                            bad.size() > 8 ? String.join(", ", bad.subList(0, 8)) + ", ..." : String.join(", ", bad));
                    zeroGradients(params);
                    break;
                }
                optimizer.step(params, lr);
                waitForUpdate(params);
                step++;
                double seconds = (System.nanoTime() - t0) / 1e9;
                last = new StepMetrics(step, lr, loss, task.summarize(sums), moe, norm,
                        tokens(batches) / seconds, (System.nanoTime() - start) / 1e9,
                        provenance.config().auxiliaryLossFactor(), provenance.config().routerZLossFactor());
                for (TrainingListener l : listeners) {
                    l.onStep(last);
                }
                if (settings.evalEvery() > 0 && step % settings.evalEvery() == 0 && step < settings.steps()) {
                    evaluations.add(evaluate(step));
                }
                if (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0 && step < settings.steps()) {
                    lastCheckpoint = saveCheckpoint(step, data, optimizer);
                }
            }
            if (status != TrainingResult.Status.DIVERGED && !alreadyDone) {
                if (status == TrainingResult.Status.COMPLETED) {
                    evaluations.add(evaluate(step));
                }
                if (step > startStep) {
                    lastCheckpoint = saveCheckpoint(step, data, optimizer);
                }
            }
            TrainingResult result = new TrainingResult(status, step, last, evaluations, lastCheckpoint, message);
            for (TrainingListener l : listeners) {
                l.onEnd(result);
            }
            if (status == TrainingResult.Status.INTERRUPTED) {
                Thread.currentThread().interrupt();
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint I/O failed: " + e.getMessage(), e);
        }
    }

    /**
     * The engine seed of micro-batch {@code m} of update {@code step}: dropout and jitter depend only
     * on (seed, step, micro-batch). Micro-batch 0 keeps the seed of a run without accumulation.
     */
    static int microBatchSeed(long seed, long step, int m) {
        long base = seed * 1_000_003L + step;
        return (int) (m == 0 ? base : base * 31 + m * 7_919L);
    }

    /**
     * Reads one value of the last parameter, so the step's time includes the update: on a GPU the
     * update's kernels are only queued when {@code step} returns, and their time would otherwise
     * be charged to whatever synchronises next (the next step, or another model's step in an
     * interleaved benchmark). On the CPU the update has finished and this costs microseconds.
     */
    private static void waitForUpdate(PairList<String, Parameter> params) {
        if (params.isEmpty()) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            NDArray w = params.valueAt(params.size() - 1).getArray();
            w.flatten().get(0).getFloat();
        }
    }

    private long tokens(List<B> batches) {
        long n = 0;
        for (B b : batches) {
            n += task.tokens(b);
        }
        return n;
    }

    private static void zeroGradients(PairList<String, Parameter> params) {
        try (NDScope scope = new NDScope()) {
            for (var p : params) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    w.getGradient().muli(0f);
                }
            }
        }
    }

    private Path saveCheckpoint(long step, BatchSource<B> data, AdamW optimizer) throws IOException {
        if (checkpointFile == null) {
            return null;
        }
        Checkpoint.write(checkpointFile, new Checkpoint(step, data.position(), provenance), model, optimizer);
        for (TrainingListener l : listeners) {
            l.onCheckpoint(step, checkpointFile);
        }
        return checkpointFile;
    }

    /** Evaluates the model on the held-out data (evaluation mode: no dropout, eval capacity factor). */
    public EvalMetrics evaluate(long step) {
        if (evaluationData == null) {
            return new EvalMetrics(step, 0, Map.of(), List.of());
        }
        ParameterStore ps = new ParameterStore(manager, false);
        MetricSums sums = new MetricSums();
        List<List<RoutingMetrics>> moe = new ArrayList<>();
        long examples = 0;
        int batches = 0;
        for (B batch : evaluationData.get()) {
            if (settings.evalBatches() > 0 && batches >= settings.evalBatches()) {
                break;
            }
            try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
                NDList inputs = task.inputs(batch, sub);
                NDList outputs = model.forward(ps, inputs, false);
                task.loss(outputs, inputs, sums);
                moe.add(RoutingMetrics.fromRows(outputs.get(outputs.size() - 1)));
            }
            examples += task.examples(batch);
            batches++;
        }
        EvalMetrics m = new EvalMetrics(step, examples, task.summarize(sums), averageLayers(moe));
        for (TrainingListener l : listeners) {
            l.onEval(m);
        }
        return m;
    }

    private static List<RoutingMetrics> averageLayers(List<List<RoutingMetrics>> batches) {
        if (batches.isEmpty() || batches.get(0).isEmpty()) {
            return List.of();
        }
        List<RoutingMetrics> out = new ArrayList<>();
        for (int l = 0; l < batches.get(0).size(); l++) {
            List<RoutingMetrics> perBatch = new ArrayList<>();
            for (List<RoutingMetrics> b : batches) {
                perBatch.add(b.get(l));
            }
            out.add(RoutingMetrics.mean(perBatch));
        }
        return out;
    }
}
