package org.sparsemixerlab.kernel;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns PyTorch's allocation failure ("you tried to allocate N bytes", "Tried to allocate X GiB")
 * into what was asked, what this machine has, and what to do.
 */
final class MemoryAdvice {

    private static final Pattern CPU_BYTES = Pattern.compile("tried to allocate (\\d+) bytes", Pattern.CASE_INSENSITIVE);
    private static final Pattern GPU_AMOUNT = Pattern.compile("Tried to allocate ([0-9.]+ [KMGT]?i?B)");

    private MemoryAdvice() {
    }

    /** The advice for an engine message, or null when the message is not an allocation failure. */
    static String forAllocationFailure(String message) {
        if (message == null) {
            return null;
        }
        Matcher cpu = CPU_BYTES.matcher(message);
        if (cpu.find()) {
            long asked = Long.parseLong(cpu.group(1));
            return advice(bytes(asked), "this machine has " + machineMemory());
        }
        Matcher gpu = GPU_AMOUNT.matcher(message);
        if (gpu.find() && message.contains("CUDA")) {
            return advice(gpu.group(1), "the GPU's free memory is in the message above");
        }
        return null;
    }

    private static String advice(String asked, String available) {
        return "The engine could not allocate " + asked + " for one array; " + available + ". Use a smaller shape,"
                + " batch or model, close arrays and managers you no longer need (try-with-resources on"
                + " NDManager.newSubManager()), or run on a machine with more memory. The kernel and your variables"
                + " are unaffected.";
    }

    static String machineMemory() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
            return bytes(sun.getTotalMemorySize()) + " of memory, " + bytes(sun.getFreeMemorySize()) + " free now";
        }
        return "an unknown amount of memory";
    }

    static String bytes(long n) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
