package org.sparsemixerlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.model.PretrainingLoss;

/**
 * MLM + NSP pre-training of a {@link org.sparsemixerlab.model.PretrainingModel} (SPEC 3.2).
 * Metrics: {@code loss}, {@code mlm_loss}, {@code mlm_accuracy} (weighted by real predictions),
 * {@code nsp_loss}, {@code nsp_accuracy}, {@code aux_loss}, {@code z_loss}.
 */
public final class PretrainingTask implements TrainingTask<PretrainingBatch> {
    private final ModelConfig config;

    public PretrainingTask(ModelConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "pretrain";
    }

    @Override
    public NDList inputs(PretrainingBatch batch, NDManager manager) {
        return batch.toNDList(manager);
    }

    @Override
    public NDArray loss(NDList outputs, NDList inputs, MetricSums sums) {
        NDArray labels = inputs.get(4);
        NDArray weights = inputs.get(5);
        NDArray nspLabels = inputs.get(6);
        PretrainingLoss.Parts parts = PretrainingLoss.compute(outputs, labels, weights, nspLabels, config);
        double predictions = weights.sum().getFloat();
        NDArray hits = outputs.get(0).argMax(-1).eq(labels).toType(DataType.FLOAT32, false).mul(weights).sum();
        NDArray nspHits = outputs.get(1).argMax(-1).eq(nspLabels).toType(DataType.FLOAT32, false).sum();
        long examples = nspLabels.getShape().get(0);
        sums.add("loss", parts.total().getFloat(), 1);
        sums.add("mlm_loss", parts.mlm().getFloat() * predictions, predictions);
        sums.add("mlm_accuracy", hits.getFloat(), predictions);
        sums.add("nsp_loss", parts.nsp().getFloat() * examples, examples);
        sums.add("nsp_accuracy", nspHits.getFloat(), examples);
        sums.add("aux_loss", parts.aux().getFloat(), 1);
        sums.add("z_loss", parts.z().getFloat(), 1);
        return parts.total();
    }

    @Override
    public Map<String, Double> summarize(MetricSums sums) {
        return sums.means();
    }

    @Override
    public long tokens(PretrainingBatch batch) {
        return (long) batch.batchSize() * batch.seqLength();
    }

    @Override
    public int examples(PretrainingBatch batch) {
        return batch.batchSize();
    }
}
