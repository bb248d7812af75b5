package org.sparsemixerlab.bench;

import java.util.Random;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.DataPosition;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.train.BatchSource;

/**
 * Endless seeded pre-training batches of random tokens at a model's full length: every position
 * real, {@link #predictionsFor(int)} masked predictions per sequence, random NSP labels. The numbers
 * are meaningless; the shapes and the work per step are those of real pre-training.
 */
public final class SyntheticPretrainingBatches implements BatchSource<PretrainingBatch> {
    private final ModelConfig config;
    private final int batchSize;
    private final long seed;
    private Random random;
    private int handedOut;

    public SyntheticPretrainingBatches(ModelConfig config, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.config = config;
        this.batchSize = batchSize;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Masked predictions per sequence: 80 at L = 512 as in BERT, scaled linearly, at least 1. */
    public static int predictionsFor(int seqLength) {
        return Math.max(1, seqLength * 80 / 512);
    }

    @Override
    public PretrainingBatch next() {
        int len = config.maxSeqLength();
        int p = predictionsFor(len);
        int[] ids = new int[batchSize * len];
        int[] types = new int[batchSize * len];
        int[] mask = new int[batchSize * len];
        int[] positions = new int[batchSize * p];
        int[] labels = new int[batchSize * p];
        float[] weights = new float[batchSize * p];
        int[] nsp = new int[batchSize];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + random.nextInt(config.vocabSize() - 1);
            types[i] = (i % len) < len / 2 ? 0 : 1;
            mask[i] = 1;
        }
        for (int i = 0; i < positions.length; i++) {
            positions[i] = random.nextInt(len);
            labels[i] = 1 + random.nextInt(config.vocabSize() - 1);
            weights[i] = 1f;
        }
        for (int i = 0; i < batchSize; i++) {
            nsp[i] = random.nextInt(2);
        }
        handedOut++;
        return new PretrainingBatch(batchSize, len, p, ids, types, mask, positions, labels, weights, nsp);
    }

    @Override
    public DataPosition position() {
        return new DataPosition(seed, 0, handedOut);
    }

    @Override
    public void restore(DataPosition position) {
        random = new Random(position.seed());
        handedOut = 0;
        while (handedOut < position.index()) {
            next();
        }
    }
}
