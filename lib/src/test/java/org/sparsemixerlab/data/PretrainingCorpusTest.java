package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PretrainingCorpusTest {

    @Test
    void heldOutDocumentsAreCountedAndAbsentFromTraining() {
        DatasetsDirectory datasets = DatasetsDirectory.locate();
        PretrainingCorpus dev = PretrainingCorpus.load(datasets, Split.DEV, PretrainingCorpus.SOURCES);
        assertEquals(List.of(3L, 3L, 2L), dev.fingerprints().stream().map(DatasetFingerprint::exampleCount).toList());
        assertEquals(8, dev.documents().size());

        PretrainingCorpus austenTrain = PretrainingCorpus.load(datasets, Split.TRAIN, List.of("austen"));
        assertEquals(266, austenTrain.documents().size());
        Set<String> trainLines = new HashSet<>();
        austenTrain.documents().forEach(d -> trainLines.addAll(d.lines()));
        dev.documents().stream().filter(d -> d.id().startsWith("austen"))
                .flatMap(d -> d.lines().stream())
                .filter(line -> line.length() > 80)
                .forEach(line -> assertFalse(trainLines.contains(line), "held-out line in training: " + line));
    }

    @Test
    void heldOutCorpusTokenizesWithoutUnknownsIntoValidExamples() {
        PretrainingCorpus dev = PretrainingCorpus.load(Split.DEV);
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.bertUncased()) {
            List<TokenizedDocument> docs = dev.tokenize(tokenizer);
            long pieces = docs.stream().mapToLong(TokenizedDocument::pieceCount).sum();
            long unknown = docs.stream().flatMap(d -> java.util.Arrays.stream(d.lines()))
                    .flatMapToInt(java.util.Arrays::stream).filter(id -> id == tokenizer.specialTokens().unk()).count();
            assertTrue(pieces > 20_000, "held-out pieces: " + pieces);
            assertTrue(unknown * 1000 < pieces, unknown + " [UNK] of " + pieces);
            List<PretrainingExample> examples =
                    new PretrainingExampleBuilder(tokenizer.specialTokens(), 128, 0).build(docs);
            // Greedy packing fills chunks to at least half of L-3 on average.
            assertTrue(examples.size() <= 2 * pieces / 125 + docs.size(), "examples: " + examples.size());
            for (PretrainingExample e : examples) {
                assertEquals(128, e.length());
                assertEquals(20, e.maxPredictions());
            }
        }
    }
}
