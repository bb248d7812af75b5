package org.sparsemixerlab.magics;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.model.LabModel;
import org.sparsemixerlab.model.PretrainingModel;

/**
 * The model a magic's {@code --model} names, resolved in one place: {@code lab:NAME} is a shipped
 * lab model (loaded once per kernel through {@link LabState#labModel}), any other word a notebook
 * variable holding a {@code PretrainingModel} or a {@code LabModel}, and no option the model of the
 * last {@code %train}.
 *
 * @param label how the model is named in output ({@code lab:sparse-mixer-lab}, the variable name, {@code %train})
 * @param model the model
 * @param labName the lab model's name, or null when the model is not a lab model
 */
public record ModelChoice(String label, PretrainingModel model, String labName) {

    /** The prefix that selects a shipped lab model. */
    public static final String LAB_PREFIX = "lab:";

    /** The {@code --model} option as the analysis magics declare it. */
    public static final MagicOption OPTION = MagicOption.text("model", "var|lab:NAME",
            "a PretrainingModel/LabModel variable or a shipped lab model, e.g. lab:sparse-mixer-lab "
                    + "(default: the last %train model)");

    /**
     * Resolves {@code --model}.
     *
     * @param spec the option's value, or null
     * @throws MagicUsageException for an unknown lab model, a missing or changed model file, an unknown
     *     variable, a variable of another type, or no option and no %train model
     */
    public static ModelChoice resolve(BaseKernel kernel, LabState state, String spec) {
        if (spec == null) {
            PretrainingModel m = state.model();
            if (m == null) {
                throw new MagicUsageException("no model yet: pass --model lab:sparse-mixer-lab (a shipped lab model), "
                        + "--model var (a notebook variable), or run %train first");
            }
            return new ModelChoice("%train", m, null);
        }
        if (spec.startsWith(LAB_PREFIX)) {
            String name = spec.substring(LAB_PREFIX.length());
            try {
                return new ModelChoice(spec, state.labModel(name).model(), name);
            } catch (RuntimeException e) {
                throw new MagicUsageException("--model " + spec + ": " + e.getMessage());
            }
        }
        Object v;
        try {
            v = kernel.evalRaw(spec);
        } catch (RuntimeException e) {
            throw new MagicUsageException("--model " + spec + " is not a variable of this notebook (for a shipped model "
                    + "write lab:NAME)");
        }
        if (v instanceof LabModel lab) {
            return new ModelChoice(spec, lab.model(), null);
        }
        if (v instanceof PretrainingModel m) {
            return new ModelChoice(spec, m, null);
        }
        throw new MagicUsageException("--model " + spec + " is a " + (v == null ? "null" : v.getClass().getSimpleName())
                + ", not a PretrainingModel or LabModel (use run.model() of a PretrainingRun, or lab:NAME)");
    }
}
