package org.sparsemixerlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;
import org.junit.jupiter.api.Test;

/** Pure parts of error reporting: recursion folding, allocation advice, magic unwrapping, replay memory. */
class ErrorReportsTest {

    @Test
    void aRunawayRecursionIsFoldedToAFewFramesAndACount() {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            frames.add(i % 2 == 0 ? "\tat even(snippet #3:1)" : "\tat odd(snippet #4:1)");
        }
        List<String> folded = ErrorTraces.collapseRecursion(frames);
        assertEquals(6, folded.size(), folded.toString());
        assertEquals("\t... 1019 more frames of the same recursion", folded.get(5));
        assertEquals(frames.subList(0, 5), folded.subList(0, 5));
        List<String> shortTrace = List.of("\tat a(x)", "\tat b(y)");
        assertEquals(shortTrace, ErrorTraces.collapseRecursion(shortTrace));
    }

    @Test
    void stackOverflowGetsAHeadingThatSaysWhatHappened() {
        String m = ErrorTraces.explained(StackOverflowError.class.getName(), null);
        assertTrue(m.contains("call stack overflowed") && m.contains("base case"), m);
        assertEquals("plain", ErrorTraces.explained("java.lang.IllegalStateException", "plain"));
    }

    @Test
    void allocationFailureSaysWhatWasAskedWhatIsAvailableAndWhatToDo() {
        String advice = MemoryAdvice.forAllocationFailure("[enforce fail at alloc_cpu.cpp:119] err == 0. "
                + "DefaultCPUAllocator: can't allocate memory: you tried to allocate 4398046511104 bytes.");
        assertTrue(advice.contains("could not allocate 4.0 TiB"), advice);
        assertTrue(advice.contains("this machine has ") && advice.contains("GiB of memory"), advice);
        assertTrue(advice.contains("smaller shape"), advice);
        assertNull(MemoryAdvice.forAllocationFailure("shape mismatch"));
        assertEquals("1.5 KiB", MemoryAdvice.bytes(1536));
        assertEquals("12 bytes", MemoryAdvice.bytes(12));
    }

    @Test
    void magicFailuresAreUnwrappedFromJjavasWrapper() {
        Set<String> line = Set.of("seed", "train", "time");
        RuntimeException undefined = MagicFailures.reportable(new UndefinedMagicException("sede", true), line, Set.of());
        assertTrue(undefined instanceof UsageError);
        RuntimeException semicolon = MagicFailures.reportable(new UndefinedMagicException("seed;", true), line, Set.of());
        assertTrue(semicolon.getMessage().contains("without the ';'"), semicolon.getMessage());
        UsageError usage = new UsageError("bad", "%x [--y N]");
        assertEquals(List.of("UsageError: bad", "usage: %x [--y N]"), usage.traceback());
        RuntimeException wrapped = new RuntimeException("Exception occurred while running line magic 'x': bad", usage);
        assertEquals(usage, MagicFailures.reportable(wrapped, line, Set.of()));
        RuntimeException lib = MagicFailures.reportable(new RuntimeException(
                "Exception occurred while running line magic 'x': boom", new IllegalStateException("boom")), line, Set.of());
        CellRuntimeException report = (CellRuntimeException) lib;
        assertEquals("java.lang.IllegalStateException", report.exceptionClassName());
        assertFalse(String.join("\n", report.traceback()).contains("org.dflib"), report.traceback().toString());
        assertNull(MagicFailures.reportable(new IllegalStateException("user code"), line, Set.of()));
    }

    @Test
    void replayGuardAcceptsEachRequestOnceAndForgetsTheOldest() {
        ReplayGuard g = new ReplayGuard(2);
        assertTrue(g.firstTime("s", "1"));
        assertFalse(g.firstTime("s", "1"));
        assertTrue(g.firstTime("other", "1"));
        assertTrue(g.firstTime("s", "2"));
        assertTrue(g.firstTime("s", "1"), "the oldest id was forgotten (bounded memory)");
    }
}
