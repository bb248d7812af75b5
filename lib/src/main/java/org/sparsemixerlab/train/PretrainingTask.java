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
 *
 * <p>Batches go to the model with their prediction slots packed ({@link
 * PretrainingBatch#toPackedNDList}): the MLM head and its vocabulary-sized work only see the real
 * predictions. The slot layout of the reference ({@code [BATCH, PREDICTIONS]}, padding slots
 * weighted 0) gives the same loss and gradients up to float rounding (PackedPredictionsTest pins
 * it); {@link #withSlotLayout} keeps it for such comparisons. Measured (issue 19,
 * notebooks/results/bench-laptop-scale-19.txt): the padding slots are about a quarter of the slots
 * on the project's corpus.
 */
public final class PretrainingTask implements TrainingTask<PretrainingBatch> {
    private final ModelConfig config;
    private final boolean packed;

    public PretrainingTask(ModelConfig config) {
        this(config, true);
    }

    private PretrainingTask(ModelConfig config, boolean packed) {
        this.config = config;
        this.packed = packed;
    }

    /** The same task fed in the reference's slot layout {@code [BATCH, PREDICTIONS]}. */
    public static PretrainingTask withSlotLayout(ModelConfig config) {
        return new PretrainingTask(config, false);
    }

    @Override
    public String name() {
        return "pretrain";
    }

    @Override
    public NDList inputs(PretrainingBatch batch, NDManager manager) {
        return packed ? batch.toPackedNDList(manager) : batch.toNDList(manager);
    }

    @Override
    public NDArray loss(NDList outputs, NDList inputs, MetricSums sums) {
        NDArray labels = inputs.get(4);
        NDArray weights = inputs.get(5);
        NDArray nspLabels = inputs.get(6);
        PretrainingLoss.Parts parts = PretrainingLoss.compute(outputs, labels, weights, nspLabels, config);
        double predictions = weights.sum().getFloat();
        NDArray hits = MaskedLmAccuracy.hits(outputs.get(0), labels, weights);
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
