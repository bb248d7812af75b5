package org.sparsemixerlab.ablation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.train.PretrainingData;

/**
 * The tokenizer and prepared pre-training data a study's rows share. Data depend on the sequence
 * length, vocabulary, sources, document limit and seed; the most recent few are kept so that
 * consecutive rows with the same seed (the study order is seed-major) tokenize the corpus once.
 * Share one instance between runners to reuse it across runs; close it to free the tokenizer.
 */
public final class StudyData implements AutoCloseable {
    private static final int KEEP = 2;
    private final Map<Integer, WordPieceTokenizer> tokenizers = new LinkedHashMap<>();
    private final Map<String, PretrainingData> recent = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PretrainingData> eldest) {
            return size() > KEEP;
        }
    };

    /**
     * The BERT uncased word-piece tokenizer with {@code vocabSize} ids (a compact vocabulary when
     * smaller than 30,522), loaded on first use.
     */
    public synchronized WordPieceTokenizer tokenizer(int vocabSize) {
        return tokenizers.computeIfAbsent(vocabSize, WordPieceTokenizer::forVocabularySize);
    }

    /** Pre-training examples for {@code config} under {@code budget}, masked with {@code seed}. */
    public synchronized PretrainingData pretraining(ModelConfig config, StudyBudget budget, long seed) {
        String key = config.maxSeqLength() + "|" + config.vocabSize() + "|" + budget.sources() + "|"
                + budget.maxTrainDocuments() + "|" + seed;
        PretrainingData data = recent.get(key);
        if (data == null) {
            data = PretrainingData.prepare(config, tokenizer(config.vocabSize()), budget.sources(), budget.maxTrainDocuments(), seed);
            recent.put(key, data);
        }
        return data;
    }

    @Override
    public synchronized void close() {
        recent.clear();
        tokenizers.values().forEach(WordPieceTokenizer::close);
        tokenizers.clear();
    }
}
