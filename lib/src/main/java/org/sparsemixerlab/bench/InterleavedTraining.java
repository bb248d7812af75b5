package org.sparsemixerlab.bench;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.DataPosition;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.BatchSource;
import org.sparsemixerlab.train.PretrainingTask;
import org.sparsemixerlab.train.RunProvenance;
import org.sparsemixerlab.train.StepMetrics;
import org.sparsemixerlab.train.TrainingListener;
import org.sparsemixerlab.train.TrainingLoop;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * Pre-training steps of several models measured interleaved (one step of A, one of B, ..., then A
 * again), each step being exactly a step of the project's {@link TrainingLoop}: forward,
 * MLM + NSP + MoE losses, backward, global-norm clipping and the AdamW update.
 *
 * <p>Each contender runs its own unchanged {@code TrainingLoop} on its own thread; a {@link
 * Turnstile} in the batch source lets one thread at a time run a step, so steps never overlap (the
 * engine allows one gradient collector at a time) and every contender sees the same machine
 * drift. The time of a step is the loop's own measurement (from after fetching the batch to after
 * the update), read from {@link StepMetrics#tokensPerSecond()}.
 */
public final class InterleavedTraining {

    /**
     * One model to train.
     *
     * @param name label
     * @param config its configuration
     * @param model an initialised model whose parameters live in {@code manager}
     * @param manager the model's manager (the loop puts its temporaries in sub-managers)
     * @param batchSize sequences per step
     */
    public record Contender(String name, ModelConfig config, PretrainingModel model, NDManager manager,
            int batchSize) {}

    private InterleavedTraining() {}

    /**
     * Runs {@code warmup + reps} training steps of every contender, interleaved.
     *
     * @param settings training settings; steps and batch size are replaced per contender, the
     *     accumulation is kept: a step is then that many micro-batches and one update, and the
     *     contenders take turns by whole steps
     * @return per contender, the times of the last {@code reps} steps
     */
    public static List<Measurement> measure(List<Contender> contenders, TrainingSettings settings, int warmup,
            int reps) {
        if (warmup < 0 || reps < 1) {
            throw new IllegalArgumentException("need warm-up >= 0 and repetitions >= 1, got " + warmup + ", " + reps);
        }
        Turnstile turnstile = new Turnstile(contenders.size());
        List<double[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < contenders.size(); i++) {
            Contender c = contenders.get(i);
            double[] times = new double[reps];
            samples.add(times);
            TrainingSettings s = settings.withSteps(warmup + reps).withBatchSize(c.batchSize());
            RunProvenance provenance = RunProvenance.capture("bench", c.config(), 0, s.asMap(), Map.of(),
                    c.manager().getDevice().toString());
            TrainingLoop<PretrainingBatch> loop = new TrainingLoop<>(c.model(), new PretrainingTask(c.config()), s,
                    c.manager(), provenance);
            loop.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    int rep = (int) m.step() - 1 - warmup;
                    if (rep >= 0) {
                        long tokens = tokensPerStep(c, s);
                        times[rep] = tokens / m.tokensPerSecond() * 1000;
                    }
                }
            });
            BatchSource<PretrainingBatch> data = new TakingTurns(new SyntheticPretrainingBatches(c.config(),
                    c.batchSize(), 17 + i), turnstile, i, s.accumulation());
            int party = i;
            Thread t = new Thread(() -> {
                try {
                    loop.run(data);
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                } finally {
                    turnstile.leave(party);
                }
            }, "bench-train-" + c.name());
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException("interrupted while waiting for the training threads", e);
            }
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a training contender failed: " + failure[0], failure[0]);
        }
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            Contender c = contenders.get(i);
            out.add(new Measurement(c.name(), samples.get(i), tokensPerStep(c, settings)));
        }
        return out;
    }

    private static long tokensPerStep(Contender c, TrainingSettings settings) {
        return (long) c.batchSize() * settings.accumulation() * c.config().maxSeqLength();
    }

    /**
     * A batch source that waits for its party's turn before handing out the first micro-batch of
     * each step (the loop fetches all micro-batches of a step before it starts the clock).
     */
    private static final class TakingTurns implements BatchSource<PretrainingBatch> {
        private final BatchSource<PretrainingBatch> inner;
        private final Turnstile turnstile;
        private final int party;
        private final int batchesPerStep;
        private long handedOut;

        TakingTurns(BatchSource<PretrainingBatch> inner, Turnstile turnstile, int party, int batchesPerStep) {
            this.inner = inner;
            this.turnstile = turnstile;
            this.party = party;
            this.batchesPerStep = batchesPerStep;
        }

        @Override
        public PretrainingBatch next() {
            PretrainingBatch batch = inner.next();
            if (handedOut % batchesPerStep == 0) {
                if (handedOut > 0) {
                    turnstile.pass(party);
                }
                try {
                    turnstile.await(party);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            handedOut++;
            return batch;
        }

        @Override
        public DataPosition position() {
            return inner.position();
        }

        @Override
        public void restore(DataPosition position) {
            inner.restore(position);
        }
    }
}
