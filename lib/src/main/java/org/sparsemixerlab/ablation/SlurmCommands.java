package org.sparsemixerlab.ablation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real Slurm commands, found on {@code PATH}; see {@link SlurmClient}. */
public final class SlurmCommands implements SlurmClient {
    private static final long TIMEOUT_S = 120;
    private final Path bin;

    private SlurmCommands(Path bin) {
        this.bin = bin;
    }

    /** Slurm's client commands from the folder on this process's {@code PATH} that holds sbatch. */
    public static SlurmCommands fromPath() {
        return fromPath(System.getenv("PATH"));
    }

    /**
     * Slurm's client commands from the folder on {@code path} that holds {@code sbatch}.
     *
     * @throws SlurmException saying what to install when no folder on it holds sbatch
     */
    public static SlurmCommands fromPath(String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "sbatch"))) {
                return new SlurmCommands(Path.of(dir));
            }
        }
        throw new SlurmException("sbatch is not on PATH, so there is no Slurm cluster to submit to from here. "
                + "Run this on the cluster's login node, or install Slurm's client commands "
                + "(Debian/Ubuntu: apt-get install slurm-client) configured for your cluster; for a one-node test "
                + "cluster see environment/slurm/. Without a cluster, 'run STUDY --out DIR' trains the study here "
                + "and 'run --shard i/n' splits it over several machines.");
    }

    @Override
    public String sbatch(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(args);
        Output o = exec(cmd);
        if (o.code != 0) {
            throw new SlurmException("sbatch refused the submission (exit " + o.code + "): " + o.message());
        }
        String id = o.stdout.strip();
        int semicolon = id.indexOf(';'); // "ID;CLUSTER" on multi-cluster setups
        id = semicolon >= 0 ? id.substring(0, semicolon) : id;
        if (!id.matches("\\d+")) {
            throw new SlurmException("sbatch answered '" + o.stdout.strip() + "' instead of a job id");
        }
        return id;
    }

    @Override
    public String squeue() {
        Output o = exec(List.of("squeue", "-h", "-r", "-o", "%i|%T|%M|%r"));
        if (o.code != 0) {
            throw new SlurmException("squeue failed (exit " + o.code + "): " + o.message());
        }
        return o.stdout;
    }

    @Override
    public String showJob(String jobId) {
        Output o = exec(List.of("scontrol", "-o", "show", "job", jobId));
        if (o.code != 0) {
            if (o.stderr.contains("Invalid job id")) {
                return "";
            }
            throw new SlurmException("scontrol show job " + jobId + " failed (exit " + o.code + "): " + o.message());
        }
        return o.stdout;
    }

    @Override
    public void scancel(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("scancel"));
        cmd.addAll(jobIds);
        Output o = exec(cmd);
        if (o.code != 0) {
            throw new SlurmException("scancel " + String.join(" ", jobIds) + " failed (exit " + o.code + "): "
                    + o.message());
        }
    }

    private record Output(int code, String stdout, String stderr) {
        String message() {
            String m = stderr.strip().isEmpty() ? stdout.strip() : stderr.strip();
            return m.isEmpty() ? "(no message)" : m;
        }
    }

    private Output exec(List<String> cmd) {
        List<String> full = new ArrayList<>(cmd);
        full.set(0, bin.resolve(cmd.get(0)).toString());
        try {
            Process p = new ProcessBuilder(full).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SlurmException(cmd.get(0) + " did not answer within " + TIMEOUT_S
                        + " s; is slurmctld reachable (sinfo)?");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new SlurmException("cannot run " + full.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException(cmd.get(0) + " was interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
