package org.sparsemixerlab.data;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * BERT-uncased WordPiece (30,522 ids) through DJL's HuggingFace tokenizers binding, loaded offline
 * from {@code datasets/tokenizer/bert-base-uncased-tokenizer.json.gz}.
 *
 * <p>The file's built-in truncation (128) and fixed padding are switched off: this class returns
 * exactly the pieces of the text, and the example builders add {@code [CLS]}/{@code [SEP]}, truncate
 * and pad to the model's L themselves. Thread-safe for encoding; close it to free the native handle.
 */
public final class WordPieceTokenizer implements AutoCloseable {

    /** Path of the tokenizer file inside {@code datasets/}. */
    public static final String BERT_UNCASED_FILE = "tokenizer/bert-base-uncased-tokenizer.json.gz";

    private static final Map<String, String> OPTIONS =
            Map.of(
                    "addSpecialTokens", "false",
                    "truncation", "false",
                    "padding", "false",
                    "maxLength", "1000000");

    private static final int BATCH = 4096;

    private static long[] trainingCorpusCounts;

    private final HuggingFaceTokenizer tokenizer;
    private final boolean ownsNative;
    private final String[] vocabulary;
    private final Map<String, Integer> idsByToken;
    private final SpecialTokens specials;
    private final DatasetFingerprint fingerprint;
    /** Null for the full vocabulary; otherwise the compact one and its full-to-compact table. */
    private final CompactVocabulary compact;
    private final int[] toCompact;
    private final int[] fullIds;

    private WordPieceTokenizer(String json, DatasetFingerprint fingerprint) throws IOException {
        this.fingerprint = fingerprint;
        this.vocabulary = readVocabulary(json);
        Map<String, Integer> byToken = new HashMap<>();
        for (int i = 0; i < vocabulary.length; i++) {
            byToken.put(vocabulary[i], i);
        }
        this.idsByToken = byToken;
        this.specials =
                new SpecialTokens(
                        idOf("[PAD]"), idOf("[UNK]"), idOf("[CLS]"), idOf("[SEP]"), idOf("[MASK]"),
                        firstNormalId(vocabulary), vocabulary.length);
        this.tokenizer =
                HuggingFaceTokenizer.newInstance(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OPTIONS);
        this.ownsNative = true;
        this.compact = null;
        this.toCompact = null;
        this.fullIds = null;
    }

    private WordPieceTokenizer(WordPieceTokenizer full, CompactVocabulary compact, boolean ownsNative) {
        if (full.compact != null) {
            throw new IllegalArgumentException("compact vocabularies are carved from the full tokenizer, not from "
                    + full.compact);
        }
        if (compact.fullVocabularySize() != full.vocabSize()) {
            throw new IllegalArgumentException("the compact vocabulary indexes " + compact.fullVocabularySize()
                    + " ids but this tokenizer has " + full.vocabSize());
        }
        this.tokenizer = full.tokenizer;
        this.ownsNative = ownsNative;
        this.fingerprint = full.fingerprint;
        this.compact = compact;
        this.fullIds = compact.fullIds();
        this.toCompact = compact.lookupTable();
        this.vocabulary = new String[fullIds.length];
        Map<String, Integer> byToken = new HashMap<>();
        for (int c = 0; c < fullIds.length; c++) {
            vocabulary[c] = full.vocabulary[fullIds[c]];
            byToken.put(vocabulary[c], c);
        }
        this.idsByToken = byToken;
        this.specials = compact.specialTokens();
    }

    /**
     * BERT uncased with {@code vocabSize} ids: the full tokenizer for 30,522, otherwise the
     * {@link CompactVocabulary} of the most frequent pieces of the corpus training split (all sources).
     * The compact vocabulary depends only on the shipped files and the size, so pre-training and
     * fine-tuning runs of the same {@code vocab_size} agree on every id.
     */
    public static WordPieceTokenizer forVocabularySize(int vocabSize) {
        WordPieceTokenizer full = bertUncased();
        if (vocabSize == full.vocabSize()) {
            return full;
        }
        try {
            CompactVocabulary v = CompactVocabulary.mostFrequent(full.specials, trainingCorpusCounts(full), vocabSize);
            return new WordPieceTokenizer(full, v, true);
        } catch (RuntimeException e) {
            full.close();
            throw e;
        }
    }

    /**
     * A view with a compact vocabulary sharing this tokenizer's native handle: closing the view does
     * nothing, close this tokenizer instead.
     */
    public WordPieceTokenizer compacted(CompactVocabulary vocabulary) {
        return new WordPieceTokenizer(this, vocabulary, false);
    }

    /** The compact vocabulary in use, or null for the full BERT vocabulary. */
    public CompactVocabulary compactVocabulary() {
        return compact;
    }

