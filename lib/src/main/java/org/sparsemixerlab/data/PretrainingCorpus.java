package org.sparsemixerlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The MLM+NSP corpus under {@code datasets/corpus/}: State of the Union addresses (sentences),
 * Jane Austen's novels and Moby-Dick (paragraphs). Files hold one line per text line and an empty
 * line between documents; the DEV split is the ~1% of documents held out for MLM evaluation.
 *
 * @param documents documents in file order (sources in {@link #SOURCES} order)
 * @param fingerprints one per file read, counting documents
 */
public record PretrainingCorpus(List<CorpusDocument> documents, List<DatasetFingerprint> fingerprints) {

    /** Source names, in the order their documents are listed. */
    public static final List<String> SOURCES = List.of("sotu", "austen", "moby-dick");

    /** Reads every source's split from the datasets folder found by {@link DatasetsDirectory#locate()}. */
    public static PretrainingCorpus load(Split split) {
        return load(DatasetsDirectory.locate(), split, SOURCES);
    }

    /**
     * Reads and verifies the given sources' files.
     *
     * @param datasets the datasets folder
     * @param split TRAIN ({@code *-train.txt.gz}) or DEV ({@code *-heldout.txt.gz})
     * @param sources a subset of {@link #SOURCES}
     */
    public static PretrainingCorpus load(DatasetsDirectory datasets, Split split, List<String> sources) {
        List<CorpusDocument> docs = new ArrayList<>();
        List<DatasetFingerprint> prints = new ArrayList<>();
        for (String source : sources) {
            if (!SOURCES.contains(source)) {
                throw new IllegalArgumentException(
                        "unknown corpus source '" + source + "'; expected one of " + SOURCES);
            }
            String file = fileName(source, split);
            DatasetFingerprint print = datasets.verify(file);
            int before = docs.size();
            String prefix = source + "-" + (split == Split.TRAIN ? "train" : "heldout") + "#";
            try (BufferedReader reader = datasets.openVerified(file)) {
                List<String> lines = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        addDocument(docs, prefix, before, lines);
                        lines = new ArrayList<>();
                    } else {
                        lines.add(line);
                    }
                }
                addDocument(docs, prefix, before, lines);
            } catch (IOException e) {
                throw new DatasetIntegrityException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            prints.add(print.withExampleCount(docs.size() - before));
        }
        return new PretrainingCorpus(List.copyOf(docs), List.copyOf(prints));
    }

    /** Path of a source's split inside {@code datasets/}. */
    public static String fileName(String source, Split split) {
        return "corpus/" + source + "-" + (split == Split.TRAIN ? "train" : "heldout") + ".txt.gz";
    }

    /** Number of lines over all documents. */
    public long lineCount() {
        return documents.stream().mapToLong(d -> d.lines().size()).sum();
    }

    /** Tokenizes every line (in native batches of many lines), keeping document boundaries. */
    public List<TokenizedDocument> tokenize(WordPieceTokenizer tokenizer) {
        List<String> allLines = new ArrayList<>();
        documents.forEach(d -> allLines.addAll(d.lines()));
        int[][] pieces = tokenizer.encodeAll(allLines);
        List<TokenizedDocument> out = new ArrayList<>(documents.size());
        int at = 0;
        for (CorpusDocument doc : documents) {
            int n = doc.lines().size();
            out.add(new TokenizedDocument(doc.id(), java.util.Arrays.copyOfRange(pieces, at, at + n)));
            at += n;
        }
        return out;
    }

    private static void addDocument(List<CorpusDocument> docs, String prefix, int before, List<String> lines) {
        if (!lines.isEmpty()) {
            docs.add(new CorpusDocument(prefix + (docs.size() - before), List.copyOf(lines)));
        }
    }
}
