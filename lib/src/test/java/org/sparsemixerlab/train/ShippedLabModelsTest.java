package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemixerlab.data.DatasetsDirectory;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.ShuffledBatches;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.LabModel;
import org.sparsemixerlab.model.LabModels;

/**
 * The lab models committed in {@code datasets/models}: each loads through the checksum check, its
 * recorded held-out figures are reproduced by evaluating the shipped file now, and it beats the
 * unigram baseline it records.
 */
class ShippedLabModelsTest {

    @Test
    void theShippedModelsAreListedAndTheFolderStaysSmall() throws IOException {
        List<String> names = LabModels.names();
        assertTrue(names.containsAll(List.of("sparse-mixer-lab", "bert-lab")), names.toString());
        Path folder = DatasetsDirectory.locate().root().resolve("models");
        long bytes;
        try (var files = Files.walk(folder)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 40L << 20, "datasets/models holds " + bytes + " bytes; the budget is 40 MB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sparse-mixer-lab", "bert-lab"})
    void aShippedModelReproducesItsRecordedHeldOutFiguresAndBeatsTheUnigramBaseline(String name) {
        try (LabModel lab = LabModels.load(name);
                WordPieceTokenizer tok = WordPieceTokenizer.forVocabularySize(lab.config().vocabSize())) {
            @SuppressWarnings("unchecked")
            Map<String, Number> recorded = (Map<String, Number>) lab.facts().get("heldout_first_6_batches");
            List<PretrainingExample> heldout = PretrainingData.heldout(lab.config(), tok, PretrainingCorpus.SOURCES,
                    lab.config().seed());
            TrainingSettings settings = TrainingSettings.defaults(1).withEvaluation(0, 6);
            EvalMetrics now = new TrainingLoop<>(lab.model(), new PretrainingTask(lab.config()), settings, lab.manager(),
                    null).evaluateOn(() -> ShuffledBatches.inOrder(heldout, settings.batchSize(), PretrainingBatch::of))
                    .evaluate(0);
            assertEquals(recorded.get("mlm_loss").doubleValue(), now.value("mlm_loss"), 1e-4);
            assertEquals(recorded.get("mlm_accuracy").doubleValue(), now.value("mlm_accuracy"), 1e-6);
            double unigramLoss = ((Number) lab.facts().get("unigram_mlm_loss")).doubleValue();
            double unigramAccuracy = ((Number) lab.facts().get("unigram_mlm_accuracy")).doubleValue();
            assertTrue(now.value("mlm_loss") < unigramLoss - 0.5, now.value("mlm_loss") + " vs unigram " + unigramLoss);
            assertTrue(now.value("mlm_accuracy") > 2 * unigramAccuracy,
                    now.value("mlm_accuracy") + " vs unigram " + unigramAccuracy);
        }
    }
}
