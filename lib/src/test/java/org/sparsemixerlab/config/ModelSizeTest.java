package org.sparsemixerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parameter counts against SPEC 3.1, which derives them by hand from the shapes. */
class ModelSizeTest {

    @Test
    void sparseMixerBaseEncoderCountsMatchSpec() {
        ModelSize s = ModelSize.of(Presets.get("sparse-mixer-base"));
        assertEquals(5_242_880L, s.mixingParams());
        assertEquals(4_202_496L, s.attentionParams());
        assertEquals(20_997_120L, s.denseFfParams());
        assertEquals(134_414_400L, s.moeParams());
        assertEquals(28_672L, s.layerNormParams());
        assertEquals(164_885_568L, s.encoderBlockParams());
        assertEquals(527_872L, s.embeddingParams());
        assertEquals(262_656L, s.poolerParams());
        assertEquals(512L * 30522, s.wordTableParams());
    }

    @Test
    void sparseMixerSmallEncoderCountsMatchSpec() {
        ModelSize s = ModelSize.of(Presets.get("sparse-mixer-small"));
        assertEquals(2_097_152L, s.mixingParams());
        assertEquals(8_398_848L, s.denseFfParams());
        assertEquals(134_414_400L, s.moeParams());
        assertEquals(149_129_280L, s.encoderBlockParams());
    }

    @Test
    void bertBaseEncoderCountsMatchSpec() {
        ModelSize s = ModelSize.of(Presets.get("bert-base"));
        assertEquals(0L, s.mixingParams());
        assertEquals(28_348_416L, s.attentionParams());
        assertEquals(56_669_184L, s.denseFfParams());
        assertEquals(36_864L, s.layerNormParams());
        assertEquals(85_054_464L, s.encoderBlockParams());
        assertEquals(988_416L, s.embeddingParams());
        assertEquals(590_592L, s.poolerParams());
    }

    @Test
    void activeParametersCountOneExpertPerTokenAtCapacityFactorOne() {
        ModelSize s = ModelSize.of(Presets.get("sparse-mixer-base"));
        long oneExpert = 2_099_712L;
        double expected = s.totalParams() - 4 * 16 * oneExpert + 4 * oneExpert;
        assertEquals(expected, s.activeParamsPerToken(), 1e-6);
        ModelSize fast = ModelSize.of(Presets.get("fast-sparse-mixer-base"));
        assertEquals(s.activeParamsPerToken() - 4 * 0.5 * oneExpert, fast.activeParamsPerToken(), 1e-6);
    }

    @Test
    void fastSparseMixerCostsFewerFlopsThanSparseMixerWhichCostsFewerThanBert() {
        double bert = ModelSize.of(Presets.get("bert-base")).encoderFlopsPerToken();
        double sm = ModelSize.of(Presets.get("sparse-mixer-base")).encoderFlopsPerToken();
        double fast = ModelSize.of(Presets.get("fast-sparse-mixer-base")).encoderFlopsPerToken();
        assertTrue(fast < sm && sm < bert, "fast " + fast + " < sm " + sm + " < bert " + bert);
    }

    @Test
    void linearLayerFlopsAreTheTwoMatrixProducts() {
        // One linear mixing layer at L=8, d=4: W_seq X costs 2*L*L*d per example, X W_hid 2*L*d*d.
        double perToken = ModelSize.mixerFlopsPerToken(Architecture.LINEAR, false, 8, 4);
        assertEquals((2.0 * 8 * 8 * 4 + 2.0 * 8 * 4 * 4) / 8, perToken, 1e-9);
    }
}
