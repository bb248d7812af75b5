package org.sparsemixerlab.magics;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.render.DropMapView;

/**
 * {@code %dropmap [--model var|lab:NAME] [--sample N] [--layer N] [--cf X]}: the fraction of tokens
 * left behind by position and by token class, at the model's capacity factor and re-routed at {@code
 * X} ({@link org.sparsemixerlab.analysis.DropMap}, drawn by {@link DropMapView}).
 */
public final class DropMapMagic {

    /** The capacity factor compared when {@code --cf} is absent (the Fast Sparse Mixer's). */
    public static final double DEFAULT_OTHER_FACTOR = 0.5;

    static final MagicSpec SPEC = MagicSpec.line("dropmap", "",
            "Who is left behind, by position and token class, at two capacity factors (held-out sample)",
            ModelChoice.OPTION, AnalysisSampling.SAMPLE, AnalysisSampling.LAYER,
            MagicOption.text("cf", "X", "also re-route the same logits at this capacity factor (default 0.5)"))
            .details("example: %dropmap --model lab:sparse-mixer-lab --cf 0.5");

    private DropMapMagic() {
    }

    public static Object line(BaseKernel kernel, LabState state, List<String> args) {
        MagicArgs a = SPEC.parse(args);
        double cf = capacityFactor(a.text("cf"));
        AnalysisSampling s = AnalysisSampling.of(kernel, state, a);
        kernel.display(kernel.getRenderer().render(DropMapView.figure(s.sample(), s.classes(), s.layer(), cf)));
        return null;
    }

    /** {@code --cf}'s value: a positive number up to 64. */
    static double capacityFactor(String text) {
        if (text == null) {
            return DEFAULT_OTHER_FACTOR;
        }
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v <= 64) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageException("%dropmap: --cf expects a capacity factor in (0, 64], e.g. 0.5; got '" + text + "'");
    }
}
