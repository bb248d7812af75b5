package org.sparsemixerlab.kernel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.train.NativeHeap;

/**
 * Runs notebooks with the working directory set to their folder, as Jupyter does, so that a cell
 * reading {@code studies/x.json} finds the file whichever folder the runner was started from. A JVM
 * cannot change its own working directory, so notebooks outside the current one are run by a child
 * JVM started in their folder, with this JVM's options, an absolute class path and the kernel's
 * glibc heap settings ({@link NativeHeap}) unless the user set their own.
 */
final class NotebookFolderLauncher {
    /** Set on the child so that it never relaunches itself. */
    static final String CHILD_PROPERTY = "sml.run.child";

    private NotebookFolderLauncher() {}

    /** True when {@code notebook} lies outside the working directory and this JVM is not already a child. */
    static boolean needsOwnFolder(Path notebook) {
        Path here = Path.of("").toAbsolutePath().normalize();
        return System.getProperty(CHILD_PROPERTY) == null && !folderOf(notebook).equals(here);
    }

    /** Runs one notebook in a child JVM started in the notebook's folder; returns the child's exit code. */
    static int runInOwnFolder(Path notebook, Path out, boolean inPlace) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(Main.class.getName());
        command.add("run");
        command.add("--out");
        command.add(out.toAbsolutePath().normalize().toString());
        if (inPlace) {
            command.add("--in-place");
        }
        command.add(notebook.toAbsolutePath().normalize().toString());
        ProcessBuilder child = new ProcessBuilder(command).directory(folderOf(notebook).toFile()).inheritIO();
        // The kernel's glibc heap settings (kernel.json has them too); glibc reads them at start-up only.
        NativeHeap.applyUnlessSet(child.environment());
        return child.start().waitFor();
    }

    private static Path folderOf(Path notebook) {
        return notebook.toAbsolutePath().normalize().getParent();
    }

    private static String absoluteClassPath() {
        List<String> parts = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                parts.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }
}
