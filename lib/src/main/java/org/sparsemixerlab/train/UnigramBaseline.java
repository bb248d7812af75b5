package org.sparsemixerlab.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparsemixerlab.data.PretrainingExample;

/**
 * The MLM baseline a model must beat: always predict the token that is most often masked in the
 * training examples, and the NSP majority label.
 *
 * @param token the predicted token id
 * @param mlmAccuracy accuracy of that guess on the evaluation examples' real predictions
 * @param nspAccuracy accuracy of the majority NSP label (from training) on the evaluation examples
 */
public record UnigramBaseline(int token, double mlmAccuracy, double nspAccuracy) {

    /** Fits on {@code train}, scores on {@code eval}. */
    public static UnigramBaseline measure(List<PretrainingExample> train, List<PretrainingExample> eval) {
        Map<Integer, Integer> counts = new HashMap<>();
        int positive = 0;
        for (PretrainingExample e : train) {
            for (int i = 0; i < e.maskedLabelIds().length; i++) {
                if (e.maskedWeights()[i] > 0) {
                    counts.merge(e.maskedLabelIds()[i], 1, Integer::sum);
                }
            }
            positive += e.nspLabel();
        }
        int best = counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
        int majority = 2 * positive >= train.size() ? 1 : 0;
        double hits = 0;
        double total = 0;
        int nspHits = 0;
        for (PretrainingExample e : eval) {
            for (int i = 0; i < e.maskedLabelIds().length; i++) {
                if (e.maskedWeights()[i] > 0) {
                    total++;
                    hits += e.maskedLabelIds()[i] == best ? 1 : 0;
                }
            }
            nspHits += e.nspLabel() == majority ? 1 : 0;
        }
        return new UnigramBaseline(best, total == 0 ? 0 : hits / total, eval.isEmpty() ? 0 : (double) nspHits / eval.size());
    }

    /**
     * The MLM loss (nats per prediction) of the unigram distribution of the training examples'
     * masked labels, add-one smoothed over the whole vocabulary, on the evaluation examples' real
     * predictions: the loss a model that ignores the context entirely would reach.
     */
    public static double unigramLoss(List<PretrainingExample> train, List<PretrainingExample> eval, int vocabSize) {
        double[] counts = new double[vocabSize];
        double total = vocabSize;
        java.util.Arrays.fill(counts, 1.0);
        for (PretrainingExample e : train) {
            for (int i = 0; i < e.maskedLabelIds().length; i++) {
                if (e.maskedWeights()[i] > 0) {
                    counts[e.maskedLabelIds()[i]]++;
                    total++;
                }
            }
        }
        double loss = 0;
        long n = 0;
        for (PretrainingExample e : eval) {
            for (int i = 0; i < e.maskedLabelIds().length; i++) {
                if (e.maskedWeights()[i] > 0) {
                    loss -= Math.log(counts[e.maskedLabelIds()[i]] / total);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : loss / n;
    }
}
