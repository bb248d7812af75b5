package org.sparsemixerlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.DatasetIntegrityException;
import org.sparsemixerlab.data.DatasetsDirectory;

/**
 * The pre-trained lab models shipped with the project in {@code datasets/models/}: one parameter
 * file {@code NAME.smlp} (the {@link ModelFiles} format, float32) and one facts file {@code
 * NAME.json} each, both listed in {@code datasets/SHA256SUMS} and verified before loading, exactly
 * like the datasets. The folder is found the way {@link DatasetsDirectory#locate()} finds the
 * datasets, so a notebook in any folder loads the models of the kernel it runs in.
 *
 * <pre>{@code
 * try (LabModel lab = LabModels.load("sparse-mixer-lab")) {
 *     RoutingTrace t = RoutingProbe.trace(lab.model(), ids);
 * }
 * }</pre>
 */
public final class LabModels {
    /** The sub-folder of the datasets folder that holds the lab models. */
    public static final String FOLDER = "models/";
    static final String RESTORE_HINT = "restore it with 'git checkout -- datasets/models' or rebuild the kernel"
            + " folder with 'mvn -B -q -DskipTests package' (see datasets/models/README.md)";

    private LabModels() {}

    /** The names of the shipped lab models, sorted. */
    public static List<String> names() {
        return names(DatasetsDirectory.locate());
    }

    static List<String> names(DatasetsDirectory dir) {
        List<String> out = new ArrayList<>();
        for (String f : dir.listedFiles()) {
            if (f.startsWith(FOLDER) && f.endsWith(".smlp") && f.indexOf('/', FOLDER.length()) < 0) {
                out.add(f.substring(FOLDER.length(), f.length() - ".smlp".length()));
            }
        }
        return out;
    }

    /**
     * Loads a lab model on the CPU after checking its files against their recorded SHA-256.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     * @throws DatasetIntegrityException for a missing, unreadable or changed file
     */
    public static LabModel load(String name) {
        return load(DatasetsDirectory.locate(), name, Device.cpu());
    }

    /** {@link #load(String)} on a given device ({@code Device.gpu()} for a CUDA build). */
    public static LabModel load(String name, Device device) {
        return load(DatasetsDirectory.locate(), name, device);
    }

    static LabModel load(DatasetsDirectory dir, String name, Device device) {
        List<String> known = names(dir);
        if (name == null || !known.contains(name)) {
            throw new IllegalArgumentException("no lab model named '" + name + "'; the shipped ones are " + known
                    + " (in " + dir.root().resolve(FOLDER) + ")");
        }
        Path params = verified(dir, name, ".smlp");
        Path factsFile = verified(dir, name, ".json");
        Map<String, Object> facts;
        ModelConfig config;
        try {
            facts = ConfigJson.mapper().readValue(Files.readString(factsFile), new TypeReference<Map<String, Object>>() {});
            config = ModelFiles.readConfig(params);
        } catch (IOException e) {
            throw new DatasetIntegrityException("lab model '" + name + "': cannot read " + e.getMessage() + "; "
                    + RESTORE_HINT, e);
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            PretrainingModel model = new PretrainingModel(config);
            ModelFiles.load(params, config, model, manager);
            return new LabModel(name, model, manager, facts);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new DatasetIntegrityException("lab model '" + name + "' does not load: " + e.getMessage() + "; "
                    + RESTORE_HINT, e);
        }
    }

    private static Path verified(DatasetsDirectory dir, String name, String suffix) {
        String file = FOLDER + name + suffix;
        try {
            dir.verify(file);
        } catch (DatasetIntegrityException e) {
            throw new DatasetIntegrityException("lab model '" + name + "': "
                    + e.getMessage().replace(DatasetIntegrityException.REDERIVE_HINT, RESTORE_HINT), e);
        }
        return dir.root().resolve(file);
    }
}
