package org.sparsemixerlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.moe.Routing;
import org.sparsemixerlab.moe.Routings;

class LaptopRaceTest {

    @Test
    void childReportsEveryStepAndEveryPartAndRestoresTheRoutingRule() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        Routing rule = Routings.get(c.routingAlgorithm());
        List<String> lines = LaptopRaceChild.report("sparse-mixer-tiny", 2, 1, 2, 2);
        assertSame(rule, Routings.get(c.routingAlgorithm()), "the timing wrapper is unregistered afterwards");
        LaptopRace.ChildResult r = LaptopRace.parse(lines);
        assertEquals(3, r.stepsMs().length, "warm-up and measured steps");
        assertEquals(LaptopRaceChild.PARTS.length + 1, r.partsMs().length);
        for (int p = 1; p < r.partsMs().length; p++) {
            assertTrue(r.partsMs()[p] > 0, (p < LaptopRaceChild.PARTS.length ? LaptopRaceChild.PARTS[p] : "whole") + " took time");
        }
        assertTrue(r.realPredictions() > 0 && r.realPredictions() < r.slots(),
                "real corpus batches have padding slots: " + r.realPredictions() + " of " + r.slots());
        assertTrue(r.buildLocation().contains("classes") || r.buildLocation().endsWith(".jar"), r.buildLocation());
        if (LaptopRaceChild.minorFaults() >= 0) {
            assertTrue(r.faultsPerStep() >= 0, "the child reports its page faults: " + r.faultsPerStep());
        }
    }

    @Test
    void theFaultCounterCountsPagesTouchedForTheFirstTime(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(LaptopRaceChild.minorFaults() >= 0, "no /proc/self/stat on this system");
        // A fresh file mapping: every page written is mapped in by a fault (malloc could hand back
        // memory this JVM already touched, so a malloc-ed block proves nothing).
        int bytes = 8 << 20;
        try (FileChannel ch = FileChannel.open(dir.resolve("pages"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            long before = LaptopRaceChild.minorFaults();
            for (int i = 0; i < bytes; i += 4096) {
                map.put(i, (byte) 1);
            }
            long after = LaptopRaceChild.minorFaults();
            assertTrue(after - before >= 16, "2,048 pages written, faults " + before + " -> " + after);
        }
    }
    @Test
    void parseIgnoresOtherLinesAndRefusesAnIncompleteReport() {
        LaptopRace.ChildResult r = LaptopRace.parse(List.of("[main] INFO engine line",
                "LAPTOP-RACE build file:/x/old.jar", "LAPTOP-RACE threads 2",
                "LAPTOP-RACE batches 4 real-predictions 30 slots 40", "LAPTOP-RACE steps 1.5,2.5",
                "LAPTOP-RACE parts 1,2,3,4,5,6,7,28", "LAPTOP-RACE heap tuned (A=1 B=2)", "LAPTOP-RACE faults 812.5"));
        assertEquals("file:/x/old.jar", r.buildLocation());
        assertEquals("tuned (A=1 B=2)", r.heap());
        assertEquals(812.5, r.faultsPerStep());
        assertEquals(2, r.threads());
        assertEquals(30, r.realPredictions());
        assertArrayEquals(new double[] {1.5, 2.5}, r.stepsMs());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LaptopRace.parse(List.of("LAPTOP-RACE threads 2")));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
    }

    @Test
    void theEarlierBuildGoesFirstOnTheChildClassPath() {
        String own = "lib.jar" + File.pathSeparator + "deps/a.jar";
        assertEquals(own, LaptopRace.childClassPath(new LaptopRace.Contender("after", null, 2), own));
        String before = LaptopRace.childClassPath(new LaptopRace.Contender("before", Path.of("old", "lib.jar"), 2), own);
        assertTrue(before.startsWith(Path.of("old", "lib.jar").toAbsolutePath().toString() + File.pathSeparator),
                before);
        assertTrue(before.endsWith(own), before);
    }

    @Test
    void speedTableComparesEachContenderWithTheEarlierBuildAtItsThreadCount() {
        LaptopRace.Contender before = new LaptopRace.Contender("before", Path.of("old.jar"), 2);
        LaptopRace.Contender after = new LaptopRace.Contender("after", null, 2);
        // steps after one warm-up step: medians 200 (before) and 100 (after)
        LaptopRace.ChildResult slow = result("old.jar", new double[] {900, 200, 200, 190}, "glibc defaults", 8000);
        LaptopRace.ChildResult fast = result("new.jar", new double[] {900, 100, 110, 100}, "glibc defaults", 8000);
        String table = LaptopRace.speedTable("sparse-mixer-tiny", 16, 64, 1, List.of(before, after),
                List.of(List.of(slow), List.of(fast)));
        assertTrue(table.contains("2.00x"), table);
        assertTrue(table.contains("75.0% of the prediction slots"), table);
        assertTrue(table.contains("10240"), "16 x 64 tokens in 100 ms: " + table);
        String breakdown = LaptopRace.partsTable("sparse-mixer-tiny", 16, 64, List.of(before, after),
                List.of(List.of(slow), List.of(fast)));
        for (String part : LaptopRaceChild.PARTS) {
            assertTrue(breakdown.contains(part), breakdown);
        }
        assertTrue(breakdown.contains("minor page faults per step") && breakdown.contains("8000"), breakdown);
    }

    @Test
    void eachContenderIsComparedWithTheEarlierBuildOrElseWithThePlainBuildAtItsThreadCount() {
        LaptopRace.Contender before2 = new LaptopRace.Contender("before", Path.of("old.jar"), 2);
        LaptopRace.Contender after2 = new LaptopRace.Contender("after", null, 2);
        LaptopRace.Contender heap2 = new LaptopRace.Contender("after", null, 2, false, true);
        LaptopRace.Contender after1 = new LaptopRace.Contender("after", null, 1);
        LaptopRace.Contender both1 = new LaptopRace.Contender("after", null, 1, true, true);
        assertEquals("after+C1+heap, 1 thread", both1.label());
        List<LaptopRace.Contender> withBefore = List.of(before2, after2, heap2);
        assertEquals(-1, LaptopRace.baseline(withBefore, 0));
        assertEquals(0, LaptopRace.baseline(withBefore, 1));
        assertEquals(0, LaptopRace.baseline(withBefore, 2));
        List<LaptopRace.Contender> thisBuild = List.of(after2, heap2, after1, both1);
        assertEquals(-1, LaptopRace.baseline(thisBuild, 0));
        assertEquals(0, LaptopRace.baseline(thisBuild, 1));
        assertEquals(2, LaptopRace.baseline(thisBuild, 3), "same thread count");
        LaptopRace.ChildResult plain = result("new.jar", new double[] {900, 60, 60, 60}, "glibc defaults", 8000);
        LaptopRace.ChildResult tuned = result("new.jar", new double[] {900, 50, 50, 50}, "tuned", 300);
        String table = LaptopRace.speedTable("sparse-mixer-tiny", 16, 64, 1, List.of(after2, heap2),
                List.of(List.of(plain), List.of(tuned)));
        assertTrue(table.contains("1.20x"), table);
        assertTrue(table.contains("without +C1 or +heap"), table);
    }

    /** A 2-thread child's report with 3 of 4 prediction slots real and fixed part times. */
    private static LaptopRace.ChildResult result(String build, double[] steps, String heap, double faults) {
        return new LaptopRace.ChildResult(build, 2, 3, 4, steps, new double[] {0.1, 1, 1, 1, 1, 1, 1, 6.1}, heap, faults);
    }
}
