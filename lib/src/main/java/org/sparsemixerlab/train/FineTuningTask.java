package org.sparsemixerlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.ClassificationBatch;
import org.sparsemixerlab.model.ClassificationLoss;

/**
 * Fine-tuning a {@link org.sparsemixerlab.model.ClassificationModel} (SPEC 3.3). Metrics: {@code
 * loss}, {@code task_loss}, {@code accuracy}, and for two classes {@code f1} of class 1 (from
 * accumulated true/false positives and false negatives, so evaluation F1 is over the whole split).
 */
public final class FineTuningTask implements TrainingTask<ClassificationBatch> {
    private final ModelConfig config;
    private final int numClasses;

    public FineTuningTask(ModelConfig config, int numClasses) {
        this.config = config;
        this.numClasses = numClasses;
    }

    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public NDList inputs(ClassificationBatch batch, NDManager manager) {
        return batch.toNDList(manager);
    }

    @Override
    public NDArray loss(NDList outputs, NDList inputs, MetricSums sums) {
        NDArray labels = inputs.get(3);
        ClassificationLoss.Parts parts = ClassificationLoss.compute(outputs, labels, config);
        long n = labels.getShape().get(0);
        sums.add("loss", parts.total().getFloat(), 1);
        sums.add("task_loss", parts.task().getFloat() * n, n);
        if (numClasses > 1) {
            long[] predicted = outputs.get(0).argMax(-1).toLongArray();
            long[] truth = labels.toType(DataType.INT64, false).toLongArray();
            int hits = 0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < truth.length; i++) {
                hits += predicted[i] == truth[i] ? 1 : 0;
                tp += predicted[i] == 1 && truth[i] == 1 ? 1 : 0;
                fp += predicted[i] == 1 && truth[i] != 1 ? 1 : 0;
                fn += predicted[i] != 1 && truth[i] == 1 ? 1 : 0;
            }
            sums.add("accuracy", hits, n);
            sums.add("tp", tp, 0);
            sums.add("fp", fp, 0);
            sums.add("fn", fn, 0);
        }
        return parts.total();
    }

    @Override
    public Map<String, Double> summarize(MetricSums sums) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : new String[] {"loss", "task_loss", "accuracy"}) {
            out.put(k, sums.mean(k));
        }
        if (numClasses == 2) {
            out.put("f1", f1(sums.sum("tp"), sums.sum("fp"), sums.sum("fn")));
        }
        return out;
    }

    /** F1 of the positive class; 0 when there are no true positives. */
    public static double f1(double tp, double fp, double fn) {
        return tp == 0 ? 0.0 : 2 * tp / (2 * tp + fp + fn);
    }

    @Override
    public long tokens(ClassificationBatch batch) {
        return (long) batch.batchSize() * batch.seqLength();
    }

    @Override
    public int examples(ClassificationBatch batch) {
        return batch.batchSize();
    }
}
