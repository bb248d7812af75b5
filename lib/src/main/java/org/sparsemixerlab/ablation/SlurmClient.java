package org.sparsemixerlab.ablation;

import java.util.List;

/**
 * The Slurm commands a study uses. {@link SlurmCommands} runs the real ones; tests replay recorded
 * outputs. Every method throws {@link SlurmException} with Slurm's own message when a command fails.
 */
public interface SlurmClient {

    /** Runs {@code sbatch --parsable ARGS...}; returns the new job's id. */
    String sbatch(List<String> args);

    /** {@code squeue -h -r -o '%i|%T|%M|%r'}: one line per job or array task still known to squeue. */
    String squeue();

    /** {@code scontrol -o show job ID}: one line per record; empty when Slurm no longer knows the job. */
    String showJob(String jobId);

    /** {@code scancel IDS...}. */
    void scancel(List<String> jobIds);
}
