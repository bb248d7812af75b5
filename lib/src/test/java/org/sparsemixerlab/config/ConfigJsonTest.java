package org.sparsemixerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {

    @Test
    void everyPresetSurvivesAJsonRoundTrip() {
        for (Presets.Preset p : Presets.all()) {
            assertEquals(p.config(), ConfigJson.fromJson(ConfigJson.toJson(p.config())), p.name());
        }
    }

    @Test
    void jsonUsesTheReferenceSnakeCaseKeys() {
        String json = ConfigJson.toJson(ModelConfig.defaults());
        assertTrue(json.contains("\"d_model\" : 512"), json);
        assertTrue(json.contains("\"num_selected_experts\" : 1"), json);
        assertTrue(json.contains("\"expert_d_ff\" : 2048"), json);
        assertTrue(json.contains("\"architecture\" : \"LINEAR\""), json);
    }

    @Test
    void missingKeysTakeTheirDefaults() {
        ModelConfig c = ConfigJson.fromJson("{\"num_layers\": 8}");
        assertEquals(ModelConfig.builder().numLayers(8).build(), c);
    }

    @Test
    void overridesAcceptSnakeAndCamelCaseAndEnumNamesInAnyCase() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("num_experts", "8");
        o.put("trainCapacityFactor", "0.5");
        o.put("routing_algorithm", "tokens-choose");
        o.put("use_fft", "FALSE");
        ModelConfig c = ConfigJson.applyOverrides(ModelConfig.defaults(), o);
        assertEquals(8, c.numExperts());
        assertEquals(0.5, c.trainCapacityFactor());
        assertEquals(RoutingAlgorithm.TOKENS_CHOOSE, c.routingAlgorithm());
    }

    @Test
    void unknownKeySuggestsTheClosestOne() {
        ConfigOverrideException e = assertThrows(ConfigOverrideException.class,
                () -> ConfigJson.applyOverrides(ModelConfig.defaults(), Map.of("num_expert", "8")));
        assertTrue(e.getMessage().contains("Did you mean 'num_experts'"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheExpectedType() {
        ConfigOverrideException e = assertThrows(ConfigOverrideException.class,
                () -> ConfigJson.applyOverrides(ModelConfig.defaults(), Map.of("num_layers", "eight")));
        assertEquals("num_layers", e.errors().get(0).field());
        assertEquals("a whole number", e.errors().get(0).allowed());
        ConfigOverrideException e2 = assertThrows(ConfigOverrideException.class,
                () -> ConfigJson.applyOverrides(ModelConfig.defaults(), Map.of("moe_layout", "SIDEWAYS")));
        assertTrue(e2.errors().get(0).allowed().contains("BOTTOM,MIDDLE,MIXED,TOP"));
    }

    @Test
    void malformedJsonIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigJson.fromJson("[1,2]"));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
    }

    @Test
    void diffListsChangedFieldsWithOldAndNewValues() {
        ModelConfig a = Presets.get("sparse-mixer-tiny");
        ModelConfig b = a.toBuilder().numExperts(8).seed(3).build();
        assertEquals("[num_experts: 4 -> 8, seed: 0 -> 3]", ConfigJson.diff(a, b).toString());
    }
}
