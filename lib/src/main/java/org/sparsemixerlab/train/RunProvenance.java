package org.sparsemixerlab.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemixerlab.config.ModelConfig;

/**
 * Where a result came from: configuration, seed, data files and their hashes, software versions,
 * hardware and time. Stored next to every run's metrics as JSON with stable snake_case keys.
 *
 * @param kind what was run, e.g. {@code pretrain}, {@code finetune:sentiment}
 * @param config the model configuration
 * @param seed the run's seed
 * @param settings training settings (steps, batch, learning rate, ...)
 * @param dataFiles data file name to sha256
 * @param software library, DJL, engine and JDK versions
 * @param hardware device, CPU count, OS
 * @param startedAt ISO-8601 start time
 */
public record RunProvenance(String kind, ModelConfig config, long seed, Map<String, String> settings,
        Map<String, String> dataFiles, Map<String, String> software, Map<String, String> hardware,
        String startedAt) {

    /** Version of this library, from the jar manifest when packaged. */
    public static String libraryVersion() {
        String v = RunProvenance.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Captures software and hardware facts of this JVM now. */
    public static RunProvenance capture(String kind, ModelConfig config, long seed, Map<String, String> settings,
            Map<String, String> dataFiles, String device) {
        Map<String, String> software = new TreeMap<>();
        software.put("sparse-mixer-lab", libraryVersion());
        software.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        software.put("engine", engine.getEngineName() + " " + engine.getVersion());
        software.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        Map<String, String> hardware = new TreeMap<>();
        hardware.put("device", device);
        hardware.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        hardware.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        hardware.put("gpus", Integer.toString(engine.getGpuCount()));
        // Results depend in their last bits on the engine's thread count (summation order).
        hardware.put("engine_threads", System.getProperty("ai.djl.pytorch.num_threads", "engine default"));
        // Speed, not numbers, depends on the C library's heap settings (NativeHeap).
        hardware.put("native_heap", NativeHeap.describe(System.getenv()));
        return new RunProvenance(kind, config, seed, new TreeMap<>(settings), new TreeMap<>(dataFiles), software,
                hardware, Instant.now().toString());
    }

    /** JSON with snake_case keys. */
    public String toJson() {
        try {
            return org.sparsemixerlab.config.ConfigJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write provenance", e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static RunProvenance fromJson(String json) {
        try {
            return org.sparsemixerlab.config.ConfigJson.mapper().readValue(json, RunProvenance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provenance JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** Keys of the data files, sorted. */
    public List<String> dataFileNames() {
        return List.copyOf(dataFiles.keySet());
    }
}
