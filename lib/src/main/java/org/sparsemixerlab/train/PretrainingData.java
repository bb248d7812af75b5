package org.sparsemixerlab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.DatasetFingerprint;
import org.sparsemixerlab.data.DatasetsDirectory;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.PretrainingExampleBuilder;
import org.sparsemixerlab.data.Split;
import org.sparsemixerlab.data.TokenizedDocument;
import org.sparsemixerlab.data.WordPieceTokenizer;

/**
 * Pre-training examples from the shipped corpus: training examples from the training documents,
 * evaluation examples from the held-out documents, masked once with a seeded builder (static
 * masking; the reference masks on the fly, which matters little at the step budgets run here).
 *
 * @param train training examples
 * @param heldout evaluation examples
 * @param fingerprints data file name to sha256 (for provenance)
 */
public record PretrainingData(List<PretrainingExample> train, List<PretrainingExample> heldout,
        Map<String, String> fingerprints) {

    public PretrainingData {
        train = Collections.unmodifiableList(train);
        heldout = Collections.unmodifiableList(heldout);
        fingerprints = Map.copyOf(fingerprints);
    }

    /**
     * Builds examples of length {@code max_seq_length} from the given corpus sources.
     *
     * @param maxTrainDocuments at most this many training documents (0: all), to keep tests quick
     */
    public static PretrainingData prepare(ModelConfig config, WordPieceTokenizer tokenizer, List<String> sources,
            int maxTrainDocuments, long seed) {
        if (tokenizer.vocabSize() != config.vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " ids but vocab_size is "
                    + config.vocabSize() + "; load the tokenizer with WordPieceTokenizer.forVocabularySize("
                    + config.vocabSize() + ") or set vocab_size: " + tokenizer.vocabSize());
        }
        DatasetsDirectory datasets = DatasetsDirectory.locate();
        PretrainingCorpus trainCorpus = PretrainingCorpus.load(datasets, Split.TRAIN, sources);
        PretrainingCorpus heldCorpus = PretrainingCorpus.load(datasets, Split.DEV, sources);
        List<TokenizedDocument> trainDocs = trainCorpus.tokenize(tokenizer);
        if (maxTrainDocuments > 0 && trainDocs.size() > maxTrainDocuments) {
            trainDocs = new ArrayList<>(trainDocs.subList(0, maxTrainDocuments));
        }
        int len = config.maxSeqLength();
        PretrainingExampleBuilder trainBuilder = new PretrainingExampleBuilder(tokenizer.specialTokens(), len, seed);
        PretrainingExampleBuilder heldBuilder = new PretrainingExampleBuilder(tokenizer.specialTokens(), len,
                seed + 1);
        Map<String, String> prints = new TreeMap<>();
        for (DatasetFingerprint f : trainCorpus.fingerprints()) {
            prints.put(f.fileName(), f.sha256());
        }
        for (DatasetFingerprint f : heldCorpus.fingerprints()) {
            prints.put(f.fileName(), f.sha256());
        }
        prints.put(tokenizer.fingerprint().fileName(), tokenizer.fingerprint().sha256());
        if (tokenizer.compactVocabulary() != null) {
            prints.put("compact-vocabulary-" + tokenizer.vocabSize(), tokenizer.compactVocabulary().sha256());
        }
        return new PretrainingData(trainBuilder.build(trainDocs), heldBuilder.build(heldCorpus.tokenize(tokenizer)),
                prints);
    }

    /**
     * Only the held-out examples {@link #prepare} would make for the same arguments (same order,
     * masking and NSP pairs), without tokenizing the training text: for evaluation and analysis of
     * a trained model.
     */
    public static List<PretrainingExample> heldout(ModelConfig config, WordPieceTokenizer tokenizer, List<String> sources,
            long seed) {
        PretrainingCorpus heldCorpus = PretrainingCorpus.load(DatasetsDirectory.locate(), Split.DEV, sources);
        return new PretrainingExampleBuilder(tokenizer.specialTokens(), config.maxSeqLength(), seed + 1)
                .build(heldCorpus.tokenize(tokenizer));
    }
}
