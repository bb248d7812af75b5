package org.sparsemixerlab.model;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;

/**
 * A shipped, pre-trained lab model loaded by {@link LabModels#load(String)}: the model (for
 * evaluation and routing analysis), its configuration, the manager that owns its parameters and
 * the facts recorded when it was exported (tokens seen, steps, held-out figures, provenance).
 * Closing it frees the parameters' native memory.
 *
 * @param name the lab model's name, e.g. {@code sparse-mixer-lab}
 * @param model the pre-training model (MLM and NSP heads included)
 * @param manager owns the parameters
 * @param facts the exported facts, flat string keys (see {@code datasets/models/NAME.json})
 */
public record LabModel(String name, PretrainingModel model, NDManager manager, Map<String, Object> facts)
        implements AutoCloseable {

    public LabModel {
        facts = Map.copyOf(facts);
    }

    /** The model's configuration. */
    public ModelConfig config() {
        return model.config();
    }

    /** One line: what the model is and how long it trained. */
    public String description() {
        Object d = facts.get("description");
        return d == null ? name : d.toString();
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "LabModel[" + name + ": " + description() + "]";
    }
}
