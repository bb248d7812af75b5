package org.sparsemixerlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fine-tuning tasks committed under {@code datasets/tasks/}, each a stand-in for a GLUE task
 * that cannot be obtained here (see {@code datasets/README.md}).
 */
public enum ClassificationTask {
    /** UCI Sentiment Labelled Sentences (Amazon, IMDb, Yelp); binary; stands in for SST-2. */
    SENTIMENT("sentiment", false, 2, "SST-2"),
    /** Amazon fine-food reviews, 5 stars (1) vs fewer (0); binary, 65/35; review-level SST-2/IMDB-like. */
    FOOD_REVIEWS("food-reviews", false, 2, "SST-2 (longer reviews)"),
    /**
     * KJV verse vs WEB verse: same reference (1) or the most word-overlapping other verse of the
     * same chapter (0); sentence pairs, split by book; a constructed stand-in for MRPC.
     */
    PARAPHRASE("paraphrase", true, 2, "MRPC (constructed)");

    private final String fileStem;
    private final boolean pair;
    private final int numLabels;
    private final String glueStandIn;

    ClassificationTask(String fileStem, boolean pair, int numLabels, String glueStandIn) {
        this.fileStem = fileStem;
        this.pair = pair;
        this.numLabels = numLabels;
        this.glueStandIn = glueStandIn;
    }

    /** Plain name used in file names and on command lines, e.g. {@code food-reviews}. */
    public String taskName() {
        return fileStem;
    }

    /** True if rows are sentence pairs. */
    public boolean isPair() {
        return pair;
    }

    /** Number of classes. */
    public int numLabels() {
        return numLabels;
    }

    /** The GLUE task this one stands in for. */
    public String glueStandIn() {
        return glueStandIn;
    }

    /** Path of a split's file inside {@code datasets/}. */
    public String fileName(Split split) {
        return "tasks/" + fileStem + "-" + split.name().toLowerCase(Locale.ROOT) + ".tsv.gz";
    }

    /** Looks a task up by {@link #taskName()} (or enum name), case-insensitively. */
    public static ClassificationTask byName(String name) {
        for (ClassificationTask t : values()) {
            if (t.fileStem.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "unknown task '" + name + "'; expected one of sentiment, food-reviews, paraphrase");
    }

    /** Reads a split from the datasets folder found by {@link DatasetsDirectory#locate()}. */
    public TaskSplit load(Split split) {
        return load(DatasetsDirectory.locate(), split);
    }

    /** Reads and verifies a split's file. */
    public TaskSplit load(DatasetsDirectory datasets, Split split) {
        String file = fileName(split);
        DatasetFingerprint print = datasets.verify(file);
        int columns = pair ? 4 : 3;
        List<LabelledText> rows = new ArrayList<>();
        try (BufferedReader reader = datasets.openVerified(file)) {
            String header = reader.readLine();
            String expectedHeader = pair ? "id\tlabel\tsentence1\tsentence2" : "id\tlabel\ttext";
            if (!expectedHeader.equals(header)) {
                throw malformed(file, 1, "header '" + expectedHeader.replace("\t", "<TAB>") + "'", header);
            }
            int lineNo = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw malformed(file, lineNo, columns + " tab-separated columns", cells.length + " columns");
                }
                int label;
                try {
                    label = Integer.parseInt(cells[1]);
                } catch (NumberFormatException e) {
                    throw malformed(file, lineNo, "an integer label", cells[1]);
                }
                if (label < 0 || label >= numLabels) {
                    throw malformed(file, lineNo, "a label in [0, " + numLabels + ")", cells[1]);
                }
                rows.add(new LabelledText(cells[0], label, cells[2], pair ? cells[3] : null));
            }
        } catch (IOException e) {
            throw new DatasetIntegrityException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return new TaskSplit(this, split, List.copyOf(rows), print.withExampleCount(rows.size()));
    }

    private static DatasetIntegrityException malformed(String file, int line, String expected, String got) {
        return new DatasetIntegrityException(
                file + " line " + line + ": expected " + expected + ", got '" + got + "'; "
                        + DatasetIntegrityException.REDERIVE_HINT);
    }
}
