package org.sparsemixerlab.ablation;

import java.util.List;

/**
 * Names of the metrics a study row records, and how they compare with the baseline: speed
 * metrics as a ratio (baseline = 1.00x), quality metrics as a difference, the rest not at all.
 */
public final class StudyMetrics {
    public static final String MLM_ACCURACY = "mlm_accuracy";
    public static final String MLM_LOSS = "mlm_loss";
    public static final String NSP_ACCURACY = "nsp_accuracy";
    public static final String NSP_LOSS = "nsp_loss";
    public static final String LOSS = "loss";
    public static final String TRAIN_TOKENS_PER_S = "train_tokens_per_s";
    public static final String INFER_TOKENS_PER_S = "infer_tokens_per_s";
    public static final String PARAMS_TOTAL = "params_total";
    public static final String PARAMS_ACTIVE = "params_active";
    public static final String FLOPS_PER_TOKEN = "flops_per_token";
    public static final String LEFT_BEHIND = "left_behind";
    public static final String USAGE = "usage";
    public static final String CONFIDENCE = "confidence";
    public static final String AUX_LOSS = "aux_loss";
    public static final String Z_LOSS = "z_loss";
    /** Prefix of fine-tuning metrics: {@code finetune.<task>.accuracy}, {@code finetune.<task>.f1}. */
    public static final String FINETUNE_PREFIX = "finetune.";

    /** The pre-training quality metrics, read from the final held-out evaluation. */
    public static final List<String> PRETRAINING_QUALITY = List.of(MLM_ACCURACY, MLM_LOSS, NSP_ACCURACY, NSP_LOSS,
            LOSS);

    private StudyMetrics() {}

    /** The fine-tuning metric name, e.g. {@code finetune.sentiment.accuracy}. */
    public static String finetune(String task, String metric) {
        return FINETUNE_PREFIX + task + "." + metric;
    }

    /** Throughput metrics, compared with the baseline as a ratio. */
    public static boolean isSpeed(String metric) {
        return metric.equals(TRAIN_TOKENS_PER_S) || metric.equals(INFER_TOKENS_PER_S);
    }

    /** Quality metrics (accuracy, F1, losses), compared with the baseline as a difference. */
    public static boolean isQuality(String metric) {
        return PRETRAINING_QUALITY.contains(metric) || metric.startsWith(FINETUNE_PREFIX);
    }

    /** Whether a larger value is better: true for accuracy, F1 and throughput, false for losses. */
    public static boolean higherIsBetter(String metric) {
        return !metric.endsWith("loss");
    }
}
