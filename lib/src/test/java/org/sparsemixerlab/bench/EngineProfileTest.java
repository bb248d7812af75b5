package org.sparsemixerlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.Presets;

class EngineProfileTest {
    private static final double EPS = 1e-9;

    @Test
    void selfTimeSubtractsNestedOperatorsOnTheSameThreadOnly() throws Exception {
        // Thread 1: A [0, 100) holds B [10, 50) which holds C [20, 30); D [60, 70) also inside A.
        // Thread 2: A [5, 35), overlapping thread 1's events in time but not nested in them.
        JsonNode trace = new ObjectMapper().readTree("""
                [{"name": "A", "ph": "X", "ts": 0, "dur": 100, "pid": "p", "tid": 1, "shape": [[4, 4]]},
                 {"name": "B", "ph": "X", "ts": 10, "dur": 40, "pid": "p", "tid": 1, "shape": [[4, 4], []]},
                 {"name": "C", "ph": "X", "ts": 20, "dur": 10, "pid": "p", "tid": 1},
                 {"name": "D", "ph": "X", "ts": 60, "dur": 10, "pid": "p", "tid": 1},
                 {"name": "A", "ph": "X", "ts": 5, "dur": 30, "pid": "p", "tid": 2, "shape": [[2]]},
                 {"name": "meta", "ph": "M", "ts": 0, "pid": "p", "tid": 1}]
                """);
        List<EngineProfile.OpTime> ops = EngineProfile.aggregate(trace, 2, false);
        assertEquals(List.of("A", "B", "C", "D"), ops.stream().map(EngineProfile.OpTime::name).toList(),
                "largest self time first; the metadata event is not an operator");
        EngineProfile.OpTime a = ops.get(0);
        // self: thread 1 100 - 40 (B) - 10 (D) = 50, thread 2 30; per step of 2, in ms
        assertEquals((50 + 30) / 1000.0 / 2, a.selfMsPerStep(), EPS);
        assertEquals((100 + 30) / 1000.0 / 2, a.totalMsPerStep(), EPS);
        assertEquals(1.0, a.callsPerStep(), EPS);
        assertEquals(30 / 1000.0 / 2, ops.get(1).selfMsPerStep(), EPS, "B minus C");
        List<EngineProfile.OpTime> byShape = EngineProfile.aggregate(trace, 1, true);
        assertEquals(5, byShape.size(), "A splits into its two input shapes");
        assertTrue(byShape.stream().anyMatch(o -> o.name().equals("A") && o.shapes().equals("[[4,4]]")), byShape.toString());
        String table = EngineProfile.table(EngineProfile.aggregate(trace, 1, false), 2);
        assertTrue(table.contains("0.13 ms per step"), "all self time, 50+30+30+10+10 us: " + table);
        assertTrue(table.contains("61.5%") && !table.contains(" C "), table);
    }

    @Test
    void profilesRealTrainingStepsIntoAChromeTrace(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub").resolve("trace.json");
        double ms = EngineProfile.profile(Presets.get("sparse-mixer-tiny"), 2, 1, 1, false, out);
        assertTrue(ms > 0 && Files.size(out) > 0, "ms " + ms + ", trace " + out);
        List<EngineProfile.OpTime> ops = EngineProfile.aggregate(new ObjectMapper().readTree(out.toFile()), 1, false);
        assertTrue(ops.stream().anyMatch(o -> o.name().equals("aten::mm") || o.name().equals("aten::addmm")),
                "a training step multiplies matrices: " + ops.subList(0, Math.min(5, ops.size())));
        assertTrue(ops.stream().anyMatch(o -> o.name().contains("_log_softmax")), "the MLM loss is in the step");
    }
}
