package org.sparsemixerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidationTest {

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("num_heads", "divisor of d_model (512)", b -> b.numHeads(7)),
                bad("num_attention_layers", "at most num_layers (14)", b -> b.numAttentionLayers(15)),
                bad("num_moe_layers", "at most num_layers (14)", b -> b.numMoeLayers(20)),
                bad("num_experts", "at least 1", b -> b.numExperts(0)),
                bad("num_selected_experts", "from 1 to num_experts (16)", b -> b.numSelectedExperts(17)),
                bad("train_capacity_factor", "> 0", b -> b.trainCapacityFactor(0)),
                bad("eval_capacity_factor", "> 0", b -> b.evalCapacityFactor(-1)),
                bad("dropout_rate", "[0, 1)", b -> b.dropoutRate(1.0)),
                bad("expert_dropout_rate", "[0, 1)", b -> b.expertDropoutRate(-0.1)),
                bad("use_fft", "only F_NET, H_NET, C_NET and T_NET", b -> b.useFft(true)),
                bad("max_seq_length", "power of two", b -> b.architecture(Architecture.F_NET)
                        .useFft(true).maxSeqLength(5000)),
                bad("jitter_noise", "[0, 1)", b -> b.jitterNoise(1.5)),
                bad("d_model", ">= 1", b -> b.dModel(0).numHeads(1)),
                bad("router_z_loss_factor", ">= 0", b -> b.routerZLossFactor(-1)));
    }

    private static Arguments bad(String field, String allowedFragment, UnaryOperator<ModelConfig.Builder> change) {
        return Arguments.of(field, allowedFragment, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badValueIsReportedWithFieldValueAndAllowedRange(String field, String allowed,
            UnaryOperator<ModelConfig.Builder> change) {
        ModelConfig.Builder builder = change.apply(ModelConfig.builder());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, builder::build);
        ConfigError error = e.errors().stream().filter(x -> x.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + e.errors()));
        assertTrue(error.allowed().contains(allowed), error.message());
        assertTrue(e.getMessage().contains(field + " = "), e.getMessage());
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        ModelConfig.Builder b = ModelConfig.builder().numHeads(7).dropoutRate(2).numExperts(0);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, b::build);
        assertEquals(java.util.Set.of("dropout_rate", "num_heads", "num_experts"),
                e.errors().stream().map(ConfigError::field).collect(java.util.stream.Collectors.toSet()));
        assertEquals(3, e.errors().size());
    }

    @Test
    void moeFieldsAreIgnoredWhenThereAreNoMoeLayers() {
        ModelConfig c = ModelConfig.builder().numMoeLayers(0).numExperts(0).numSelectedExperts(5).build();
        assertEquals(List.of(), c.problems());
    }

    @Test
    void everyPresetValidates() {
        for (Presets.Preset p : Presets.all()) {
            assertEquals(List.of(), p.config().problems(), p.name());
        }
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("sparse-mixr"));
        assertTrue(e.getMessage().contains("sparse-mixer-base"), e.getMessage());
    }

    @Test
    void fastPresetsDifferOnlyInCapacityFactor() {
        List<ConfigJson.FieldChange> diff = ConfigJson.diff(Presets.get("sparse-mixer-base"),
                Presets.get("fast-sparse-mixer-base"));
        assertEquals(List.of("train_capacity_factor", "eval_capacity_factor"),
                diff.stream().map(ConfigJson.FieldChange::field).toList());
        assertEquals("0.5", diff.get(0).after());
    }
}
