package org.sparsemixerlab.magics;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.render.ConfidenceView;

/**
 * {@code %confidence [--model var|lab:NAME] [--sample N] [--layer N]}: the distribution of each
 * token's top gate and of the router entropy per MoE layer ({@link
 * org.sparsemixerlab.analysis.RouterConfidence}, drawn by {@link ConfidenceView}).
 */
public final class ConfidenceMagic {

    static final MagicSpec SPEC = MagicSpec.line("confidence", "",
            "Router confidence: top-gate and entropy distributions per MoE layer (held-out sample)",
            ModelChoice.OPTION, AnalysisSampling.SAMPLE, AnalysisSampling.LAYER)
            .details("example: %confidence --model lab:sparse-mixer-lab");

    private ConfidenceMagic() {
    }

    public static Object line(BaseKernel kernel, LabState state, List<String> args) {
        AnalysisSampling s = AnalysisSampling.of(kernel, state, SPEC.parse(args));
        kernel.display(kernel.getRenderer().render(ConfidenceView.figure(s.sample(), s.layer())));
        return null;
    }
}
