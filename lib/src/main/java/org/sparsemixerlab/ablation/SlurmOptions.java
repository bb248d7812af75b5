package org.sparsemixerlab.ablation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a study's Slurm job array asks of the cluster, checked before anything is submitted. Every
 * field has a default meaning "the cluster's default" (null), except {@code cpusPerTask} (1).
 *
 * @param partition {@code --partition}, or null for the cluster's default partition
 * @param time {@code --time} per row (Slurm's forms: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM:SS), or null
 * @param cpusPerTask {@code --cpus-per-task}; also the row's engine threads
 * @param gpusPerTask {@code --gpus-per-task}, 0 for none
 * @param mem {@code --mem} per row (e.g. 4G, 2000M), or null
 * @param account {@code --account}, or null
 * @param maxParallel at most this many rows at once ({@code --array=...%K}), 0 for no limit
 * @param extraArgs further sbatch arguments, passed as given (e.g. {@code --qos=short})
 */
public record SlurmOptions(String partition, String time, int cpusPerTask, int gpusPerTask, String mem,
        String account, int maxParallel, List<String> extraArgs) {

    private static final Pattern TIME = Pattern.compile("\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}"
            + "|\\d+-\\d{1,2}|\\d+-\\d{1,2}:\\d{1,2}|\\d+-\\d{1,2}:\\d{1,2}:\\d{1,2}");
    private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** The defaults: one CPU per row, everything else as the cluster decides. */
    public static final SlurmOptions DEFAULT = new SlurmOptions(null, null, 1, 0, null, null, 0, List.of());

    public SlurmOptions {
        extraArgs = List.copyOf(extraArgs);
        if (partition != null && !NAME.matcher(partition).matches()) {
            throw new IllegalArgumentException("--partition expects a partition name (letters, digits, '.', '_', '-'),"
                    + " received '" + partition + "'; sinfo lists the partitions");
        }
        if (account != null && !NAME.matcher(account).matches()) {
            throw new IllegalArgumentException("--account expects an account name, received '" + account + "'");
        }
        if (time != null && !TIME.matcher(time).matches()) {
            throw new IllegalArgumentException("--time expects a Slurm time limit such as 01:30:00 (HH:MM:SS), 90 "
                    + "(minutes) or 2-00:00:00 (days-hours), received '" + time + "'");
        }
        if (mem != null && !MEM.matcher(mem).matches()) {
            throw new IllegalArgumentException("--mem expects a size such as 4G or 2000M, received '" + mem + "'");
        }
        if (cpusPerTask < 1) {
            throw new IllegalArgumentException("--cpus-per-task expects at least 1, received " + cpusPerTask);
        }
        if (gpusPerTask < 0) {
            throw new IllegalArgumentException("--gpus-per-task expects 0 or more, received " + gpusPerTask);
        }
        if (maxParallel < 0) {
            throw new IllegalArgumentException("--max-parallel expects 1 or more (0: no limit), received "
                    + maxParallel);
        }
        for (String a : extraArgs) {
            if (!a.startsWith("-")) {
                throw new IllegalArgumentException("--sbatch-arg expects one sbatch option such as --qos=short, "
                        + "received '" + a + "'");
            }
            if (a.startsWith("--array") || a.startsWith("--dependency") || a.startsWith("--output")
                    || a.equals("-a") || a.equals("-o") || a.equals("-d")) {
                throw new IllegalArgumentException("--sbatch-arg " + a + " would change how the study's rows map to"
                        + " array tasks or logs; submit sets --array, --dependency and --output itself");
            }
        }
    }

    /** The sbatch options these settings stand for, in a fixed order. */
    public List<String> sbatchArgs() {
        List<String> out = new ArrayList<>();
        if (partition != null) {
            out.add("--partition=" + partition);
        }
        if (account != null) {
            out.add("--account=" + account);
        }
        if (time != null) {
            out.add("--time=" + time);
        }
        out.add("--cpus-per-task=" + cpusPerTask);
        if (gpusPerTask > 0) {
            out.add("--gpus-per-task=" + gpusPerTask);
        }
        if (mem != null) {
            out.add("--mem=" + mem);
        }
        out.addAll(extraArgs);
        return out;
    }

    /** The sbatch options a one-CPU helper job (the summary) shares with the rows: where and whose. */
    public List<String> placementArgs() {
        List<String> out = new ArrayList<>();
        if (partition != null) {
            out.add("--partition=" + partition);
        }
        if (account != null) {
            out.add("--account=" + account);
        }
        out.addAll(extraArgs);
        return out;
    }
}
