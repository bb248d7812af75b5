package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparsemixerlab.config.Architecture;
import org.sparsemixerlab.config.ModelConfig;

class MixersTest {
    private static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    private static ModelConfig config(Architecture architecture, boolean useFft) {
        return ModelConfig.builder()
                .architecture(architecture)
                .maxSeqLength(6)
                .dModel(8)
                .numHeads(2)
                .useFft(useFft)
                .build();
    }

    @Test
    void picksTheBlockOfEachArchitecture() {
        assertInstanceOf(MultiHeadAttention.class, mixerOf(Architecture.BERT));
        assertInstanceOf(FourierMixer.class, mixerOf(Architecture.F_NET));
        assertInstanceOf(HartleyMixer.class, mixerOf(Architecture.H_NET));
        assertInstanceOf(LinearMixer.class, mixerOf(Architecture.LINEAR));
        assertInstanceOf(CirculantMixer.class, mixerOf(Architecture.C_NET));
        assertInstanceOf(ToeplitzMixer.class, mixerOf(Architecture.T_NET));
    }

    private static AbstractBlock mixerOf(Architecture architecture) {
        return Mixers.forLayer(config(architecture, false), false);
    }

    @Test
    void attentionLayerGetsAttentionWithConfiguredHeadsAndDropout() {
        ModelConfig c =
                config(Architecture.LINEAR, false).toBuilder().mixingDropoutRate(0.25).build();
        MultiHeadAttention block =
                assertInstanceOf(MultiHeadAttention.class, Mixers.forLayer(c, true));
        assertEquals(2, block.numHeads());
        assertEquals(8, block.dModel());
        assertEquals(0.25f, block.dropoutRate());
    }

    @Test
    void passesUseFftAndSizesToTheMixer() {
        ToeplitzMixer block = assertInstanceOf(
                ToeplitzMixer.class, Mixers.forLayer(config(Architecture.T_NET, true), false));
        assertEquals(true, block.useFft());
        assertEquals(6, block.maxSeqLength());
        assertEquals(8, block.dModel());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyBlockAcceptsInputWithTokenMaskAndKeepsShape(Architecture architecture) {
        AbstractBlock block =
                Mixers.forLayer(config(architecture, architecture.hasFftForm()), false);
        NDArray x = MixingReference.randomArray(manager, new Random(61), 3, 6, 8);
        NDArray mask = manager.ones(new Shape(3, 6));
        BlockRunner.initialize(block, manager, x);
        NDArray y = BlockRunner.forward(block, manager, true, x, mask);
        assertEquals(new Shape(3, 6, 8), y.getShape());
        assertEquals(new Shape(3, 6, 8), block.getOutputShapes(new Shape[] {x.getShape()})[0]);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void outputLandsInTheInputsManagerNotTheParameters(Architecture architecture) {
        boolean[] forms =
                architecture.hasFftForm() ? new boolean[] {false, true} : new boolean[] {false};
        for (boolean useFft : forms) {
            AbstractBlock block = Mixers.forLayer(config(architecture, useFft), false);
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 6, 8));
            try (NDManager step = manager.newSubManager()) {
                NDArray x = MixingReference.randomArray(step, new Random(62), 2, 6, 8);
                NDArray y = BlockRunner.forward(block, manager, false, x);
                assertEquals(step, y.getManager(), architecture + " useFft=" + useFft);
            }
        }
    }
}
