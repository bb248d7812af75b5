package org.sparsemixerlab.analysis;

/**
 * Routing across two MoE layers: how a token's top expert in layer a relates to its top expert in
 * layer b. {@code rowShares[i][j]} is the share of the tokens with expert i in layer a that have
 * expert j in layer b (rows sum to 1, or 0 for an unused expert). The mutual information {@code I(A;
 * B)} in bits is 0 when the layers route independently and reaches {@code min(H(A), H(B))} (its
 * maximum, {@link #maxBits()}) when one layer's choice determines the other's.
 *
 * <pre>
 * LayerFlow f = LayerFlow.of(sample, 1, 2);
 * System.out.printf("I = %.3f of at most %.3f bits%n", f.mutualInformationBits(), f.maxBits());
 * </pre>
 *
 * @param layerA encoder index of the first layer
 * @param layerB encoder index of the second
 * @param experts E (both layers)
 * @param counts tokens with expert i in a and j in b {@code [E][E]}
 * @param rowShares counts divided by their row sums
 * @param mutualInformationBits {@code I(A; B)}
 * @param entropyABits {@code H(A)}
 * @param entropyBBits {@code H(B)}
 */
public record LayerFlow(int layerA, int layerB, int experts, long[][] counts, double[][] rowShares,
        double mutualInformationBits, double entropyABits, double entropyBBits) {

    /** The largest mutual information these marginals allow, {@code min(H(A), H(B))}. */
    public double maxBits() {
        return Math.min(entropyABits, entropyBBits);
    }

    /** {@code I / max}, 0 when the maximum is 0. */
    public double normalised() {
        double m = maxBits();
        return m <= 0 ? 0 : mutualInformationBits / m;
    }

    /** The flow between two MoE layers of a sample. */
    public static LayerFlow of(RoutingSample sample, int layerA, int layerB) {
        LayerRouting a = sample.layer(layerA);
        LayerRouting b = sample.layer(layerB);
        return compute(layerA, layerB, a.topExpert(), b.topExpert(), a.experts());
    }

    /** The statistic over plain arrays of top experts {@code [N]}. */
    public static LayerFlow compute(int layerA, int layerB, int[] expertA, int[] expertB, int experts) {
        if (expertA.length != expertB.length) {
            throw new IllegalArgumentException("both layers must route the same tokens; got " + expertA.length + " and "
                    + expertB.length);
        }
        long[][] counts = new long[experts][experts];
        for (int i = 0; i < expertA.length; i++) {
            counts[expertA[i]][expertB[i]]++;
        }
        long n = expertA.length;
        long[] rowSum = new long[experts];
        long[] colSum = new long[experts];
        for (int i = 0; i < experts; i++) {
            for (int j = 0; j < experts; j++) {
                rowSum[i] += counts[i][j];
                colSum[j] += counts[i][j];
            }
        }
        double[][] shares = new double[experts][experts];
        double mi = 0;
        for (int i = 0; i < experts; i++) {
            for (int j = 0; j < experts; j++) {
                shares[i][j] = rowSum[i] == 0 ? 0 : (double) counts[i][j] / rowSum[i];
                if (counts[i][j] > 0) {
                    double pij = (double) counts[i][j] / n;
                    mi += pij * Math.log(pij * n * n / ((double) rowSum[i] * colSum[j]));
                }
            }
        }
        return new LayerFlow(layerA, layerB, experts, counts, shares, Math.max(0, mi / Math.log(2)),
                entropyBits(rowSum, n), entropyBits(colSum, n));
    }

    /** Entropy in bits of a distribution given by counts. */
    public static double entropyBits(long[] counts, long n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }
}
