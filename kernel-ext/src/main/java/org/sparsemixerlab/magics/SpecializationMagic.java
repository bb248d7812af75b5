package org.sparsemixerlab.magics;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.render.SpecializationView;

/**
 * {@code %specialization [--model var|lab:NAME] [--sample N] [--layer N]}: which tokens each expert
 * takes over a held-out sample, the expert x token-class lift heatmap and a verdict per expert
 * ({@link org.sparsemixerlab.analysis.Specialization}, drawn by {@link SpecializationView}).
 */
public final class SpecializationMagic {

    static final MagicSpec SPEC = MagicSpec.line("specialization", "",
            "What each expert takes: top tokens, lift by token class, verdicts (held-out sample)",
            ModelChoice.OPTION, AnalysisSampling.SAMPLE, AnalysisSampling.LAYER)
            .details("example: %specialization --model lab:sparse-mixer-lab --sample 5000 --layer 1");

    private SpecializationMagic() {
    }

    public static Object line(BaseKernel kernel, LabState state, List<String> args) {
        AnalysisSampling s = AnalysisSampling.of(kernel, state, SPEC.parse(args));
        kernel.display(kernel.getRenderer().render(SpecializationView.figure(s.sample(), s.classes(), s.layer())));
        return null;
    }
}