    private static synchronized long[] trainingCorpusCounts(WordPieceTokenizer full) {
        if (trainingCorpusCounts == null) {
            long[] counts = new long[full.vocabSize()];
            for (TokenizedDocument doc : PretrainingCorpus.load(Split.TRAIN).tokenize(full)) {
                for (int[] line : doc.lines()) {
                    for (int id : line) {
                        counts[id]++;
                    }
                }
            }
            trainingCorpusCounts = counts;
        }
        return trainingCorpusCounts.clone();
    }

    /** Loads BERT uncased from the datasets folder found by {@link DatasetsDirectory#locate()}. */
    public static WordPieceTokenizer bertUncased() {
        return bertUncased(DatasetsDirectory.locate());
    }

    /** Loads BERT uncased from the given datasets folder, after verifying the file's SHA-256. */
    public static WordPieceTokenizer bertUncased(DatasetsDirectory datasets) {
        DatasetFingerprint print = datasets.verify(BERT_UNCASED_FILE);
        try (BufferedReader reader = datasets.openVerified(BERT_UNCASED_FILE)) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            WordPieceTokenizer loaded = new WordPieceTokenizer(text.toString(), print);
            return loaded;
        } catch (IOException e) {
            throw new DatasetIntegrityException(
                    "Cannot load " + BERT_UNCASED_FILE + ": " + e.getMessage() + "; "
                            + DatasetIntegrityException.REDERIVE_HINT, e);
        }
    }

    /** Word-piece ids of {@code text} without special tokens, untruncated. */
    public int[] encode(String text) {
        return toIds(tokenizer.encode(text, false, false).getIds());
    }

    /** Word-piece ids of many texts at once (the native side works in parallel, 4,096 at a time). */
    public int[][] encodeAll(List<String> texts) {
        int[][] ids = new int[texts.size()][];
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + BATCH));
            Encoding[] encodings = tokenizer.batchEncode(part, false, false);
            for (int i = 0; i < encodings.length; i++) {
                ids[from + i] = toIds(encodings[i].getIds());
            }
        }
        return ids;
    }

    /** {@code [CLS] text [SEP]}, untruncated. */
    public int[] encodeWithSpecials(String text) {
        int[] pieces = encode(text);
        int[] ids = new int[pieces.length + 2];
        ids[0] = specials.cls();
        System.arraycopy(pieces, 0, ids, 1, pieces.length);
        ids[ids.length - 1] = specials.sep();
        return ids;
    }

    /** {@code [CLS] a [SEP] b [SEP]} with type ids 0 then 1, untruncated. */
    public TokenizedPair encodePair(String a, String b) {
        return ClassificationExampleBuilder.pairLayout(encode(a), encode(b), specials);
    }

    /** Text of the ids, word pieces joined; special tokens are dropped when asked. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            idToToken(ids[i]);
            longs[i] = fullIds == null ? ids[i] : fullIds[ids[i]];
        }
        return tokenizer.decode(longs, skipSpecialTokens);
    }

    /** Text of the ids with special tokens dropped. */
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /** The vocabulary entry of {@code id}, e.g. {@code "##ing"}. */
    public String idToToken(int id) {
        if (id < 0 || id >= vocabulary.length) {
            throw new IllegalArgumentException(
                    "token id " + id + " outside the vocabulary [0, " + vocabulary.length + ")");
        }
        return vocabulary[id];
    }

    /** The id of a vocabulary entry; throws if the entry does not exist. */
    public int idOf(String token) {
        Integer id = idsByToken.get(token);
        if (id != null) {
            return id;
        }
        throw new IllegalArgumentException("'" + token + "' is not in the vocabulary");
    }

    /** Number of ids V (30,522 for BERT uncased, fewer with a compact vocabulary). */
    public int vocabSize() {
        return vocabulary.length;
    }

    /** Special ids and the random-replacement range. */
    public SpecialTokens specialTokens() {
        return specials;
    }

    /** The tokenizer file that was read. */
    public DatasetFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() {
        if (ownsNative) {
            tokenizer.close();
        }
    }

    private static String[] readVocabulary(String json) throws IOException {
        JsonNode vocab = new ObjectMapper().readTree(json).path("model").path("vocab");
        if (!vocab.isObject() || vocab.size() == 0) {
            throw new IOException("expected a WordPiece tokenizer.json with model.vocab, found none");
        }
        String[] tokens = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int id = entry.getValue().asInt(-1);
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new IOException("model.vocab ids are not a permutation of 0.." + (tokens.length - 1)
                        + " (entry '" + entry.getKey() + "' -> " + entry.getValue() + ")");
            }
            tokens[id] = entry.getKey();
        }
        return tokens;
    }

    private static int firstNormalId(String[] vocabulary) {
        for (int i = 0; i < vocabulary.length; i++) {
            String t = vocabulary[i];
            if (!(t.startsWith("[") && t.endsWith("]"))) {
                return i;
            }
        }
        throw new IllegalArgumentException("vocabulary holds only bracketed special entries");
    }

    private int[] toIds(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int full = Math.toIntExact(ids[i]);
            out[i] = toCompact == null ? full : toCompact[full];
        }
        return out;
    }
}
