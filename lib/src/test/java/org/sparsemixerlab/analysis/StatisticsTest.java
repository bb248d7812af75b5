package org.sparsemixerlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.moe.Assignment;

/** Every statistic against a case small enough to work out by hand. */
class StatisticsTest {
    private static final double EPS = 1e-9;

    /** ids 0..5: [PAD] [CLS] the , cat ##s */
    static TokenClasses tinyVocabulary() {
        return TokenClasses.of(new String[] {"[PAD]", "[CLS]", "the", ",", "cat", "##s"},
                new boolean[] {true, true, false, false, false, false});
    }

    @Test
    void specialisationCountsLiftsAndVerdictsMatchTheHandComputation() {
        int[] ids = {2, 2, 2, 3, 4, 4, 5, 1};
        int[] top = {0, 0, 1, 0, 1, 1, 1, 0};
        Specialization s = Specialization.compute(3, ids, top, 2, tinyVocabulary(), 10, 1);
        assertEquals(8, s.tokens());
        ExpertProfile e0 = s.profiles().get(0);
        ExpertProfile e1 = s.profiles().get(1);
        assertEquals(4, e0.tokens());
        assertEquals(0.5, e0.share(), EPS);
        // e0 took "the" twice of its three occurrences: (2/4) / (3/8) = 4/3
        assertEquals(List.of("the", "[CLS]", ","), e0.frequent().stream().map(TokenCount::piece).toList());
        assertEquals(4.0 / 3, e0.frequent().get(0).lift(), EPS);
        assertEquals(2, e0.frequent().get(0).inExpert());
        assertEquals(3, e0.frequent().get(0).inSample());
        // e1: cat (2/4)/(2/8) = 2, ##s (1/4)/(1/8) = 2 (fewer, so second), the (1/4)/(3/8) = 2/3
        assertEquals(List.of("cat", "##s", "the"), e1.lifted().stream().map(TokenCount::piece).toList());
        assertEquals(2.0, e1.lifted().get(1).lift(), EPS);
        assertEquals(2.0 / 3, e1.lifted().get(2).lift(), EPS);

        int stop = TokenClass.STOP_WORD.ordinal();
        int punct = TokenClass.PUNCTUATION.ordinal();
        int word = TokenClass.WORD_START.ordinal();
        int cont = TokenClass.CONTINUATION.ordinal();
        int special = TokenClass.SPECIAL.ordinal();
        assertEquals(2, s.classCounts()[0][stop]);
        assertEquals(3, s.classTotals()[stop]);
        assertEquals(4.0 / 3, s.classLift()[0][stop], EPS);
        assertEquals(2.0, s.classLift()[0][punct], EPS);
        assertEquals(2.0, s.classLift()[0][special], EPS);
        assertEquals(0.0, s.classLift()[0][word], EPS);
        assertEquals(2.0, s.classLift()[1][word], EPS);
        assertEquals(2.0, s.classLift()[1][cont], EPS);
        assertEquals(0.0, s.classLift()[1][TokenClass.NUMBER.ordinal()], EPS);
        assertEquals("mostly stop words (50% of its tokens, 1.3x the base rate)", e0.verdict());
        assertEquals("mostly other word starts (50% of its tokens, 2.0x the base rate)", e1.verdict());
    }

    @Test
    void liftListsLeaveOutRareTokensAndAnUnusedExpertSaysSo() {
        int[] ids = {2, 2, 2, 3, 4, 4, 5, 1};
        int[] top = {0, 0, 1, 0, 1, 1, 1, 0};
        Specialization s = Specialization.compute(3, ids, top, 3, tinyVocabulary(), 10, 2);
        assertEquals(List.of("cat"), s.profiles().get(1).lifted().stream().map(TokenCount::piece).toList());
        ExpertProfile unused = s.profiles().get(2);
        assertEquals(0, unused.tokens());
        assertTrue(unused.frequent().isEmpty());
        assertTrue(unused.verdict().startsWith("unused"), unused.verdict());
        assertEquals(0.0, s.classLift()[2][TokenClass.STOP_WORD.ordinal()], EPS);
    }

    @Test
    void verdictRulesLeaningAndGeneralist() {
        int n = TokenClass.values().length;
        double[] share = new double[n];
        double[] lift = new double[n];
        share[TokenClass.WORD_START.ordinal()] = 0.7;
        lift[TokenClass.WORD_START.ordinal()] = 1.1;
        share[TokenClass.PUNCTUATION.ordinal()] = 0.3;
        lift[TokenClass.PUNCTUATION.ordinal()] = 3.0;
        assertEquals("leans to punctuation (3.0x the base rate, 30% of its tokens)", Specialization.verdict(10, share, lift));
        lift[TokenClass.PUNCTUATION.ordinal()] = 1.4;
        assertTrue(Specialization.verdict(10, share, lift).startsWith("generalist"));
        share[TokenClass.PUNCTUATION.ordinal()] = 0.05;
        lift[TokenClass.PUNCTUATION.ordinal()] = 9.0;
        assertTrue(Specialization.verdict(10, share, lift).startsWith("generalist"), "a class under a tenth is ignored");
    }

