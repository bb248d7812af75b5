package org.sparsemixerlab.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * The user's device choice ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}) and what it
 * resolved to on this machine.
 *
 * <p>{@code auto} picks GPU 0 when the engine sees a GPU, else the CPU. {@code gpu} or {@code
 * gpu:N} on a machine where the engine sees no such GPU falls back to the CPU and says why in
 * {@link #note()}: with the default Maven stack the engine is CPU-only; GPUs need the {@code -Pgpu}
 * build (PyTorch 2.5.1 CUDA 12.4) on a machine with an NVIDIA driver.
 *
 * @param requested what the user asked for, normalised
 * @param device the device to use
 * @param note empty when the request was honoured, otherwise the reason for the fallback
 */
public record DeviceOption(String requested, Device device, String note) {

    /** Resolves a device option string. */
    public static DeviceOption parse(String option) {
        return parse(option, Engine.getInstance().getGpuCount());
    }

    /** Resolves against a given GPU count (tests use this to exercise GPU paths on a CPU machine). */
    public static DeviceOption parse(String option, int gpuCount) {
        String o = option == null ? "auto" : option.trim().toLowerCase(Locale.ROOT);
        if (o.isEmpty() || o.equals("auto")) {
            return gpuCount > 0 ? new DeviceOption("auto", Device.gpu(0), "")
                    : new DeviceOption("auto", Device.cpu(), "");
        }
        if (o.equals("cpu")) {
            return new DeviceOption("cpu", Device.cpu(), "");
        }
        if (o.equals("gpu") || o.startsWith("gpu:")) {
            int id = 0;
            if (o.startsWith("gpu:")) {
                try {
                    id = Integer.parseInt(o.substring(4));
                } catch (NumberFormatException e) {
                    throw usage(option);
                }
                if (id < 0) {
                    throw usage(option);
                }
            }
            if (id < gpuCount) {
                return new DeviceOption(o, Device.gpu(id), "");
            }
            String why = gpuCount == 0
                    ? "the engine (" + engineLabel() + ") sees no GPU; build with 'mvn -Pgpu' on a machine "
                            + "with an NVIDIA GPU and driver for CUDA 12.4"
                    : "the engine sees " + gpuCount + " GPU(s), numbered 0 to " + (gpuCount - 1);
            return new DeviceOption(o, Device.cpu(), "requested " + o + " but " + why + "; using the CPU");
        }
        throw usage(option);
    }

    private static IllegalArgumentException usage(String option) {
        return new IllegalArgumentException("device option '" + option
                + "' is not one of auto, cpu, gpu, gpu:N (N a GPU number, e.g. gpu:0)");
    }

    private static String engineLabel() {
        try {
            Engine e = Engine.getInstance();
            return e.getEngineName() + " " + e.getVersion();
        } catch (RuntimeException ex) {
            return "no engine";
        }
    }

    /** Whether the request was honoured as asked. */
    public boolean fellBack() {
        return !note.isEmpty();
    }
}
