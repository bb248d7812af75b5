package org.sparsemixerlab.ablation;

import java.util.List;
import java.util.Map;

/**
 * Where one row of a submitted study stands, joining Slurm's view with the files the jobs wrote.
 *
 * @param key the row
 * @param index the row's position in the study (its array index)
 * @param state done, running, pending, failed or not submitted
 * @param taskId Slurm's id of the array task that ran or runs it ({@code ARRAY_INDEX}), or "" when
 *     never submitted
 * @param step training steps done (running rows; the budget for done rows; 0 when unknown)
 * @param elapsed Slurm's elapsed time of a running task ("" otherwise)
 * @param detail pending reason, failure (Slurm state, exit code), or the row's status when done
 * @param latest the latest held-out evaluation of the row so far (metric to value)
 * @param logTail the last lines of the row's log, for failed rows (empty otherwise)
 */
public record RowState(RowKey key, int index, State state, String taskId, long step, String elapsed, String detail,
        Map<String, Double> latest, List<String> logTail) {

    /** The states a row can be in. */
    public enum State {
        DONE("done"), RUNNING("running"), PENDING("pending"), FAILED("failed"), NOT_SUBMITTED("not submitted");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** The lower-case word shown in tables. */
        public String label() {
            return label;
        }
    }

    public RowState {
        latest = Map.copyOf(latest);
        logTail = List.copyOf(logTail);
    }
}