    @Test
    void layerFlowOfADeterminedAndOfAnIndependentPair() {
        LayerFlow det = LayerFlow.compute(1, 2, new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}, 2);
        assertEquals(1.0, det.mutualInformationBits(), EPS);
        assertEquals(1.0, det.maxBits(), EPS);
        assertEquals(1.0, det.normalised(), EPS);
        assertArrayEquals(new double[] {0, 1}, det.rowShares()[0], EPS);
        assertArrayEquals(new double[] {1, 0}, det.rowShares()[1], EPS);
        LayerFlow ind = LayerFlow.compute(1, 2, new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}, 2);
        assertEquals(0.0, ind.mutualInformationBits(), EPS);
        assertArrayEquals(new double[] {0.5, 0.5}, ind.rowShares()[1], EPS);
    }

    @Test
    void layerFlowMutualInformationEqualsEntropiesMinusJointEntropy() {
        // joint p(0,0) = 1/2, p(0,1) = 1/4, p(1,1) = 1/4; H(A) = H(3/4, 1/4), H(B) = 1, H(A,B) = 1.5
        LayerFlow f = LayerFlow.compute(1, 2, new int[] {0, 0, 0, 1}, new int[] {0, 0, 1, 1}, 3);
        double ha = -(0.75 * log2(0.75) + 0.25 * log2(0.25));
        assertEquals(ha + 1.0 - 1.5, f.mutualInformationBits(), EPS);
        assertEquals(ha, f.entropyABits(), EPS);
        assertEquals(1.0, f.entropyBBits(), EPS);
        assertEquals(ha, f.maxBits(), EPS);
        assertArrayEquals(new long[] {2, 1, 0}, f.counts()[0]);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 0}, f.rowShares()[0], EPS);
        assertArrayEquals(new double[] {0, 0, 0}, f.rowShares()[2], EPS);
    }

    @Test
    void dropMapByPositionAndByClass() {
        boolean[] kept = {true, false, true, false, false, true};
        int[] positions = {0, 1, 2, 0, 1, 2};
        int[] classes = {0, 1, 1, 2, 2, 2};
        DropMap d = DropMap.compute(1, "EXPERTS_CHOOSE", 0.5, kept, positions, 4, classes, 0.25);
        assertArrayEquals(new double[] {0.5, 1.0, 0.0, 0.0}, d.byPosition(), EPS);
        assertArrayEquals(new long[] {2, 2, 2, 0}, d.positionTokens());
        double[] byClass = d.byClass();
        assertEquals(0.0, byClass[0], EPS);
        assertEquals(0.5, byClass[1], EPS);
        assertEquals(2.0 / 3, byClass[2], EPS);
        assertEquals(0.0, byClass[3], EPS);
        assertEquals(6, d.tokens());
        assertEquals(3, d.left());
        assertEquals(0.5, d.fraction(), EPS);
        assertEquals(0.25, d.paddingShare(), EPS);
    }

    @Test
    void routerConfidenceHistogramsMeansAndMedian() {
        float[] gate = {0.25f, 0.5f, 1.0f, 0.26f};
        float[] entropy = {2f, 1f, 0f, 1.95f};
        RouterConfidence c = RouterConfidence.compute(2, 4, gate, entropy);
        assertEquals(2.0, c.maxEntropyBits(), EPS);
        long[] g = new long[RouterConfidence.BINS];
        g[5] = 2; // 0.25 and 0.26
        g[10] = 1;
        g[19] = 1; // 1.0 falls in the last bin
        assertArrayEquals(g, c.topGateHistogram());
        long[] h = new long[RouterConfidence.BINS];
        h[0] = 1;
        h[10] = 1;
        h[19] = 2;
        assertArrayEquals(h, c.entropyHistogram());
        assertEquals((0.25 + 0.5 + 1.0 + 0.26) / 4, c.meanTopGate(), 1e-6);
        assertEquals((0.26 + 0.5) / 2, c.medianTopGate(), 1e-6);
        assertEquals(4.95 / 4, c.meanEntropyBits(), 1e-6);
    }

    @Test
    void stabilityChangeFractionsAndLoads() {
        int[][] top = {{0, 1, 2, 3}, {0, 1, 3, 3}, {1, 0, 2, 2}};
        Stability s = Stability.compute(1, new long[] {10, 20, 30}, top, 4);
        assertArrayEquals(new double[] {0.25, 1.0}, s.changed(), EPS);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, s.loadShare()[0], EPS);
        assertArrayEquals(new double[] {0.25, 0.25, 0.0, 0.5}, s.loadShare()[1], EPS);
        assertArrayEquals(new double[] {0.25, 0.25, 0.5, 0.0}, s.loadShare()[2], EPS);
        assertThrows(IllegalArgumentException.class,
                () -> Stability.compute(1, new long[] {1, 2}, new int[][] {{0, 1}, {0}}, 2));
    }

    @Test
    void routerPreferencesAreSoftmaxArgmaxAndEntropyInBits() {
        float ln2 = (float) Math.log(2);
        float[] logits = {0f, ln2, 0f, 3f, 3f, 3f};
        int[] top = new int[2];
        float[] gate = new float[2];
        float[] h = new float[2];
        LayerRouting.preferences(logits, 3, 0, 2, top, gate, h, 0);
        assertArrayEquals(new int[] {1, 0}, top, "ties go to the lowest index");
        assertEquals(0.5f, gate[0], 1e-6);
        assertEquals(1.5f, h[0], 1e-6); // (1/4, 1/2, 1/4)
        assertEquals(1f / 3, gate[1], 1e-6);
        assertEquals((float) log2(3), h[1], 1e-6);
    }

    @Test
    void keptTokensReadTheKeptPairingsOfAHandMadePlan() {
        List<Assignment> plan = List.of(new Assignment(0, 0, 1, 0, 0, 0.5f, false),
                new Assignment(0, 1, 0, 0, 2, 0.4f, true), new Assignment(1, 0, 1, 0, 1, 0.3f, false),
                new Assignment(1, 0, 0, 1, 0, 0.2f, false));
        assertArrayEquals(new boolean[] {true, false, true, false}, LayerRouting.keptTokens(plan, 2, 4));
        long[] pairs = RoutingSample.pairings(plan, 2, new boolean[] {true, true, false, true});
        assertArrayEquals(new long[] {3, 2}, pairs, "three kept pairings, two of them on the padding token 2");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
