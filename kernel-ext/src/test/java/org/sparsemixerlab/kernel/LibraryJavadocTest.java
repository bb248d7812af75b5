package org.sparsemixerlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Javadoc for JShell's signatures of the library's classes, read from the library's sources. */
class LibraryJavadocTest {
    private static final Path LIB_SOURCES = Path.of("..", "lib", "src", "main", "java");
    private static final LibraryJavadoc DOCS = new LibraryJavadoc(path -> {
        Path file = LIB_SOURCES.resolve(path);
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });
    private static JShell shell;

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
        KernelClasspath.entries().forEach(shell::addToClasspath);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    /** What JShell itself says for the code (signature, and its javadoc: none for our classes). */
    private static SourceCodeAnalysis.Documentation jshell(String code) {
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(code, code.length(), true);
        assertEquals(1, docs.size(), code + ": " + docs.stream().map(SourceCodeAnalysis.Documentation::signature).toList());
        return docs.get(0);
    }

    @Test
    void aMethodGetsItsFirstSentenceParametersAndReturnValue() {
        SourceCodeAnalysis.Documentation d = jshell("org.sparsemixerlab.tensor.RowGather.rows(");
        assertNull(d.javadoc(), "JShell reads only the JDK's sources");
        String doc = DOCS.describe(d.signature());
        assertTrue(doc.startsWith("Rows of a table."), doc);
        assertTrue(doc.contains("Parameters:\n  table - [ROWS, WIDTH], or [ROWS] (one value per row)"), doc);
        assertTrue(doc.contains("  indices - integer row numbers of any shape [...], each in [0, ROWS)"), doc);
        assertTrue(doc.contains("Returns: [..., WIDTH], or [...] for a 1-D table"), doc);
    }

    @Test
    void overloadsTypesAndFieldsAreTold() {
        String noArgs = DOCS.describe(jshell("org.sparsemixerlab.data.DatasetsDirectory.locate(").signature());
        assertTrue(noArgs.startsWith("Finds the datasets folder: sml.datasets, then SML_DATASETS"), noArgs);
        String type = DOCS.describe(jshell("org.sparsemixerlab.data.DatasetsDirectory").signature());
        assertTrue(type.startsWith("The project's datasets/ folder and its checksum list SHA256SUMS."), type);
        String field = DOCS.describe("java.lang.String org.sparsemixerlab.data.DatasetsDirectory.ENV");
        assertTrue(field.startsWith("Environment variable that points at the datasets folder"), field);
        assertNull(DOCS.describe("java.lang.String java.lang.String.valueOf(int i)"), "not ours");
        assertNull(DOCS.describe("void org.sparsemixerlab.nowhere.Nothing.run()"), "no such source");
    }

    @Test
    void parameterNamesSurviveGenerics() {
        assertEquals(List.of("a", "b", "c"),
                LibraryJavadoc.parameterNames("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>> a, int b, long[] c"));
        assertEquals(List.of(), LibraryJavadoc.parameterNames(""));
    }
}
