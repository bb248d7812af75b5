package org.sparsemixerlab.ablation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.model.AtomicFiles;

/**
 * {@code DIR/jobs.json}: every Slurm submission of a study into one output folder, oldest first,
 * written atomically. It is how {@code status}, {@code resubmit} and {@code cancel} find the study's
 * jobs; Slurm forgets finished jobs after a few minutes ({@code MinJobAge}).
 *
 * @param study the study's name
 * @param studyHash {@link StudyHash} of the study the jobs run
 * @param submissions the submissions, oldest first
 */
public record JobsFile(String study, String studyHash, List<Submission> submissions) {

    /** The file's name inside the output folder. */
    public static final String NAME = "jobs.json";

    /**
     * One array task: which row it runs.
     *
     * @param index the array index ({@code SLURM_ARRAY_TASK_ID}), the row's position in the study
     * @param row the row's file stem, {@code <variant>__seed-<s>}
     */
    public record ArrayTask(int index, String row) {}

    /**
     * One {@code submit} or {@code resubmit}: a job array of rows and the summary job after it.
     *
     * @param arrayJobId the array's job id
     * @param summaryJobId the summary job's id
     * @param tasks the array tasks, in index order
     * @param sbatch the array's sbatch command line
     * @param summarySbatch the summary job's sbatch command line
     * @param script the row script, relative to the output folder
     * @param submitted when, ISO-8601 UTC
     * @param studyHash {@link StudyHash} of the study submitted
     */
    public record Submission(String arrayJobId, String summaryJobId, List<ArrayTask> tasks, List<String> sbatch,
            List<String> summarySbatch, String script, String submitted, String studyHash) {
        public Submission {
            tasks = List.copyOf(tasks);
            sbatch = List.copyOf(sbatch);
            summarySbatch = List.copyOf(summarySbatch);
        }

        /** Slurm's id of one task, {@code ARRAY_INDEX}. */
        public String taskId(int index) {
            return arrayJobId + "_" + index;
        }
    }

    public JobsFile {
        submissions = List.copyOf(submissions);
    }

    /** The file of {@code outDir}. */
    public static Path path(Path outDir) {
        return outDir.resolve(NAME);
    }

    /** Reads {@code outDir/jobs.json}, or returns null when there is none. */
    public static JobsFile readIfPresent(Path outDir) {
        Path f = path(outDir);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return ConfigJson.mapper().readValue(Files.readString(f, StandardCharsets.UTF_8), JobsFile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(f + " is not a jobs file this version can read ("
                    + e.getOriginalMessage() + "); move it aside to start a new submission record", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** This file with one more submission. */
    public JobsFile with(Submission s) {
        List<Submission> all = new ArrayList<>(submissions);
        all.add(s);
        return new JobsFile(study, s.studyHash(), all);
    }

    /** For each row stem, the submission and array index that ran it last (later submissions win). */
    public Map<String, Map.Entry<Submission, Integer>> latestByRow() {
        Map<String, Map.Entry<Submission, Integer>> out = new LinkedHashMap<>();
        for (Submission s : submissions) {
            for (ArrayTask t : s.tasks()) {
                out.put(t.row(), Map.entry(s, t.index()));
            }
        }
        return out;
    }

    /** Writes {@code outDir/jobs.json} atomically. */
    public void write(Path outDir) {
        Path f = path(outDir);
        try {
            AtomicFiles.writeString(f, ConfigJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + " (" + e.getMessage()
                    + "); the jobs were submitted: cancel them with scancel or fix the folder and run status", e);
        }
    }
}
