package org.sparsemixerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one table of config keys and what is derived from it. */
class ConfigKeysTest {
    private static final Path DOC = Path.of("config-keys.md");

    @Test
    void defaultsAreTheSparseMixerBaseValues() {
        ModelConfig c = ModelConfig.defaults();
        // SPEC 3.1 / 3.4, written out here independently of the table.
        assertEquals(Architecture.LINEAR, c.architecture());
        assertEquals(14, c.numLayers());
        assertEquals(512, c.dModel());
        assertEquals(2048, c.expertDFf());
        assertEquals(16, c.numExperts());
        assertEquals(4, c.numMoeLayers());
        assertEquals(RoutingAlgorithm.EXPERTS_CHOOSE, c.routingAlgorithm());
        assertEquals(1.0, c.trainCapacityFactor());
        assertEquals(0.01, c.auxiliaryLossFactor());
        assertEquals(1e-4, c.routerZLossFactor());
        assertEquals(0L, c.seed());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void keyNamesAreUniqueInEverySpellingAndFoundByEach() {
        Set<String> seen = new HashSet<>();
        for (ConfigKey k : ConfigKeys.ALL) {
            assertTrue(seen.add(k.key()), k.key());
            assertEquals(k, ConfigKeys.find(k.key()));
            assertEquals(k, ConfigKeys.find(k.jsonName()));
            assertEquals(k, ConfigKeys.find(k.component()));
            assertTrue(!k.description().isBlank(), k.key());
        }
        assertEquals(ConfigKeys.find("router_z_loss_factor"), ConfigKeys.find("routerZLossFactor"));
    }

    @Test
    void everyRangeInTheTableIsEnforcedUnderTheKeysName() {
        ModelConfig base = ModelConfig.defaults();
        int checked = 0;
        for (ConfigKey k : ConfigKeys.ALL) {
            Object bad = switch (k.range()) {
                case POSITIVE -> 0;
                case NON_NEGATIVE -> -1;
                case PROBABILITY, UNIT_INTERVAL -> 1.0;
                case POSITIVE_FINITE -> 0.0;
                case NON_NEGATIVE_FINITE -> Double.POSITIVE_INFINITY;
                case NOT_NULL -> null;
                case ANY -> k;
            };
            if (bad == k) {
                continue;
            }
            ModelConfig c = base.toBuilder().set(k.key(), bad).buildUnchecked();
            assertTrue(c.problems().stream().anyMatch(e -> e.field().equals(k.key())), k.key() + " = " + bad
                    + " should be a problem; got " + c.problems());
            checked++;
        }
        assertTrue(checked >= 20, "ranges checked: " + checked);
    }

    @Test
    void theLegacyJsonSpellingIsWrittenAndBothSpellingsAreRead() {
        ModelConfig c = ModelConfig.builder().routerZLossFactor(2e-4).build();
        String json = ConfigJson.toJson(c);
        assertTrue(json.contains("\"router_zloss_factor\" : 2.0E-4"), json);
        assertEquals(c, ConfigJson.fromJson(json));
        assertEquals(c, ConfigJson.fromJson("{\"router_z_loss_factor\": 2e-4}"));
        assertEquals(c, ConfigJson.applyOverrides(ModelConfig.defaults(), Map.of("router_z_loss_factor", "2e-4")));
        assertEquals(c, ConfigJson.applyOverrides(ModelConfig.defaults(), Map.of("router_zloss_factor", "2e-4")));
        assertThrows(IllegalArgumentException.class, () -> ConfigJson.fromJson("{\"router_z_loss\": 1}"));
    }

    @Test
    void theBuilderSetsAnyKeyByName() {
        ModelConfig c = ModelConfig.builder().set("num_experts", 8).set("dropout-rate", 0).set("seed", "7")
                .set("routing_algorithm", "tokens-choose").build();
        assertEquals(8, c.numExperts());
        assertEquals(0.0, c.dropoutRate());
        assertEquals(7L, c.seed());
        assertEquals(RoutingAlgorithm.TOKENS_CHOOSE, c.routingAlgorithm());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder().set("num_expert", 8));
        assertTrue(e.getMessage().contains("num_experts"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.builder().set("num_experts", 1.5));
    }

    @Test
    void theCommittedKeyReferenceIsTheGeneratedOne() throws IOException {
        String generated = ConfigKeys.markdown();
        if (Boolean.getBoolean("sml.writeConfigDocs")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertNotNull(generated);
        assertEquals(generated, Files.readString(DOC, StandardCharsets.UTF_8),
                "lib/config-keys.md is out of date; regenerate it with "
                        + "mvn -o -pl lib test -Dtest=ConfigKeysTest -Dsml.writeConfigDocs=true");
        for (ConfigKey k : ConfigKeys.ALL) {
            assertTrue(generated.contains("`" + k.key() + "`"), k.key());
        }
    }
}
