package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;

/** Reading and validating study files; the row order and its shards. */
class StudySpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String exampleJson() {
        try (InputStream in = StudySpecTest.class.getResourceAsStream("/ablation/tiny-study.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static StudySpec example() {
        return StudySpec.parse(exampleJson(), "tiny-study.json");
    }

    private static ObjectNode exampleTree() throws IOException {
        return (ObjectNode) JSON.readTree(exampleJson());
    }

    private static String parseError(ObjectNode tree) {
        return assertThrows(StudySpecException.class, () -> StudySpec.parse(tree.toString(), "s.json")).getMessage();
    }

    @Test
    void exampleFileReadsEveryField() {
        StudySpec spec = example();
        assertEquals("tiny-moe-vs-dense", spec.name());
        assertEquals("moe", spec.baseline());
        assertEquals(List.of("moe", "dense"), spec.variantNames());
        assertEquals(List.of(0, 1), spec.seeds());
        assertEquals(3, spec.budget().steps());
        assertEquals(List.of("moby-dick"), spec.budget().sources());
        assertEquals(new SpeedProbe(1, 2), spec.speedProbe());
        assertNull(spec.fineTuning());
        PaperClaim claim = spec.variant("dense").paperClaim();
        assertEquals(PaperClaim.Kind.QUALITY_WORSE, claim.expectation().kind());
        assertEquals("mlm_accuracy", claim.expectation().metric());
    }

    @Test
    void variantConfigAppliesBaseThenVariantOverridesThenTheSeed() {
        StudySpec spec = example();
        ModelConfig dense = spec.config("dense", 1);
        assertEquals(32, dense.dModel());
        assertEquals(2, dense.numLayers());
        assertEquals(0, dense.numMoeLayers());
        assertEquals(1, dense.seed());
        assertEquals(2, spec.config("moe", 0).numMoeLayers());
    }

    @Test
    void rowsAreSeedMajorInVariantOrder() {
        assertEquals(List.of(new RowKey("moe", 0), new RowKey("dense", 0), new RowKey("moe", 1),
                new RowKey("dense", 1)), example().rows());
    }

    @Test
    void unknownVariantKeyNamesTheVariantAndSuggestsTheClosestKey() throws IOException {
        ObjectNode tree = exampleTree();
        ((ObjectNode) tree.withArray("variants").get(1).get("overrides")).put("num_moe_layer", 0);
        String message = parseError(tree);
        assertTrue(message.contains("variants[1] 'dense'"), message);
        assertTrue(message.contains("num_moe_layer"), message);
        assertTrue(message.contains("Did you mean 'num_moe_layers'"), message);
    }

    @Test
    void variantWhoseConfigDoesNotValidateIsRejectedBeforeTraining() throws IOException {
        ObjectNode tree = exampleTree();
        ((ObjectNode) tree.withArray("variants").get(1).get("overrides")).put("num_heads", 5);
        String message = parseError(tree);
        assertTrue(message.contains("variants[1] 'dense'"), message);
        assertTrue(message.contains("invalid model configuration"), message);
    }

    @Test
    void baselineThatIsNotAVariantIsRejectedWithTheVariantNames() throws IOException {
        ObjectNode tree = exampleTree();
        tree.put("baseline", "bert");
        String message = parseError(tree);
        assertTrue(message.contains("field 'baseline' is 'bert'"), message);
        assertTrue(message.contains("[moe, dense]"), message);
    }

    @Test
    void emptySeedsAreRejected() throws IOException {
        ObjectNode tree = exampleTree();
        tree.putArray("seeds");
        String message = parseError(tree);
        assertTrue(message.contains("field 'seeds' is empty"), message);
    }

    @Test
    void misspelledFieldAndWrongTypeNameTheField() throws IOException {
        ObjectNode typo = exampleTree();
        typo.put("baseline_variant", "moe");
        assertTrue(parseError(typo).contains("unknown field 'baseline_variant'"));
        ObjectNode wrongType = exampleTree();
        ((ObjectNode) wrongType.get("budget")).put("steps", "ten");
        String message = parseError(wrongType);
        assertTrue(message.contains("'budget.steps' must be a whole number"), message);
        assertTrue(message.contains("\"ten\""), message);
    }

    @Test
    void speedClaimOnAQualityMetricIsRejected() throws IOException {
        ObjectNode tree = exampleTree();
        ObjectNode e = (ObjectNode) tree.withArray("variants").get(1).get("paper_claim").get("expectation");
        e.put("kind", "SPEED_RATIO_AT_LEAST");
        e.put("threshold", 1.5);
        String message = parseError(tree);
        assertTrue(message.contains("SPEED_RATIO_AT_LEAST needs a speed metric"), message);
    }

    @Test
    void shardParsesIOfNAndRejectsOtherText() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        for (String bad : List.of("0/3", "4/3", "2", "a/b", "1/0", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().contains("i/n"), e.getMessage());
        }
    }

    @Test
    void shardsPartitionTheRowsDisjointlyAndCompletely() {
        StudySpec spec = example();
        for (int n = 1; n <= 4; n++) {
            Set<RowKey> union = new HashSet<>();
            int total = 0;
            for (int i = 1; i <= n; i++) {
                List<RowKey> part = spec.rows(new Shard(i, n));
                total += part.size();
                union.addAll(part);
            }
            assertEquals(spec.rows().size(), total, "rows counted once over " + n + " shards");
            assertEquals(new HashSet<>(spec.rows()), union, "every row in some shard of " + n);
        }
        assertEquals(List.of(new RowKey("dense", 0), new RowKey("dense", 1)), spec.rows(new Shard(2, 2)));
    }
}
