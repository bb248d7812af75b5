package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.ClassificationExample;
import org.sparsemixerlab.data.ClassificationExampleBuilder;
import org.sparsemixerlab.data.ClassificationTask;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.Split;
import org.sparsemixerlab.data.WordPieceTokenizer;

class FineTuningTest {
    private static final ModelConfig CONFIG = Presets.get("sparse-mixer-tiny");
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.bertUncased();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static float[] parameter(ai.djl.nn.Block block, String suffix) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no parameter ending in " + suffix);
    }

    @Test
    void fineTuningStartsFromThePretrainedEncoderWithAFreshHead(@TempDir Path dir) {
        PretrainingData data = PretrainingData.prepare(CONFIG, tokenizer, List.of("moby-dick"), 2, 0);
        TrainingSettings two = TrainingSettings.defaults(2).withBatchSize(4);
        float[] pretrainedWords;
        try (PretrainingRun pre = new PretrainingRun(CONFIG, two, data, Device.cpu(), dir.resolve("pre"))) {
            pre.run();
            pretrainedWords = parameter(pre.model(), "word_embeddings");
        }
        ModelConfig fineTune = CONFIG.toBuilder().expertDropoutRate(0.2).seed(3).build();
        try (FineTuningRun ft = new FineTuningRun(fineTune, ClassificationTask.SENTIMENT, two, tokenizer,
                dir.resolve("pre/checkpoint.smlc"), Device.cpu(), null);
                FineTuningRun fresh = new FineTuningRun(fineTune, ClassificationTask.SENTIMENT, two, tokenizer, null,
                        Device.cpu(), null)) {
            assertArrayEquals(pretrainedWords, parameter(ft.model(), "word_embeddings"));
            assertArrayEquals(parameter(fresh.model(), "classifier_kernel"), parameter(ft.model(), "classifier_kernel"),
                    "the head is initialised from the seed, not taken from the checkpoint");
            TrainingResult r = ft.run();
            assertEquals(TrainingResult.Status.COMPLETED, r.status());
            double accuracy = r.finalEvaluation().value("accuracy");
            assertTrue(accuracy >= 0 && accuracy <= 1);
            assertFalse(Double.isNaN(r.finalEvaluation().value("f1")));
        }
    }

    @Test
    void aCheckpointOfAnotherShapeIsRefusedWithTheDifference(@TempDir Path dir) {
        PretrainingData data = PretrainingData.prepare(CONFIG, tokenizer, List.of("moby-dick"), 1, 0);
        try (PretrainingRun pre = new PretrainingRun(CONFIG, TrainingSettings.defaults(1).withBatchSize(2), data,
                Device.cpu(), dir)) {
            pre.run();
        }
        ModelConfig wider = Presets.get("bert-tiny");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FineTuningRun(wider,
                ClassificationTask.SENTIMENT, TrainingSettings.defaults(1), tokenizer, dir.resolve("checkpoint.smlc"),
                Device.cpu(), null));
        assertTrue(e.getMessage().contains("architecture"), e.getMessage());
    }

    @Test
    void bagOfWordsBaselineLearnsSentimentWellAboveChance() {
        ClassificationExampleBuilder b = new ClassificationExampleBuilder(tokenizer, 64);
        List<ClassificationExample> train = b.build(ClassificationTask.SENTIMENT.load(Split.TRAIN).rows());
        List<ClassificationExample> dev = b.build(ClassificationTask.SENTIMENT.load(Split.DEV).rows());
        BagOfWordsBaseline r = BagOfWordsBaseline.measure(train, dev, tokenizer.vocabSize(), 0);
        assertEquals(0.5, r.majorityAccuracy(), 0.01, "the sentiment dev split is balanced");
        assertTrue(r.bagOfWordsAccuracy() > 0.7, "bag of words accuracy " + r.bagOfWordsAccuracy());
    }

    @Test
    void unigramBaselinePredictsTheMostFrequentMaskedToken() {
        int[] ids = new int[8];
        float[] w = {1, 1, 1, 0};
        PretrainingExample a = new PretrainingExample(ids, new int[8], new int[8], new int[] {1, 2, 3, 0},
                new int[] {7, 7, 9, 5}, w, 1);
        PretrainingExample b = new PretrainingExample(ids, new int[8], new int[8], new int[] {1, 2, 3, 0},
                new int[] {9, 4, 7, 9}, w, 0);
        UnigramBaseline u = UnigramBaseline.measure(List.of(a, a), List.of(b));
        assertEquals(7, u.token());
        assertEquals(1.0 / 3, u.mlmAccuracy(), 1e-12);
        assertEquals(0.0, u.nspAccuracy(), 1e-12);
    }
}
