package org.sparsemixerlab.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.Checkpoint;
import org.sparsemixerlab.train.PretrainingData;

/**
 * Writes a {@link ProbeHistory} from a folder of kept checkpoints (what {@code pretrain --keep-every
 * N} leaves in {@code OUT/history/}): the first {@code --tokens} real held-out tokens (whole
 * sequences, the run's own held-out examples and seed) are routed through every checkpoint, on the
 * CPU, oldest step first, and the file is written atomically at the end.
 *
 * <pre>
 * java -cp ... org.sparsemixerlab.analysis.ProbeHistoryCommand --checkpoints RUN/history --out FILE [--tokens N]
 *      [--sources sotu,austen,moby-dick]
 * </pre>
 */
public final class ProbeHistoryCommand {
    static final String USAGE = "usage: ProbeHistoryCommand --checkpoints DIR --out FILE [--tokens N] [--sources a,b]";

    private ProbeHistoryCommand() {}

    public static void main(String[] args) throws IOException {
        int rc = run(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** Runs the command; returns the exit status (2 for a usage mistake). */
    public static int run(String[] args) throws IOException {
        Path dir = null;
        Path out = null;
        int tokens = RoutingSample.DEFAULT_TOKENS;
        List<String> sources = PretrainingCorpus.SOURCES;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--checkpoints" -> dir = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--tokens" -> tokens = Integer.parseInt(v);
                    case "--sources" -> sources = List.of(v.split(","));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (dir == null || out == null) {
                throw new IllegalArgumentException("--checkpoints and --out are required");
            }
            if (tokens < 1) {
                throw new IllegalArgumentException("--tokens must be at least 1; got " + tokens);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ProbeHistoryCommand: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        List<Path> files = checkpoints(dir);
        if (files.isEmpty()) {
            System.err.println("ProbeHistoryCommand: no *.smlc checkpoint in " + dir + "; train with pretrain --keep-every N"
                    + " and pass its history/ folder\n" + USAGE);
            return 2;
        }
        ProbeHistory history = build(files, tokens, sources, dir.getFileName() == null ? "checkpoints"
                : dir.toAbsolutePath().normalize().getParent().getFileName() + "/" + dir.getFileName());
        ProbeHistoryFile.write(out, history);
        System.out.printf(Locale.ROOT, "wrote %s: %d probe tokens, %d points (steps %s), %,d bytes%n", out,
                history.tokenIds().length, history.points().size(), Arrays.toString(history.steps()), Files.size(out));
        return 0;
    }

    /** The checkpoints of a folder, by increasing step. */
    static List<Path> checkpoints(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no folder " + dir);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".smlc")).forEach(files::add);
        }
        List<long[]> steps = new ArrayList<>();
        for (Path f : files) {
            steps.add(new long[] {Checkpoint.peek(f).step(), files.indexOf(f)});
        }
        steps.sort(Comparator.comparingLong(x -> x[0]));
        List<Path> sorted = new ArrayList<>();
        steps.forEach(x -> sorted.add(files.get((int) x[1])));
        return sorted;
    }

    /** Routes the probe set through every checkpoint (oldest first) and collects the points. */
    public static ProbeHistory build(List<Path> files, int tokens, List<String> sources, String source)
            throws IOException {
        ModelConfig config = Checkpoint.peek(files.get(0)).provenance().config();
        ProbeHistory history = null;
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.forVocabularySize(config.vocabSize())) {
            List<PretrainingExample> examples = PretrainingData.heldout(config, tokenizer, sources, config.seed());
            for (Path f : files) {
                Checkpoint c = Checkpoint.peek(f);
                if (!c.provenance().config().equals(config)) {
                    throw new IOException(f + " comes from another configuration than " + files.get(0) + ": "
                            + ConfigJson.diff(config, c.provenance().config()));
                }
                long t0 = System.nanoTime();
                RoutingSample sample;
                try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                    PretrainingModel model = new PretrainingModel(config);
                    Checkpoint.restoreModel(f, model, manager);
                    sample = RoutingSample.collect(model.encoder(), examples, tokens, RoutingSample.DEFAULT_BATCH);
                }
                ProbePoint point = ProbePoint.of(c.step(), sample);
                if (history == null) {
                    history = new ProbeHistory(source, config, sample.layerIndices(), config.numExperts(),
                            sample.tokenIds(), sample.sequences(), sample.positions(), List.of(point));
                } else {
                    history = history.with(point);
                }
                System.out.printf(Locale.ROOT, "step %d: %,d probe tokens routed in %.1f s%n", c.step(),
                        sample.tokens(), (System.nanoTime() - t0) / 1e9);
            }
        }
        return history;
    }
}
