package org.sparsemixerlab.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemixerlab.ablation.StudyMetrics;
import org.sparsemixerlab.ablation.StudyRow;
import org.sparsemixerlab.ablation.StudyRunner;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.train.RunProvenance;

/**
 * A four-variant study and synthetic row files for it (no training). Values per seed 0, 1:
 *
 * <pre>
 * variant  mlm_accuracy  train tok/s   claim
 * moe      0.30, 0.32    1000, 1100    (baseline)
 * dense    0.20, 0.22    1500, 1650    QUALITY_WORSE mlm_accuracy          -> agrees
 * fast     0.31, 0.31    1050, 1050    SPEED_RATIO_AT_LEAST 2.0            -> disagrees
 * slim     0.29, 0.33    1200, 1300    QUALITY_NOT_WORSE mlm_accuracy, 0   -> inconclusive
 * </pre>
 */
public final class AblationFixtures {

    public static final String STUDY_JSON = """
            {
              "name": "four-way",
              "title": "Four variants on synthetic rows",
              "base": "sparse-mixer-tiny",
              "base_overrides": {"num_layers": 2, "d_model": 32, "d_emb": 32, "d_ff": 64, "expert_d_ff": 64,
                                 "max_seq_length": 32},
              "baseline": "moe",
              "variants": [
                {"name": "moe", "description": "baseline", "overrides": {}},
                {"name": "dense", "description": "no MoE", "overrides": {"num_moe_layers": 0},
                 "paper_claim": {"text": "MoE improves quality", "source": "Table 1",
                                 "expectation": {"kind": "QUALITY_WORSE", "metric": "mlm_accuracy"}}},
                {"name": "fast", "description": "smaller experts", "overrides": {"expert_d_ff": 32},
                 "paper_claim": {"text": "twice as fast", "source": "Table 2",
                                 "expectation": {"kind": "SPEED_RATIO_AT_LEAST", "metric": "train_tokens_per_s",
                                                 "threshold": 2.0}}},
                {"name": "slim", "description": "smaller dense FF", "overrides": {"d_ff": 32},
                 "paper_claim": {"text": "no quality loss", "source": "Section 4",
                                 "expectation": {"kind": "QUALITY_NOT_WORSE", "metric": "mlm_accuracy",
                                                 "threshold": 0.0}}}
              ],
              "seeds": [0, 1],
              "budget": {"steps": 3, "batch_size": 4, "peak_learning_rate": 0.001, "warmup_steps": 1,
                         "eval_every": 2, "eval_batches": 2, "max_train_documents": 2, "sources": ["moby-dick"]},
              "speed_probe": {"warmup_steps": 1, "inference_batches": 2}
            }
            """;

    /** mlm_accuracy of seeds 0 and 1 per variant. */
    public static final Map<String, double[]> ACCURACY = Map.of("moe", new double[] {0.30, 0.32},
            "dense", new double[] {0.20, 0.22}, "fast", new double[] {0.31, 0.31}, "slim", new double[] {0.29, 0.33});
    /** train_tokens_per_s of seeds 0 and 1 per variant. */
    public static final Map<String, double[]> SPEED = Map.of("moe", new double[] {1000, 1100},
            "dense", new double[] {1500, 1650}, "fast", new double[] {1050, 1050}, "slim", new double[] {1200, 1300});

    private AblationFixtures() {
    }

    public static StudySpec spec() {
        return StudySpec.parse(STUDY_JSON, "four-way.json");
    }

    /** Writes the rows of {@code variants} (both seeds) into {@code out/rows}. */
    public static void writeRows(StudySpec spec, Path out, List<String> variants) {
        for (String v : variants) {
            for (int seed = 0; seed < 2; seed++) {
                row(spec, v, seed).writeTo(StudyRunner.rowsDir(out));
            }
        }
    }

    /** One synthetic row (values as in the class comment). */
    public static StudyRow rowForTests(StudySpec spec, String variant, int seed) {
        return row(spec, variant, seed);
    }

    static StudyRow row(StudySpec spec, String variant, int seed) {
        var config = spec.config(variant, seed);
        Map<String, Double> metrics = new TreeMap<>();
        double acc = ACCURACY.get(variant)[seed];
        metrics.put(StudyMetrics.MLM_ACCURACY, acc);
        metrics.put(StudyMetrics.TRAIN_TOKENS_PER_S, SPEED.get(variant)[seed]);
        metrics.put(StudyMetrics.PARAMS_TOTAL, 2_000_000.0);
        metrics.put(StudyMetrics.PARAMS_ACTIVE, variant.equals("dense") ? 2_000_000.0 : 1_000_000.0);
        if (!variant.equals("dense")) {
            metrics.put(StudyMetrics.LEFT_BEHIND, 0.1 + 0.1 * seed);
        }
        RunProvenance p = new RunProvenance("pretrain", config, seed, Map.of("steps", "3"), Map.of("a.txt", "00"),
                Map.of("djl", "test"), Map.of("cpus", "2"), "2026-01-01T00:00:00Z");
        List<StudyRow.EvalPoint> curve = List.of(new StudyRow.EvalPoint(2, Map.of("mlm_accuracy", acc / 2)),
                new StudyRow.EvalPoint(3, Map.of("mlm_accuracy", acc)));
        return new StudyRow(spec.name(), variant, seed, StudyRow.Status.COMPLETED, config, metrics, curve, 1.5, p, 2,
                "");
    }
}
