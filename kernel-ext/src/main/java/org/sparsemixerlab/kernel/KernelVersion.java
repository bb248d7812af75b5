package org.sparsemixerlab.kernel;

/** The kernel's version, from the jar manifest when packaged. */
final class KernelVersion {
    private KernelVersion() {
    }

    static String get() {
        String v = SmlKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
