package org.sparsemixerlab.ablation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row files of a study's output folder, read against the study: which rows are done, which are
 * missing, and which files do not belong to it. Tolerates a partly run study. Immutable.
 *
 * @param spec the study
 * @param rows the rows found, in the study's row order
 * @param missing the study's rows without a file, in row order
 * @param ignored row files that are not rows of this study (another study, a removed variant)
 */
public record StudyResults(StudySpec spec, Map<RowKey, StudyRow> rows, List<RowKey> missing, List<Path> ignored) {

    public StudyResults {
        rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        missing = List.copyOf(missing);
        ignored = List.copyOf(ignored);
    }

    /** Reads {@code outDir/rows/*.json}; a folder without rows gives every row missing. */
    public static StudyResults load(StudySpec spec, Path outDir) {
        Map<RowKey, StudyRow> found = new LinkedHashMap<>();
        List<Path> ignored = new ArrayList<>();
        Path dir = StudyRunner.rowsDir(outDir);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    StudyRow row = StudyRow.read(f);
                    if (row.study().equals(spec.name()) && spec.rows().contains(row.key())) {
                        found.put(row.key(), row);
                    } else {
                        ignored.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the rows in " + dir + ": " + e.getMessage(), e);
            }
        }
        Map<RowKey, StudyRow> ordered = new LinkedHashMap<>();
        List<RowKey> missing = new ArrayList<>();
        for (RowKey k : spec.rows()) {
            if (found.containsKey(k)) {
                ordered.put(k, found.get(k));
            } else {
                missing.add(k);
            }
        }
        ignored.sort(null);
        return new StudyResults(spec, ordered, missing, ignored);
    }

    /** Whether every row of the study has a file. */
    public boolean complete() {
        return missing.isEmpty();
    }

    /** The rows of one variant, in seed order. */
    public List<StudyRow> rowsOf(String variant) {
        List<StudyRow> out = new ArrayList<>();
        rows.values().stream().filter(r -> r.variant().equals(variant)).forEach(out::add);
        return out;
    }
}
