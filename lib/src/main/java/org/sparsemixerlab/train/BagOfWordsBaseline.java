package org.sparsemixerlab.train;

import java.util.List;
import java.util.Random;
import org.sparsemixerlab.data.ClassificationExample;

/**
 * Classification baselines on the same splits as fine-tuning: the majority class, and a
 * bag-of-words logistic regression (binary presence of each word-piece id, trained by plain SGD in
 * double precision) that a fine-tuned encoder should at least match.
 *
 * @param majorityAccuracy accuracy of always predicting the most common training label
 * @param bagOfWordsAccuracy accuracy of the logistic regression on the evaluation examples
 * @param bagOfWordsF1 F1 of class 1 of the logistic regression
 */
public record BagOfWordsBaseline(double majorityAccuracy, double bagOfWordsAccuracy, double bagOfWordsF1) {
    private static final int EPOCHS = 8;
    private static final double LEARNING_RATE = 0.1;
    private static final double L2 = 1e-5;

    /** Fits on {@code train}, scores on {@code eval}; binary labels 0/1. */
    public static BagOfWordsBaseline measure(List<ClassificationExample> train, List<ClassificationExample> eval,
            int vocabSize, long seed) {
        int ones = 0;
        for (ClassificationExample e : train) {
            ones += e.label();
        }
        int majority = 2 * ones >= train.size() ? 1 : 0;
        double[] w = new double[vocabSize];
        double[] bias = {0};
        Random random = new Random(seed);
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            shuffle(order, random);
            for (int i : order) {
                ClassificationExample e = train.get(i);
                int[] features = presentIds(e);
                double p = sigmoid(score(w, bias[0], features));
                double g = p - e.label();
                for (int f : features) {
                    w[f] -= LEARNING_RATE * (g + L2 * w[f]);
                }
                bias[0] -= LEARNING_RATE * g;
            }
        }
        int majorityHits = 0;
        int hits = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (ClassificationExample e : eval) {
            int predicted = score(w, bias[0], presentIds(e)) > 0 ? 1 : 0;
            hits += predicted == e.label() ? 1 : 0;
            majorityHits += majority == e.label() ? 1 : 0;
            tp += predicted == 1 && e.label() == 1 ? 1 : 0;
            fp += predicted == 1 && e.label() == 0 ? 1 : 0;
            fn += predicted == 0 && e.label() == 1 ? 1 : 0;
        }
        double n = Math.max(1, eval.size());
        return new BagOfWordsBaseline(majorityHits / n, hits / n, FineTuningTask.f1(tp, fp, fn));
    }

    /** Distinct real (non-padding) ids of an example, in first-seen order. */
    static int[] presentIds(ClassificationExample e) {
        java.util.LinkedHashSet<Integer> ids = new java.util.LinkedHashSet<>();
        for (int i = 0; i < e.inputIds().length; i++) {
            if (e.tokenMask()[i] == 1) {
                ids.add(e.inputIds()[i]);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double score(double[] w, double b, int[] features) {
        double s = b;
        for (int f : features) {
            s += w[f];
        }
        return s;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
