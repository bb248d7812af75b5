package org.sparsemixerlab.magics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.analysis.ProbeHistory;
import org.sparsemixerlab.analysis.ProbeHistoryFile;
import org.sparsemixerlab.render.StabilityView;

/**
 * {@code %stability [--model lab:NAME|var] [--file PATH] [--layer N]}: how often the probe tokens'
 * top expert changed between kept checkpoints, and expert loads over training, from a probe history
 * ({@link org.sparsemixerlab.analysis.Stability}, drawn by {@link StabilityView}). {@code lab:NAME}
 * reads the shipped {@code datasets/models/NAME.probes.json} (checksum-verified); a variable must hold
 * a {@link ProbeHistory}.
 */
public final class StabilityMagic {

    static final MagicSpec SPEC = MagicSpec.line("stability", "",
            "Routing stability over training, from a probe history of kept checkpoints",
            MagicOption.text("model", "lab:NAME|var", "a shipped lab model's probe history, or a ProbeHistory variable"),
            MagicOption.text("file", "PATH", "a probe-history file written by ProbeHistoryCommand"),
            AnalysisSampling.LAYER)
            .details("example: %stability --model lab:sparse-mixer-lab\n"
                    + "write a history: java -cp ... org.sparsemixerlab.analysis.ProbeHistoryCommand --checkpoints "
                    + "RUN/history --out FILE");

    private StabilityMagic() {
    }

    public static Object line(BaseKernel kernel, LabState state, List<String> args) {
        MagicArgs a = SPEC.parse(args);
        if (!a.words().isEmpty()) {
            throw new MagicUsageException("%stability takes only options, got " + a.words());
        }
        ProbeHistory history = history(kernel, a.text("model"), a.text("file"));
        int layer = a.integer("layer");
        if (layer >= 0 && !history.layers().contains(layer)) {
            throw new MagicUsageException("--layer " + layer + " is not an MoE layer of this history; its MoE layers are "
                    + history.layers());
        }
        kernel.display(kernel.getRenderer().render(StabilityView.figure(history, layer)));
        return null;
    }

    static ProbeHistory history(BaseKernel kernel, String model, String file) {
        if ((model == null) == (file == null)) {
            throw new MagicUsageException("%stability needs exactly one of --model lab:NAME (a shipped probe history), "
                    + "--model var or --file PATH");
        }
        if (file != null) {
            try {
                return ProbeHistoryFile.read(Path.of(file));
            } catch (IOException | RuntimeException e) {
                throw new MagicUsageException("--file " + file + ": " + e.getMessage());
            }
        }
        if (model.startsWith(ModelChoice.LAB_PREFIX)) {
            try {
                return ProbeHistoryFile.readLab(model.substring(ModelChoice.LAB_PREFIX.length()));
            } catch (RuntimeException e) {
                throw new MagicUsageException("--model " + model + ": no shipped probe history: " + e.getMessage());
            }
        }
        Object v;
        try {
            v = kernel.evalRaw(model);
        } catch (RuntimeException e) {
            throw new MagicUsageException("--model " + model + " is not a variable of this notebook (for a shipped "
                    + "history write lab:NAME)");
        }
        if (v instanceof ProbeHistory h) {
            return h;
        }
        throw new MagicUsageException("--model " + model + " is a " + (v == null ? "null" : v.getClass().getSimpleName())
                + ", not a ProbeHistory (read one with ProbeHistoryFile.read(path))");
    }
}
