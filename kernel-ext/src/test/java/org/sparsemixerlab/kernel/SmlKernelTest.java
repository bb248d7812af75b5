package org.sparsemixerlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the kernel in-process (no ZeroMQ) through {@link KernelSession}. */
class SmlKernelTest {

    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void expressionValueIsRenderedAsResult() {
        CellResult r = session.execute("int a = 20;\na + 22");
        assertEquals("42", r.resultText().orElse("<none>"));
    }

    @Test
    void trailingSemicolonSuppressesTheResult() {
        CellResult r = session.execute("6 * 7;");
        assertFalse(r.failed());
        assertTrue(r.result().isEmpty());
    }

    @Test
    void stateSurvivesAcrossCells() {
        session.execute("List<String> seen = new ArrayList<>(); seen.add(\"first\");");
        CellResult r = session.execute("seen.add(\"second\"); seen.size()");
        assertEquals("2", r.resultText().orElse("<none>"));
    }

    @Test
    void stdoutAndStderrAreCapturedInOrder() {
        CellResult r = session.execute("System.out.println(\"out\"); System.err.println(\"err\"); System.out.print(\"more\");");
        assertEquals("out\nmore", r.stdout());
        assertEquals("err\n", r.stream("stderr"));
    }

    @Test
    void resultObjectIsTheRealObjectNotAString() {
        session.execute("var holder = new java.util.concurrent.atomic.AtomicInteger(5);");
        Object value = session.kernel().evalRaw("holder");
        assertEquals(java.util.concurrent.atomic.AtomicInteger.class, value.getClass());
    }

    @Test
    void compileErrorPointsAtTheLineOfTheCell() {
        CellResult r = session.execute("int ok = 1;\nint bad = \"text\";");
        CellOutput.Error e = r.error().orElseThrow();
        assertEquals("CompileError", e.ename());
        String text = String.join("\n", e.traceback());
        assertTrue(text.contains("line 2"), text);
        assertTrue(text.contains("int bad = \"text\";"), text);
        assertTrue(text.contains("incompatible types"), text);
    }

    @Test
    void runtimeErrorShowsRealExceptionAndTrimmedTrace() {
        CellResult r = session.execute("int zero = 0;\nint boom() { return 1 / zero; }\nboom()");
        CellOutput.Error e = r.error().orElseThrow();
        assertEquals("ArithmeticException", e.ename());
        String text = NotebookHtml.stripAnsi(String.join("\n", e.traceback()));
        assertTrue(text.startsWith("java.lang.ArithmeticException: / by zero"), text);
        assertTrue(text.contains("boom(snippet"), text);
        assertFalse(text.contains("jdk.internal.reflect"), text);
        assertFalse(text.contains("CellExecutionControl"), text);
    }

    @Test
    void laterStatementsDoNotRunAfterAnError() {
        session.execute("int counter = 0;");
        session.execute("counter = 1;\nObject o = null; o.hashCode();\ncounter = 2;");
        assertEquals("1", session.execute("counter").resultText().orElse("<none>"));
    }

    @Test
    void displayAndUpdateDisplayReplaceTheSameOutput() {
        CellResult r = session.execute("String id = display(\"first\");\nupdateDisplay(id, \"second\");");
        List<CellOutput.Display> displays = r.displays();
        assertEquals(1, displays.size());
        assertEquals("second", displays.get(0).data().get("text/plain").getAsString());
    }

