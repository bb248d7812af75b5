package org.sparsemixerlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {

    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static Path notebook(Path dir, String... cells) throws Exception {
        JsonArray arr = new JsonArray();
        for (String c : cells) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.add("metadata", new JsonObject());
            cell.addProperty("source", c);
            cell.add("outputs", new JsonArray());
            arr.add(cell);
        }
        JsonObject nb = new JsonObject();
        nb.add("cells", arr);
        nb.add("metadata", new JsonObject());
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        Path p = dir.resolve("t.ipynb");
        Files.writeString(p, nb.toString());
        return p;
    }

    @Test
    void aNotebookOutsideTheWorkingDirectoryRunsInItsOwnFolder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("course"));
        Files.writeString(folder.resolve("data.txt"), "next to the notebook");
        Path nb = notebook(folder, "System.out.println(Files.readString(Path.of(\"data.txt\")));");
        assertTrue(NotebookFolderLauncher.needsOwnFolder(nb));
        int code = NotebookFolderLauncher.runInOwnFolder(nb, dir.resolve("out"), false);
        assertEquals(0, code);
        JsonObject executed = JsonParser.parseString(Files.readString(dir.resolve("out").resolve("t.executed.ipynb")))
                .getAsJsonObject();
        JsonObject first = executed.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertEquals("next to the notebook\n",
                first.getAsJsonArray("outputs").get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void writesExecutedNotebookAndHtmlWithInlineImage(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "System.out.println(\"hi\");",
                "new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        NotebookRunner.Report report = new NotebookRunner(session).run(nb, dir.resolve("out"), false);
        assertTrue(report.ok(), report.summary());
        JsonObject executed = JsonParser.parseString(Files.readString(report.executed())).getAsJsonObject();
        JsonObject first = executed.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertEquals("hi\n", first.getAsJsonArray("outputs").get(0).getAsJsonObject().get("text").getAsString());
        assertTrue(Files.readString(report.html()).contains("<img src=\"data:image/png;base64,"));
    }

    @Test
    void stopsAtTheFirstFailingCell(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "int before = 1;", "throw new IllegalStateException(\"nope\");", "System.out.println(\"after\");");
        NotebookRunner.Report report = new NotebookRunner(session).run(nb, dir, false);
        assertFalse(report.ok());
        assertEquals(1, report.failedCell());
        JsonObject executed = JsonParser.parseString(Files.readString(report.executed())).getAsJsonObject();
        assertEquals(0, executed.getAsJsonArray("cells").get(2).getAsJsonObject().getAsJsonArray("outputs").size());
    }
}
