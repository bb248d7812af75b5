package org.sparsemixerlab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsemixerlab.model.AtomicFiles;

/**
 * Keeps a copy of the run's checkpoint every {@code every} steps (and the last one) under a
 * folder, as {@code step-000750.smlc}: the points along training that stability analyses and
 * "what did the model know at step N" questions go back to. Copies are written atomically
 * ({@link AtomicFiles}), so a kept file is always whole.
 */
public final class CheckpointHistory implements TrainingListener {
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.smlc");
    private final Path folder;
    private final int every;
    private long totalSteps = Long.MAX_VALUE;

    /**
     * @param folder where the copies go (created when needed)
     * @param every keep the checkpoint of every step divisible by this (at least 1)
     */
    public CheckpointHistory(Path folder, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("keep a checkpoint every N steps expects N >= 1, received " + every);
        }
        this.folder = folder;
        this.every = every;
    }

    /** The file name a copy of step {@code step} gets. */
    public static String fileName(long step) {
        return String.format(Locale.ROOT, "step-%06d.smlc", step);
    }

    @Override
    public void onStart(RunProvenance provenance, long startStep, long totalSteps) {
        this.totalSteps = totalSteps;
    }

    @Override
    public void onCheckpoint(long step, Path file) {
        if (step % every != 0 && step != totalSteps) {
            return;
        }
        try {
            AtomicFiles.write(folder.resolve(fileName(step)), out -> Files.copy(file, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a copy of the checkpoint of step " + step + " in " + folder
                    + ": " + e.getMessage(), e);
        }
    }

    /** The kept checkpoints of a folder, by step (empty when the folder does not exist). */
    public static List<Path> kept(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (var files = Files.list(folder)) {
            files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().forEach(out::add);
        }
        return out;
    }

    /** The step of a kept file's name. */
    public static long stepOf(Path keptFile) {
        Matcher m = NAME.matcher(keptFile.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a kept checkpoint named step-NNNNNN.smlc, received "
                    + keptFile.getFileName());
        }
        return Long.parseLong(m.group(1));
    }
}