    @Test
    void bufferedImageRendersAsPng() {
        CellResult r = session.execute("new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        assertTrue(r.result().orElseThrow().data().has("image/png"));
    }

    @Test
    void ndArrayRendersWithShapeAndValues() {
        CellResult r = session.execute("NDManager m = NDManager.newBaseManager();\nm.create(new float[] {1f, 2f, 3f})");
        String text = r.resultText().orElse("<none>");
        assertTrue(text.contains("(3)"), text);
        assertTrue(text.contains("2."), text);
        session.execute("m.close();");
    }

    @Test
    void cellThreadHasGradModeOffAndSnippetContextLoader() {
        CellResult r = session.execute("Thread.currentThread().getContextClassLoader() != ClassLoader.getSystemClassLoader()");
        assertEquals("true", r.resultText().orElse("<none>"));
        CellResult grad = session.execute("ai.djl.pytorch.jni.JniUtils.isGradMode()");
        assertEquals("false", grad.resultText().orElse("<none>"));
    }

    @Test
    void interruptStopsALongLoopAndKeepsTheState() throws Exception {
        session.execute("int keep = 7;");
        CompletableFuture<CellResult> running = CompletableFuture.supplyAsync(
                () -> session.execute("while (true) { Thread.sleep(10); }\nkeep = 8;"));
        Thread.sleep(500);
        session.kernel().interrupt();
        CellResult r = running.get(30, TimeUnit.SECONDS);
        assertEquals("Interrupted", r.error().orElseThrow().ename());
        assertEquals("7", session.execute("keep").resultText().orElse("<none>"));
    }

    @Test
    void interruptOfALoopThatIgnoresItStopsTheThread() throws Exception {
        session.execute("int before = 3;");
        CompletableFuture<CellResult> running = CompletableFuture.supplyAsync(
                () -> session.execute("long spins = 0;\nwhile (true) { spins++; }"));
        Thread.sleep(500);
        session.kernel().interrupt();
        CellResult r = running.get(60, TimeUnit.SECONDS);
        CellOutput.Error e = r.error().orElseThrow();
        assertEquals("Interrupted", e.ename());
        assertTrue(e.evalue().contains("its thread was stopped"), e.evalue());
        // the spinning thread is gone: spins no longer grows
        long a = Long.parseLong(session.execute("spins").resultText().orElseThrow());
        Thread.sleep(200);
        assertEquals(a, Long.parseLong(session.execute("spins").resultText().orElseThrow()));
        assertEquals("4", session.execute("before + 1").resultText().orElse("<none>"));
    }

    @Test
    void systemExitAndHaltFailTheCellAndKeepTheKernel() {
        session.execute("int survivor = 5;");
        for (String exit : new String[] {"System.exit(3);", "Runtime.getRuntime().halt(4);",
                                         "java.util.function.IntConsumer q = System::exit; q.accept(6);"}) {
            CellResult r = session.execute(exit);
            CellOutput.Error e = r.error().orElseThrow();
            assertEquals("SystemExit", e.ename(), e.toString());
            assertTrue(e.evalue().contains("the kernel does not exit from a cell"), e.evalue());
            assertTrue(e.traceback().size() <= 3, e.traceback().toString());
        }
        assertEquals("6", session.execute("survivor + 1").resultText().orElse("<none>"));
    }

    @Test
    void stackOverflowShowsAHeadingAndAShortTrace() {
        CellResult r = session.execute("int down(int n) { return down(n + 1) + 1; }\ndown(0)");
        CellOutput.Error e = r.error().orElseThrow();
        assertEquals("StackOverflowError", e.ename());
        assertTrue(e.evalue().contains("call stack overflowed"), e.evalue());
        assertTrue(e.traceback().size() < 12, e.traceback().size() + " lines");
        assertTrue(e.traceback().get(e.traceback().size() - 1).matches("\t\\.\\.\\. \\d+ more frames of the same recursion"),
                e.traceback().toString());
    }

    @Test
    void engineAllocationFailureSaysWhatWasAskedAndWhatToDo() {
        CellResult r = session.execute("try (NDManager big = NDManager.newBaseManager()) {\n"
                + "  big.zeros(new ai.djl.ndarray.types.Shape(1024L * 1024 * 1024 * 1024));\n}");
        CellOutput.Error e = r.error().orElseThrow();
        assertTrue(e.evalue().contains("could not allocate 4.0 TiB") && e.evalue().contains("this machine has"), e.evalue());
        assertEquals("2", session.execute("1 + 1").resultText().orElse("<none>"));
    }

    @Test
    void completionSuggestsMembers() {
        String code = "String word = \"abc\"; word.len";
        ReplacementOptions options = session.kernel().complete(code, code.length());
        assertNotNull(options);
        assertTrue(options.getReplacements().stream().anyMatch(s -> s.startsWith("length")), options.getReplacements().toString());
        assertEquals(code.length() - 3, options.getSourceStart());
    }

    @Test
    void completionSuggestsMagicNames() {
        ReplacementOptions options = session.kernel().complete("%tim", 4);
        assertTrue(options.getReplacements().containsAll(List.of("%time", "%timeit")), options.getReplacements().toString());
    }

    @Test
    void isCompleteTellsOpenBlocksFromFinishedCode() {
        assertEquals(BaseKernel.IS_COMPLETE_YES, session.kernel().isComplete("int x = 1;"));
        assertEquals("    ", session.kernel().isComplete("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void inspectShowsTheSignature() {
        String code = "Math.abs";
        assertTrue(String.valueOf(session.kernel().inspect(code, 6, false).getData(
                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)).contains("abs("));
    }
}
