package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped study files cite only what a reader can find: the papers' sections and the authors'
 * public repository, never the project's internal specification ("SPEC 4.1"), which is not in the
 * repository.
 */
class StudyClaimSourcesTest {

    private static List<Path> studyFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "notebooks", "studies"), Path.of("..", "notebooks", "workshop", "studies"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".json")).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void noStudyFileCitesADocumentOutsideTheRepository() throws IOException {
        List<Path> files = studyFiles();
        assertTrue(files.size() >= 5, "expected the shipped study files, found " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            assertFalse(text.matches("(?s).*\\bSPEC\\s*\\d.*"), f + " cites the internal SPEC");
            // read as plain JSON: a study with a routing registered at run time does not load without it
            for (com.fasterxml.jackson.databind.JsonNode v : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(text).path("variants")) {
                com.fasterxml.jackson.databind.JsonNode claim = v.path("paper_claim");
                if (!claim.isMissingNode()) {
                    String source = claim.path("source").asText("");
                    assertFalse(source.isBlank(), f + ": " + v.path("name").asText() + " has a claim without a source");
                    assertFalse(source.contains("SPEC"), f + ": " + v.path("name").asText() + " cites " + source);
                }
            }
        }
    }
}
