package org.sparsemixerlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds MLM+NSP examples from tokenized documents, seeded and deterministic (SPEC 3.2).
 *
 * <p>For each document, consecutive lines are packed greedily into chunks of at most L-3 pieces (a
 * line longer than that is cut into L-3-piece parts first). Each chunk with at least two pieces
 * gives one example: a random pivot splits it into A and B (at a line boundary when the chunk has
 * two or more lines, else inside the line); with probability 0.5 the example is {@code [CLS] A [SEP]
 * B [SEP]} with NSP label 1, otherwise {@code [CLS] B [SEP] A [SEP]} with label 0. Then
 * round(15%) of the non-special, non-pad positions (at least 1, at most P) are chosen for
 * prediction; of those 80% become {@code [MASK]}, 10% a random ordinary word piece and 10% stay.
 *
 * <p>The same seed and documents always give the same examples; {@link #build} restarts its random
 * stream on every call, so use a new seed per epoch for fresh masks.
 */
public final class PretrainingExampleBuilder {

    /** Fraction of candidate positions chosen for prediction. */
    public static final double MASK_RATE = 0.15;

    private final SpecialTokens specials;
    private final int maxSeqLength;
    private final int maxPredictions;
    private final long seed;

    /**
     * @param specials special ids of the vocabulary
     * @param maxSeqLength L, at least 5
     * @param maxPredictions P, at least 1
     * @param seed random seed
     */
    public PretrainingExampleBuilder(SpecialTokens specials, int maxSeqLength, int maxPredictions, long seed) {
        if (maxSeqLength < 5) {
            throw new IllegalArgumentException("maxSeqLength must be at least 5, got " + maxSeqLength);
        }
        if (maxPredictions < 1 || maxPredictions > maxSeqLength) {
            throw new IllegalArgumentException(
                    "maxPredictions must lie in [1, " + maxSeqLength + "], got " + maxPredictions);
        }
        this.specials = specials;
        this.maxSeqLength = maxSeqLength;
        this.maxPredictions = maxPredictions;
        this.seed = seed;
    }

    /** A builder with {@link #defaultMaxPredictions(int)} slots. */
    public PretrainingExampleBuilder(SpecialTokens specials, int maxSeqLength, long seed) {
        this(specials, maxSeqLength, defaultMaxPredictions(maxSeqLength), seed);
    }

    /** P scaled from the reference's 80 at L = 512: round(80 L / 512), at least 1 (20 at L = 128). */
    public static int defaultMaxPredictions(int maxSeqLength) {
        return Math.max(1, (int) Math.round(80.0 * maxSeqLength / 512.0));
    }

    /** Sequence length L. */
    public int maxSeqLength() {
        return maxSeqLength;
    }

    /** Prediction slots P. */
    public int maxPredictions() {
        return maxPredictions;
    }

    /** All examples of the documents, in document and chunk order. */
    public List<PretrainingExample> build(List<TokenizedDocument> documents) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PretrainingExample> out = new ArrayList<>();
        for (TokenizedDocument doc : documents) {
            for (List<int[]> chunk : chunks(doc.lines(), maxSeqLength - 3)) {
                PretrainingExample example = fromChunk(chunk, random);
                if (example != null) {
                    out.add(example);
                }
            }
        }
        return out;
    }

    /** Greedy packing of consecutive lines into chunks of at most {@code budget} pieces. */
    static List<List<int[]>> chunks(int[][] lines, int budget) {
        List<List<int[]>> chunks = new ArrayList<>();
        List<int[]> current = new ArrayList<>();
        int size = 0;
        for (int[] fullLine : lines) {
            for (int from = 0; from < fullLine.length; from += budget) {
                int[] line = Arrays.copyOfRange(fullLine, from, Math.min(fullLine.length, from + budget));
                if (size + line.length > budget && !current.isEmpty()) {
                    chunks.add(current);
                    current = new ArrayList<>();
                    size = 0;
                }
                current.add(line);
                size += line.length;
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private PretrainingExample fromChunk(List<int[]> lines, SplittableRandom random) {
        int[] a;
        int[] b;
        if (lines.size() >= 2) {
            int pivot = 1 + random.nextInt(lines.size() - 1);
            a = concat(lines.subList(0, pivot));
            b = concat(lines.subList(pivot, lines.size()));
        } else {
            int[] only = lines.get(0);
            if (only.length < 2) {
                return null;
            }
            int pivot = 1 + random.nextInt(only.length - 1);
            a = Arrays.copyOfRange(only, 0, pivot);
            b = Arrays.copyOfRange(only, pivot, only.length);
        }
        boolean inOrder = random.nextBoolean();
        int[] first = inOrder ? a : b;
        int[] second = inOrder ? b : a;
        ClassificationExample layout =
                ClassificationExampleBuilder.fromPieces(first, second, 0, maxSeqLength, specials);
        int[] ids = layout.inputIds();
        return mask(ids, layout.typeIds(), layout.tokenMask(), inOrder ? 1 : 0, random);
    }

    private PretrainingExample mask(int[] ids, int[] types, int[] tokenMask, int nspLabel, SplittableRandom random) {
        int[] candidates = new int[ids.length];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (tokenMask[i] == 1 && !specials.neverMasked(ids[i])) {
                candidates[n++] = i;
            }
        }
        // Partial Fisher-Yates: the first `count` entries become a uniform random subset.
        int count = Math.min(maxPredictions, Math.max(1, (int) Math.round(n * MASK_RATE)));
        count = Math.min(count, n);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
        }
        int[] chosen = Arrays.copyOf(candidates, count);
        Arrays.sort(chosen);
        int[] positions = new int[maxPredictions];
        int[] labels = new int[maxPredictions];
        float[] weights = new float[maxPredictions];
        int randomRange = specials.vocabSize() - specials.firstNormalId();
        for (int k = 0; k < count; k++) {
            int pos = chosen[k];
            positions[k] = pos;
            labels[k] = ids[pos];
            weights[k] = 1f;
            double r = random.nextDouble();
            if (r < 0.8) {
                ids[pos] = specials.mask();
            } else if (r < 0.9) {
                ids[pos] = specials.firstNormalId() + random.nextInt(randomRange);
            }
        }
        return new PretrainingExample(ids, types, tokenMask, positions, labels, weights, nspLabel);
    }

    private static int[] concat(List<int[]> parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
