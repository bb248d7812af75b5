package org.sparsemixerlab.magics;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.render.LayerFlowView;

/**
 * {@code %layerflow [--model var|lab:NAME] [--sample N] [--layer N]}: where the tokens of each expert
 * of one MoE layer go in the next, with the mutual information against its maximum ({@link
 * org.sparsemixerlab.analysis.LayerFlow}, drawn by {@link LayerFlowView}).
 */
public final class LayerFlowMagic {

    static final MagicSpec SPEC = MagicSpec.line("layerflow", "",
            "Routing across MoE layers: expert co-occurrence and mutual information (held-out sample)",
            ModelChoice.OPTION, AnalysisSampling.SAMPLE,
            MagicOption.integer("layer", "N", -1, 0, 1000, "from this MoE layer to the next (default: every pair)"))
            .details("example: %layerflow --model lab:sparse-mixer-lab");

    private LayerFlowMagic() {
    }

    public static Object line(BaseKernel kernel, LabState state, List<String> args) {
        AnalysisSampling s = AnalysisSampling.of(kernel, state, SPEC.parse(args));
        try {
            kernel.display(kernel.getRenderer().render(LayerFlowView.figure(s.sample(), s.layer())));
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        return null;
    }
}
