package org.sparsemixerlab.ablation;

import java.nio.file.Path;
import java.util.List;
import org.sparsemixerlab.train.NativeHeap;

/**
 * The bash scripts a study submits to Slurm. The row script runs as one array task per row; the
 * array index is the row's position in {@link StudySpec#rows()}, so it calls {@code run STUDY --out
 * DIR --row $SLURM_ARRAY_TASK_ID}. It appends the row's output to {@code DIR/logs/<row>.log}, and
 * when it ends without being requeued it records the exit code in {@code DIR/slurm/exit/<row>}.
 *
 * <p>Signals: {@code TERM} (scancel, preemption, the node going down) is passed on to the JVM, which
 * checkpoints the row and exits. {@code USR1} is the warning {@link SlurmSubmitter} asks for before
 * the time limit ({@code --signal=B:USR1@120}): the JVM checkpoints the same way and the script then
 * requeues its own task, which resumes the row from the checkpoint. A distinct signal keeps a user's
 * {@code scancel} (which also sends TERM) from being undone by a requeue.
 *
 * @param spec the study
 * @param studyFile the study file, absolute (the jobs read it on the compute node)
 * @param outDir the output folder, absolute, on a filesystem the compute nodes share
 * @param java the java launcher the jobs run
 * @param classpath the class path the jobs run with, absolute entries
 * @param studyHash {@link StudyHash} of the study, written into the scripts' header
 * @param reportClass a main class that writes the HTML and PNG summary, or null for text only
 * @param datasets the project's datasets folder, absolute, passed to the jobs as {@code
 *     -Dsml.datasets} (they start in the submission's working directory, not necessarily the checkout)
 * @param device the rows' {@code --device}: {@code cpu}, or {@code gpu} when the tasks get GPUs
 */
public record BatchScript(StudySpec spec, Path studyFile, Path outDir, String java, String classpath,
        String studyHash, String reportClass, Path datasets, String device) {

    /** The system property that names the datasets folder ({@code DatasetsDirectory.PROPERTY}). */
    static final String DATASETS_PROPERTY = org.sparsemixerlab.data.DatasetsDirectory.PROPERTY;

    /** The main class the scripts run. */
    public static final String COMMAND_CLASS = AblationCommand.class.getName();

    /** Where the scripts, Slurm's own output files and the exit records go: {@code DIR/slurm}. */
    public static Path slurmDir(Path outDir) {
        return outDir.resolve("slurm");
    }

    /** The row's log: {@code DIR/logs/<variant>__seed-<s>.log}. */
    public static Path logFile(Path outDir, RowKey row) {
        return outDir.resolve("logs").resolve(stem(row) + ".log");
    }

    /** The row's exit record, {@code DIR/slurm/exit/<variant>__seed-<s>}: "CODE TASK_ID". */
    public static Path exitFile(Path outDir, RowKey row) {
        return slurmDir(outDir).resolve("exit").resolve(stem(row));
    }

    static String stem(RowKey row) {
        String f = row.fileName();
        return f.substring(0, f.length() - ".json".length());
    }

    /** The array task script. */
    public String rowScript() {
        StringBuilder rows = new StringBuilder();
        List<RowKey> all = spec.rows();
        for (int k = 0; k < all.size(); k++) {
            rows.append(k == 0 ? "" : " ").append(quote(stem(all.get(k))));
        }
        return header("one array task per row; SLURM_ARRAY_TASK_ID is the row's position in the study") + """
                ROWS=(%s)
                K="${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task (sbatch --array=...)}"
                ROW="${ROWS[$K]}"
                LOG="$OUT/logs/$ROW.log"
                EXIT="$OUT/slurm/exit/$ROW"
                TASK="${SLURM_ARRAY_JOB_ID}_${K}"
                mkdir -p "$OUT/logs" "$OUT/slurm/exit"
                rm -f "$EXIT"
                echo "== $(date -u +%%FT%%TZ) task $TASK on $(hostname) (restart ${SLURM_RESTART_COUNT:-0}, ${SLURM_CPUS_PER_TASK:-1} cpus)" >> "$LOG"
                "$JAVA" "${JVM[@]}" -cp "$CLASSES" %s run "$STUDY" --out "$OUT" --row "$K" --device %s >> "$LOG" 2>&1 &
                PID=$!
                REQUEUE=""
                trap 'kill -TERM "$PID" 2>/dev/null' TERM
                trap 'REQUEUE=1; kill -TERM "$PID" 2>/dev/null' USR1
                wait "$PID"; RC=$?
                while kill -0 "$PID" 2>/dev/null; do wait "$PID"; RC=$?; done
                if [ -n "$REQUEUE" ] && [ ! -f "$OUT/rows/$ROW.json" ]; then
                  echo "== $(date -u +%%FT%%TZ) time limit near: row checkpointed (exit $RC), requeueing $TASK" >> "$LOG"
                  scontrol requeue "$TASK" >> "$LOG" 2>&1 && exit 0
                fi
                printf '%%s %%s\\n' "$RC" "$TASK" > "$EXIT.tmp" && mv "$EXIT.tmp" "$EXIT"
                exit "$RC"
                """.formatted(rows, COMMAND_CLASS, word(device));
    }

    /** The summary job's script: the table as text, and HTML + PNG when the renderer is there. */
    public String summaryScript() {
        String report = reportClass == null ? ""
                : "\"$JAVA\" \"${JVM[@]}\" -cp \"$CLASSES\" " + reportClass + " \"$STUDY\" \"$OUT\"\n";
        return header("summary job: runs after every array task ended, writes the study's table into DIR") + """
                "$JAVA" "${JVM[@]}" -cp "$CLASSES" %s table "$STUDY" --out "$OUT" --write
                %s""".formatted(COMMAND_CLASS, report);
    }

    private String header(String what) {
        return """
                #!/bin/bash
                # Sparse Mixer Lab study '%s' (study hash %s): %s.
                # Written by AblationCommand submit; resubmit with 'AblationCommand resubmit --failed', not by hand.
                set -u
                STUDY=%s
                OUT=%s
                JAVA=%s
                CLASSES=%s
                JVM=(%s)
                # The kernel's glibc heap settings (NativeHeap: the engine's blocks stay mapped between steps),
                # unless the submitting user set either variable.
                if [ -z "${MALLOC_MMAP_THRESHOLD_:-}${MALLOC_TRIM_THRESHOLD_:-}" ]; then
                  export %s
                fi
                """.formatted(spec.name(), studyHash, what, quote(studyFile.toString()), quote(outDir.toString()),
                quote(java), quote(classpath), datasets == null ? "" : quote("-D" + DATASETS_PROPERTY + "=" + datasets),
                NativeHeap.assignments());
    }

    /** {@code text} as a shell word: as it is when it is plain, else quoted. */
    static String word(String text) {
        return text.matches("[A-Za-z0-9_./:=%,@+-]+") ? text : quote(text);
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
