package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsDirectoryTest {

    private static final String FILE = "tasks/sentiment-dev.tsv.gz";

    @Test
    void everyCommittedFileMatchesItsRecordedChecksum() throws IOException {
        DatasetsDirectory datasets = DatasetsDirectory.locate();
        List<String> files = datasets.listedFiles();
        assertTrue(files.contains(WordPieceTokenizer.BERT_UNCASED_FILE));
        assertTrue(files.size() >= 13, "corpus, tasks and tokenizer files are listed: " + files);
        for (String file : files) {
            DatasetFingerprint print = datasets.verify(file);
            assertEquals(Files.size(datasets.root().resolve(file)), print.bytes());
            assertTrue(print.bytes() < 8L * 1024 * 1024, file + " stays under 8 MB");
        }
    }

    @Test
    void aChangedFileIsReportedWithItsNameExpectedHashAndTheFix(@TempDir Path copy) throws IOException {
        DatasetsDirectory original = DatasetsDirectory.locate();
        Path target = copy.resolve(FILE);
        Files.createDirectories(target.getParent());
        Files.copy(original.root().resolve(DatasetsDirectory.SUMS_FILE), copy.resolve(DatasetsDirectory.SUMS_FILE));
        byte[] bytes = Files.readAllBytes(original.root().resolve(FILE));
        bytes[bytes.length / 2] ^= 1;
        Files.write(target, bytes);

        DatasetsDirectory changed = DatasetsDirectory.open(copy);
        String expected = original.verify(FILE).sha256();
        DatasetIntegrityException e = assertThrows(DatasetIntegrityException.class, () -> changed.verify(FILE));
        assertTrue(e.getMessage().contains(FILE), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 " + expected), e.getMessage());
        assertTrue(e.getMessage().contains("datasets/tools/derive.sh"), e.getMessage());
        assertThrows(DatasetIntegrityException.class, () -> ClassificationTask.SENTIMENT.load(changed, Split.DEV));
    }

    @Test
    void aMissingFileOrFolderGivesAClearMessage(@TempDir Path empty) throws IOException {
        DatasetIntegrityException noFolder =
                assertThrows(DatasetIntegrityException.class, () -> DatasetsDirectory.open(empty));
        assertTrue(noFolder.getMessage().contains(DatasetsDirectory.SUMS_FILE), noFolder.getMessage());

        Files.copy(DatasetsDirectory.locate().root().resolve(DatasetsDirectory.SUMS_FILE),
                empty.resolve(DatasetsDirectory.SUMS_FILE));
        DatasetIntegrityException missing = assertThrows(DatasetIntegrityException.class,
                () -> DatasetsDirectory.open(empty).verify(FILE));
        assertTrue(missing.getMessage().startsWith("Missing data file"), missing.getMessage());
        DatasetIntegrityException unlisted = assertThrows(DatasetIntegrityException.class,
                () -> DatasetsDirectory.open(empty).verify("tasks/nli-train.tsv.gz"));
        assertTrue(unlisted.getMessage().contains("not listed"), unlisted.getMessage());
    }

    @Test
    void theSystemPropertyOverridesTheUpwardSearch(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve(DatasetsDirectory.SUMS_FILE), "");
        String before = System.getProperty(DatasetsDirectory.PROPERTY);
        System.setProperty(DatasetsDirectory.PROPERTY, elsewhere.toString());
        try {
            assertEquals(elsewhere.toAbsolutePath().normalize(), DatasetsDirectory.locate().root());
        } finally {
            if (before == null) {
                System.clearProperty(DatasetsDirectory.PROPERTY);
            } else {
                System.setProperty(DatasetsDirectory.PROPERTY, before);
            }
        }
    }

    @Test
    void outsideTheCheckoutTheInstallationsDatasetsAreFound(@TempDir Path userFolder, @TempDir Path kernelFolder)
            throws IOException {
        Path installed = kernelFolder.resolve("datasets");
        Files.createDirectories(installed);
        Files.writeString(installed.resolve(DatasetsDirectory.SUMS_FILE), "");
        Path jarFolder = Files.createDirectories(kernelFolder.resolve("lib"));
        Path notebookFolder = Files.createDirectories(userFolder.resolve("my-notebooks"));

        DatasetsDirectory found = DatasetsDirectory.locate(null, null, notebookFolder, jarFolder);
        assertEquals(installed.toAbsolutePath().normalize(), found.root());

        // a datasets folder above the working directory still wins (a notebook inside a checkout)
        Path local = Files.createDirectories(userFolder.resolve("datasets"));
        Files.writeString(local.resolve(DatasetsDirectory.SUMS_FILE), "");
        assertEquals(local.toAbsolutePath().normalize(),
                DatasetsDirectory.locate(null, null, notebookFolder, jarFolder).root());
    }

    @Test
    void theEnvironmentVariableIsUsedWhenThePropertyIsUnset(@TempDir Path a, @TempDir Path b) throws IOException {
        Files.writeString(a.resolve(DatasetsDirectory.SUMS_FILE), "");
        Files.writeString(b.resolve(DatasetsDirectory.SUMS_FILE), "");
        assertEquals(a.toAbsolutePath().normalize(), DatasetsDirectory.locate(null, a.toString(), b, null).root());
        assertEquals(b.toAbsolutePath().normalize(),
                DatasetsDirectory.locate(b.toString(), a.toString(), a, null).root());
        DatasetIntegrityException wrong = assertThrows(DatasetIntegrityException.class,
                () -> DatasetsDirectory.locate(null, a.resolve("nowhere").toString(), b, null));
        assertTrue(wrong.getMessage().startsWith(DatasetsDirectory.ENV + " points at"), wrong.getMessage());
    }

    @Test
    void noDatasetsAnywhereNamesTheFix(@TempDir Path nowhere) throws IOException {
        Path work = Files.createDirectories(nowhere.resolve("work"));
        Path install = Files.createDirectories(nowhere.resolve("kernel/lib"));
        DatasetIntegrityException e = assertThrows(DatasetIntegrityException.class,
                () -> DatasetsDirectory.locate(null, null, work, install));
        assertTrue(e.getMessage().contains(work.toString()) && e.getMessage().contains(install.toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B -q -DskipTests package"), e.getMessage());
        assertTrue(e.getMessage().contains(DatasetsDirectory.ENV + "=<path to datasets>"), e.getMessage());
    }

    @Test
    void theLibrarysOwnLocationLeadsToTheCheckoutsDatasets() {
        Path installation = DatasetsDirectory.installationFolder();
        assertTrue(installation != null, "the class's code source is known");
        Path root = Path.of("/");
        DatasetsDirectory found = DatasetsDirectory.locate(null, null, root, installation);
        assertEquals(DatasetsDirectory.locate().root(), found.root());
    }
}
