package org.sparsemixerlab.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath JShell must compile cells against. JShell sees {@code java.class.path}, but with
 * {@code java -jar sml-kernel.jar} (or Surefire's manifest-only jar) that is one jar whose manifest
 * {@code Class-Path} holds the real entries, so those are expanded here.
 */
public final class KernelClasspath {
    private KernelClasspath() {
    }

    /** Every classpath entry of this JVM, manifest Class-Path entries included, in order. */
    public static List<String> entries() {
        Set<String> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifest(Paths.get(entry).toAbsolutePath().normalize(), out, 0);
            }
        }
        return List.copyOf(out);
    }

    private static void addWithManifest(Path path, Set<String> out, int depth) {
        if (!out.add(path.toString()) || depth > 2 || !Files.isRegularFile(path)
                || !path.getFileName().toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            for (String item : classPath.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                Path resolved = item.startsWith("file:") ? Paths.get(URI.create(item))
                        : path.getParent().resolve(item);
                addWithManifest(resolved.toAbsolutePath().normalize(), out, depth + 1);
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("sml-kernel: could not read the manifest of " + path + ": " + e.getMessage());
        }
    }
}
