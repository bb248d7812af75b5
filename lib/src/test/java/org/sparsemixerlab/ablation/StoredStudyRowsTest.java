package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.train.PretrainingRun;
import org.sparsemixerlab.train.StepMetrics;
import org.sparsemixerlab.train.TrainingListener;

/**
 * The committed study results pin the library's behaviour: every stored row still loads and its
 * configuration writes back to the same JSON, and one stored tokens-choose row re-run for its first
 * steps reproduces the losses and per-layer routing losses its {@code metrics.jsonl} recorded.
 */
class StoredStudyRowsTest {
    private static final Path RESULTS = Path.of("..", "notebooks", "results", "ablations");
    private static final int STEPS = 3;

    @TempDir
    Path out;

    @Test
    void everyStoredRowLoadsAndItsConfigWritesBackUnchanged() throws IOException {
        List<Path> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RESULTS)) {
            files.filter(p -> p.getParent().getFileName().toString().equals("rows") && p.toString().endsWith(".json"))
                    .forEach(rows::add);
        }
        assertTrue(rows.size() >= 40, "expected the committed study rows, found " + rows.size());
        int tokensChoose = 0;
        for (Path file : rows) {
            StudyRow row = StudyRow.read(file);
            JsonNode stored = ConfigJson.mapper().readTree(Files.readString(file)).get("config");
            assertEquals(stored, ConfigJson.mapper().readTree(ConfigJson.toJson(row.config())), file.toString());
            assertTrue(row.config().problems().isEmpty(), file + ": " + row.config().problems());
            tokensChoose += row.config().routingAlgorithm().equals(RoutingAlgorithm.TOKENS_CHOOSE) ? 1 : 0;
        }
        assertTrue(tokensChoose > 0, "some stored rows use tokens-choose");
    }

    @Test
    void aStoredTokensChooseRowReproducesItsFirstSteps() throws IOException {
        Path runDir = RESULTS.resolve("moe-configuration/runs/tokens-top1-nobpr/seed-0");
        StudySpec spec = StudySpec.load(Path.of("..", "notebooks", "studies", "3-moe-configuration.json"));
        ModelConfig config = spec.config("tokens-top1-nobpr", 0);
        StudyRow stored = StudyRow.read(RESULTS.resolve("moe-configuration/rows/tokens-top1-nobpr__seed-0.json"));
        assertEquals(stored.config(), config, "the study file still yields the stored row's config");
        assertEquals(RoutingAlgorithm.TOKENS_CHOOSE, config.routingAlgorithm());
        // The row was trained on the default stack; another PyTorch (CI also runs these tests on the
        // torch251 stack) initialises and rounds differently, so the pinned numbers only hold there.
        String storedEngine = ConfigJson.mapper()
                .readTree(Files.readString(RESULTS.resolve("moe-configuration/rows/tokens-top1-nobpr__seed-0.json")))
                .findValue("software").get("engine").asText();
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getInstance();
        String currentEngine = engine.getEngineName() + " " + engine.getVersion();
        assumeTrue(storedEngine.equals(currentEngine),
                "stored row was trained on " + storedEngine + ", this run has " + currentEngine);

        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            JsonNode n = ConfigJson.mapper().readTree(line);
            if (n.get("type").asText().equals("step") && n.get("metrics").get("step").asLong() <= STEPS) {
                expected.add(n.get("metrics"));
            }
        }
        assertEquals(STEPS, expected.size());

        List<StepMetrics> seen = new ArrayList<>();
        ai.djl.engine.Engine.getInstance(); // loads the native library before asking for its threads
        int before = EngineThreads.current();
        EngineThreads.apply(stored.threads());
        try (StudyData data = new StudyData();
                PretrainingRun run = new PretrainingRun(config, spec.budget().trainingSettings(),
                        data.pretraining(config, spec.budget(), 0), Device.cpu(), out)) {
            run.addListener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    seen.add(m);
                    if (m.step() == STEPS) {
                        Thread.currentThread().interrupt(); // stop after the pinned steps
                    }
                }
            }).run();
        } finally {
            Thread.interrupted();
            EngineThreads.apply(before);
        }
        assertEquals(STEPS, seen.size());
        for (int i = 0; i < STEPS; i++) {
            JsonNode want = expected.get(i);
            StepMetrics got = seen.get(i);
            assertEquals(want.get("loss").asDouble(), got.loss(), 1e-5, "loss at step " + got.step());
            JsonNode layers = want.get("moe_layers");
            assertEquals(layers.size(), got.moeLayers().size());
            for (int l = 0; l < layers.size(); l++) {
                assertEquals(layers.get(l).get("aux_loss").asDouble(), got.moeLayers().get(l).auxLoss(), 1e-5);
                assertEquals(layers.get(l).get("z_loss").asDouble(), got.moeLayers().get(l).zLoss(), 1e-4);
                assertEquals(layers.get(l).get("fraction_left_behind").asDouble(),
                        got.moeLayers().get(l).fractionLeftBehind(), 1e-6);
            }
        }
    }
}
