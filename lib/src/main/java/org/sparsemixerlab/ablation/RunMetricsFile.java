package org.sparsemixerlab.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run folder's {@code metrics.jsonl} (one line per step and per evaluation, appended across
 * resumes). When a run resumed from an older checkpoint the same step appears again; the last line
 * of a step wins, as it belongs to the run that continued.
 */
final class RunMetricsFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TreeMap<Long, Double> tokensPerSecond = new TreeMap<>();
    private final TreeMap<Long, Map<String, Double>> evaluations = new TreeMap<>();

    private RunMetricsFile() {}

    static RunMetricsFile read(Path file) {
        RunMetricsFile out = new RunMetricsFile();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run metrics " + file + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line torn by a crash; the resumed run wrote the step again
            }
            JsonNode m = node.path("metrics");
            long step = m.path("step").asLong();
            if ("step".equals(node.path("type").asText())) {
                out.tokensPerSecond.put(step, m.path("tokens_per_second").asDouble(Double.NaN));
            } else if ("eval".equals(node.path("type").asText())) {
                Map<String, Double> values = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = m.path("values").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    values.put(e.getKey(), e.getValue().asDouble(Double.NaN));
                }
                out.evaluations.put(step, values);
            }
        }
        return out;
    }

    /** The last training step recorded, 0 when none. */
    long lastStep() {
        return tokensPerSecond.isEmpty() ? 0 : tokensPerSecond.lastKey();
    }

    /** The latest held-out evaluation's values, empty when none. */
    Map<String, Double> lastEvaluation() {
        return evaluations.isEmpty() ? Map.of() : evaluations.lastEntry().getValue();
    }

    /** Held-out evaluations by step. */
    List<StudyRow.EvalPoint> curve() {
        List<StudyRow.EvalPoint> out = new ArrayList<>();
        evaluations.forEach((step, values) -> out.add(new StudyRow.EvalPoint(step, values)));
        return out;
    }

    /**
     * Training throughput over steps after the first {@code warmupSteps}: total tokens over total
     * time, i.e. the harmonic mean of the per-step rates (every step has the same token count).
     * Uses every step when the budget is not longer than the warm-up; NaN without steps.
     */
    double trainTokensPerSecond(int warmupSteps) {
        Map<Long, Double> timed = tokensPerSecond.tailMap((long) warmupSteps, false);
        if (timed.isEmpty()) {
            timed = tokensPerSecond;
        }
        double inverseSum = 0;
        int n = 0;
        for (double rate : timed.values()) {
            if (rate > 0 && Double.isFinite(rate)) {
                inverseSum += 1 / rate;
                n++;
            }
        }
        return n == 0 ? Double.NaN : n / inverseSum;
    }
}
