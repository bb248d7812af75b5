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
}
