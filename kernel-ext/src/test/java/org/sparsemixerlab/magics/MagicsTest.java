package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.kernel.CellResult;
import org.sparsemixerlab.kernel.KernelSession;

class MagicsTest {

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
    void lsmagicListsCatalogEntriesOfRegisteredMagics() {
        String out = session.execute("%lsmagic").stdout();
        assertTrue(out.contains("%timeit [-n LOOPS]"), out);
        assertTrue(out.contains("%%time"), out);
        assertTrue(out.contains("%classpath"), out);
    }

    @Test
    void timePrintsWallTimeAndShowsTheValue() {
        CellResult r = session.execute("%%time\nint t = 2;\nt * 21");
        assertTrue(r.stdout().contains("Wall time: "), r.stdout());
        assertEquals("42", r.displays().get(0).data().get("text/plain").getAsString());
    }

    @Test
    void timeitRunsExactlyTheRequestedLoopsAndRepeats() {
        session.execute("int[] calls = {0};");
        CellResult r = session.execute("%timeit -n 3 -r 2 calls[0]++");
        assertTrue(r.stdout().contains("per loop (mean \u00b1 std. dev. of 2 runs, 3 loops each)"), r.stdout());
        // one untimed warm-up call plus 2 runs of 3 loops
        assertEquals("7", session.execute("calls[0]").resultText().orElse("<none>"));
    }

    @Test
    void cellTimeitAcceptsStatements() {
        CellResult r = session.execute("%%timeit -n 2 -r 1\nString s = \"a\" + \"b\";\ns.length();");
        assertTrue(r.stdout().contains("of 1 run, 2 loops each"), r.stdout());
    }

    @Test
    void loadRunsAJavaFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("helpers.java");
        Files.writeString(file, "int triple(int x) { return 3 * x; }\n");
        session.execute("%load " + file);
        assertEquals("12", session.execute("triple(4)").resultText().orElse("<none>"));
    }

    @Test
    void loadOfAMissingFileSaysWhatWasExpected() {
        CellResult r = session.execute("%load no/such/file.java");
        assertTrue(UsageErrorAssert.usageError(r).contains("no such file"));
    }

    @Test
    void magicMistakesReplyUsageErrorsAndKeepTheSession() {
        session.execute("int kept = 41;");
        String[][] cases = {
            {"%nosuchmagic", "Line magic %nosuchmagic is not defined"},
            {"%%nosuchcell\nbody", "Cell magic %%nosuchcell is not defined"},
            {"var r = %seed;", "without the ';'"},
            {"%time", "%time needs code to time"},
            {"%%time\n", "%%time needs code to time"},
            {"%timeit -n 0 1+1", "-n expects a whole number in [1, 1000000000], got '0'"},
            {"%timeit --bogus 1+1", "unknown option --bogus"},
            {"%timeit -z 1+1", "unknown option -z"},
            {"%classpath no/such.jar", "nothing matches 'no/such.jar'"},
            {"%lsmagic extra", "%lsmagic takes no arguments"},
        };
        for (String[] c : cases) {
            String err = UsageErrorAssert.usageError(session.execute(c[0]));
            assertTrue(err.contains(c[1]), c[0] + " -> " + err);
        }
        assertEquals("42", session.execute("kept + 1").resultText().orElse("<none>"));
    }

    @Test
    void everyRegisteredMagicAnswersHelpFromItsDeclaration() {
        for (MagicHelp h : MagicCatalog.shared().entries()) {
            String cell = h.cell() ? h.invocation() + " --help\nbody" : h.invocation() + " --help";
            CellResult r = session.execute(cell);
            assertFalse(r.failed(), cell + " -> " + r.outputs());
            String out = r.stdout();
            assertTrue(out.startsWith("usage: " + h.invocation()), cell + " -> " + out);
            assertTrue(out.contains(h.summary()), cell + " -> " + out);
        }
    }

    @Test
    void aMagicThatFailsInsideShowsItsOwnErrorWithoutJjavaFrames() {
        CellResult r = session.execute("%time List.of().get(0)");
        String tb = String.join("\n", r.error().orElseThrow().traceback());
        assertTrue(tb.contains("java.lang.ArrayIndexOutOfBoundsException") || tb.contains("IndexOutOfBounds"), tb);
        assertFalse(tb.contains("org.dflib"), tb);
        assertFalse(tb.contains("Exception occurred while running"), tb);
    }

    @Test
    void classpathAddsAJarWhoseClassesCellsCanUse(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package demo; public class Greeter { public static String hi() { return \"hello from jar\"; } }");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()));
        Path jar = dir.resolve("greeter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
        }
        CellResult add = session.execute("%classpath " + dir + "/*.jar");
        assertTrue(add.stdout().contains("greeter.jar"), add.stdout());
        assertEquals("\"hello from jar\"", "\"" + session.execute("demo.Greeter.hi()").resultText().orElse("") + "\"");
    }

    @Test
    void htmlCellMagicDisplaysHtml() {
        CellResult r = session.execute("%%html\n<b>bold</b>");
        assertEquals("<b>bold</b>", r.displays().get(0).data().get("text/html").getAsString());
    }

    @Test
    void catalogDescribesOnlyRegisteredMagicsAndListsUndescribedOnes() {
        MagicCatalog catalog = new MagicCatalog();
        catalog.add(new MagicHelp("a", false, "<x>", "does a"));
        catalog.add(new MagicHelp("gone", false, "", "not registered"));
        String text = catalog.describe(java.util.Set.of("a", "b"), java.util.Set.of());
        assertTrue(text.matches("(?s).*\\n  %a <x> +does a\\n.*"), text);
        assertTrue(text.contains("%b  (no description)"), text);
        assertTrue(!text.contains("gone"), text);
    }

    @Test
    void timingStatsMatchAnIndependentComputation() {
        List<Double> v = List.of(1e-3, 2e-3, 4e-3);
        TimingStats s = new TimingStats(v, 10);
        double mean = (1e-3 + 2e-3 + 4e-3) / 3;
        double var = ((1e-3 - mean) * (1e-3 - mean) + (2e-3 - mean) * (2e-3 - mean) + (4e-3 - mean) * (4e-3 - mean)) / 3;
        assertEquals(mean, s.mean(), 1e-15);
        assertEquals(Math.sqrt(var), s.std(), 1e-15);
        assertEquals("2.33 ms \u00b1 1.25 ms per loop (mean \u00b1 std. dev. of 3 runs, 10 loops each)", s.summary());
    }

    @Test
    void timeFormatPicksTheLargestFittingUnit() {
        assertEquals("1.23 ms", TimeFormat.seconds(0.0012345));
        assertEquals("25 ns", TimeFormat.seconds(2.5e-8));
        assertEquals("3.5 s", TimeFormat.seconds(3.5));
        assertEquals("500 \u00b5s", TimeFormat.seconds(5e-4));
    }
}
