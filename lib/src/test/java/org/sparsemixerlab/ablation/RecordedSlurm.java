package org.sparsemixerlab.ablation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SlurmClient} that answers squeue and scontrol with given (recorded) text, hands out job
 * ids from 100 on, and records every sbatch and scancel call. {@code refuseSbatch} makes the n-th
 * sbatch call (1-based) fail as Slurm would.
 */
final class RecordedSlurm implements SlurmClient {
    final List<List<String>> sbatchCalls = new ArrayList<>();
    final List<List<String>> scancelCalls = new ArrayList<>();
    String squeue = "";
    String showJob = "";
    int refuseSbatch;
    String refusal = "sbatch: error: invalid partition specified: gpu\n"
            + "sbatch: error: Batch job submission failed: Invalid partition name specified";
    private int nextId = 100;

    static String resource(String name) {
        try (InputStream in = RecordedSlurm.class.getResourceAsStream("/ablation/slurm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String sbatch(List<String> args) {
        sbatchCalls.add(List.copyOf(args));
        if (sbatchCalls.size() == refuseSbatch) {
            throw new SlurmException("sbatch refused the submission (exit 1): " + refusal);
        }
        return Integer.toString(nextId++);
    }

    @Override
    public String squeue() {
        return squeue;
    }

    @Override
    public String showJob(String jobId) {
        return showJob;
    }

    @Override
    public void scancel(List<String> jobIds) {
        scancelCalls.add(List.copyOf(jobIds));
    }
}
