package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.sparsemixerlab.config.ModelConfig;

/** Small synthetic inputs of the right shapes for model tests. */
final class TinyBatches {
    private TinyBatches() {}

    /** ids (last quarter padding in example 1), type ids, token mask; all [batch, L]. */
    static NDList encoderInputs(NDManager m, ModelConfig c, int batch) {
        int len = c.maxSeqLength();
        long[][] ids = new long[batch][len];
        long[][] types = new long[batch][len];
        float[][] mask = new float[batch][len];
        for (int b = 0; b < batch; b++) {
            int real = b == 1 ? len * 3 / 4 : len;
            for (int s = 0; s < real; s++) {
                ids[b][s] = 1 + ((s * 31L + b * 17L) % (c.vocabSize() - 1));
                types[b][s] = s < real / 2 ? 0 : 1;
                mask[b][s] = 1f;
            }
        }
        return new NDList(m.create(ids), m.create(types), m.create(mask));
    }

    /** Encoder inputs plus masked positions [batch, P]. */
    static NDList pretrainingInputs(NDManager m, ModelConfig c, int batch, int predictions) {
        NDList in = encoderInputs(m, c, batch);
        long[][] pos = new long[batch][predictions];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < predictions; p++) {
                pos[b][p] = 1 + (p * 5L + b) % (c.maxSeqLength() / 2);
            }
        }
        in.add(m.create(pos));
        return in;
    }

    static NDArray labels(NDManager m, int batch, int predictions, int vocab) {
        long[][] l = new long[batch][predictions];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < predictions; p++) {
                l[b][p] = (b * 7L + p * 13L) % vocab;
            }
        }
        return m.create(l);
    }

    static NDArray ones(NDManager m, int batch, int predictions) {
        return m.ones(new Shape(batch, predictions), DataType.FLOAT32);
    }
}
