package org.sparsemixerlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.DatasetIntegrityException;
import org.sparsemixerlab.data.DatasetsDirectory;

class LabModelsTest {
    @TempDir
    Path datasets;

    private static String sha(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    /** Writes a small random lab model 'toy' and returns the first parameter's values. */
    private float[] writeToy(ModelConfig c) throws Exception {
        Path folder = Files.createDirectories(datasets.resolve("models"));
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed(3);
            PretrainingModel model = new PretrainingModel(c);
            model.initialize(m, DataType.FLOAT32, TinyBatches.pretrainingInputs(m, c, 2, 5).getShapes());
            ModelFiles.save(folder.resolve("toy.smlp"), c, model);
            Files.writeString(folder.resolve("toy.json"), "{\"description\": \"a toy\", \"steps\": 3}",
                    StandardCharsets.UTF_8);
            Files.writeString(datasets.resolve("SHA256SUMS"), sha(folder.resolve("toy.smlp")) + "  models/toy.smlp\n"
                    + sha(folder.resolve("toy.json")) + "  models/toy.json\n", StandardCharsets.UTF_8);
            return model.getParameters().get(0).getValue().getArray().toFloatArray();
        }
    }

    private static ModelConfig toyConfig() {
        return Presets.get("sparse-mixer-tiny").toBuilder().vocabSize(300).build();
    }

    @Test
    void aVerifiedModelLoadsWithItsConfigurationParametersAndFacts() throws Exception {
        float[] first = writeToy(toyConfig());
        DatasetsDirectory dir = DatasetsDirectory.open(datasets);
        assertEquals(List.of("toy"), LabModels.names(dir));
        try (LabModel lab = LabModels.load(dir, "toy", Device.cpu())) {
            assertEquals(toyConfig(), lab.config());
            assertEquals("a toy", lab.description());
            assertEquals(3, ((Number) lab.facts().get("steps")).intValue());
            assertArrayEquals(first, lab.model().getParameters().get(0).getValue().getArray().toFloatArray());
        }
    }

    @Test
    void aChangedParameterFileIsRefusedWithBothHashesAndTheFix() throws Exception {
        writeToy(toyConfig());
        Path params = datasets.resolve("models/toy.smlp");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 1;
        Files.write(params, bytes);
        DatasetsDirectory dir = DatasetsDirectory.open(datasets);
        DatasetIntegrityException e = assertThrows(DatasetIntegrityException.class,
                () -> LabModels.load(dir, "toy", Device.cpu()));
        assertTrue(e.getMessage().startsWith("lab model 'toy': Corrupt or changed data file"), e.getMessage());
        assertTrue(e.getMessage().contains(sha(params)), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout -- datasets/models"), e.getMessage());
    }

    @Test
    void aMissingFileAndAnUnknownNameSayWhatExists() throws Exception {
        writeToy(toyConfig());
        DatasetsDirectory dir = DatasetsDirectory.open(datasets);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LabModels.load(dir, "sparse-mixer-lab", Device.cpu()));
        assertTrue(unknown.getMessage().contains("no lab model named 'sparse-mixer-lab'")
                && unknown.getMessage().contains("[toy]"), unknown.getMessage());
        Files.delete(datasets.resolve("models/toy.json"));
        DatasetIntegrityException missing = assertThrows(DatasetIntegrityException.class,
                () -> LabModels.load(dir, "toy", Device.cpu()));
        assertTrue(missing.getMessage().contains("Missing data file") && missing.getMessage().contains("toy.json"),
                missing.getMessage());
    }
}
