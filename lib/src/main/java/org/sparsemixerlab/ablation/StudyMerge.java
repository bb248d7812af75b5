package org.sparsemixerlab.ablation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsemixerlab.model.AtomicFiles;

/**
 * Merges the row files of shard output folders into one output folder. Rows are one file each and
 * shards own disjoint rows, so merging is copying; a row already present with the same content is
 * left alone, one with different content is a conflict and is not overwritten.
 */
public final class StudyMerge {

    /**
     * What a merge did.
     *
     * @param copied row files copied into the target
     * @param alreadyPresent row files the target already had with identical content
     * @param conflicts row files the target has with different content (left unchanged)
     */
    public record Report(List<Path> copied, List<Path> alreadyPresent, List<Path> conflicts) {
        public Report {
            copied = List.copyOf(copied);
            alreadyPresent = List.copyOf(alreadyPresent);
            conflicts = List.copyOf(conflicts);
        }
    }

    private StudyMerge() {}

    /** Copies {@code SRC/rows/*.json} of every source into {@code target/rows/}. */
    public static Report merge(Path target, List<Path> sources) {
        Path into = StudyRunner.rowsDir(target);
        List<Path> copied = new ArrayList<>();
        List<Path> same = new ArrayList<>();
        List<Path> conflicts = new ArrayList<>();
        for (Path source : sources) {
            Path rows = StudyRunner.rowsDir(source);
            if (!Files.isDirectory(rows)) {
                throw new IllegalArgumentException("merge source " + source + " has no rows/ folder; expected the "
                        + "--out folder of a study run");
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(rows, "*.json")) {
                for (Path f : files) {
                    StudyRow.read(f);
                    Path dest = into.resolve(f.getFileName().toString());
                    byte[] bytes = Files.readAllBytes(f);
                    if (!Files.exists(dest)) {
                        AtomicFiles.write(dest, out -> out.write(bytes));
                        copied.add(dest);
                    } else if (Arrays.equals(bytes, Files.readAllBytes(dest))) {
                        same.add(dest);
                    } else {
                        conflicts.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot merge rows from " + rows + " into " + into + ": "
                        + e.getMessage(), e);
            }
        }
        return new Report(copied, same, conflicts);
    }
}
