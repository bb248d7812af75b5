package org.sparsemixerlab.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.kernel.KernelClasspath;
import org.sparsemixerlab.kernel.SmlKernel;

/**
 * Adds resolved Maven jars to a running kernel's JShell, once each, refusing a second version of a
 * jar the kernel already has: a class loader cannot hold two versions of one class, and the first
 * one loaded wins silently. An artifact asked for directly in another version is an error (nothing
 * is added); a dependency that the kernel already has in another version is left out with a note
 * (the kernel's version is used, as Maven's "nearest wins" would keep the kernel's own).
 */
final class MavenClasspath {
    /** Per kernel: group:artifact to the jar added by %maven / %%loadFromPOM. */
    private static final Map<BaseKernel, Map<String, MavenResolver.Resolved>> LOADED = new WeakHashMap<>();

    private MavenClasspath() {
    }

    /** What the kernel already has of an artifact: its version and where. */
    record Present(String version, String where) {
    }

    /**
     * Checks and adds {@code jars}; prints one line per jar added or left out.
     *
     * @return the jars added now
     */
    static List<MavenResolver.Resolved> load(BaseKernel kernel, String what, List<MavenResolver.Resolved> jars) {
        if (!(kernel instanceof SmlKernel sml)) {
            throw new IllegalStateException(what + " needs the Sparse Mixer kernel (it adds jars to its JShell)");
        }
        List<String> startup = KernelClasspath.entries();
        Map<String, MavenResolver.Resolved> loaded;
        synchronized (LOADED) {
            loaded = LOADED.computeIfAbsent(kernel, k -> new LinkedHashMap<>());
        }
        List<MavenResolver.Resolved> add = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (MavenResolver.Resolved jar : jars) {
            String key = jar.groupId() + ":" + jar.artifactId();
            MavenResolver.Resolved earlier = loaded.get(key);
            Present present = earlier != null ? new Present(earlier.version(), "added earlier by %maven (" + earlier.file() + ")")
                    : onClasspath(jar.groupId(), jar.artifactId(), startup);
            if (present == null) {
                add.add(jar);
            } else if (!present.version().equals(jar.version())) {
                if (jar.direct()) {
                    throw new MagicUsageException(what + ": " + jar.coordinates() + " conflicts with version "
                            + present.version() + " already on the kernel's classpath, " + present.where()
                            + ": one class loader cannot hold two versions of a class. Ask for " + key + ":"
                            + present.version() + (earlier != null ? ", or restart the kernel and ask for "
                            + jar.version() + " first" : " (the kernel's own jars cannot be replaced)")
                            + ". Nothing was added.");
                }
                notes.add("kept " + key + ":" + present.version() + " of the kernel (a dependency asked for "
                        + jar.version() + ")");
            }
        }
        List<String> paths = new ArrayList<>();
        for (MavenResolver.Resolved jar : add) {
            paths.add(jar.file().toAbsolutePath().toString());
        }
        if (!paths.isEmpty()) {
            sml.addToClasspath(paths);
        }
        for (MavenResolver.Resolved jar : add) {
            loaded.put(jar.groupId() + ":" + jar.artifactId(), jar);
            System.out.println("Added to classpath: " + jar.coordinates() + " (" + jar.file().getFileName() + ")");
        }
        notes.forEach(System.out::println);
        if (add.isEmpty()) {
            System.out.println("Nothing to add: " + jars.size() + " jar(s) already on the classpath");
        }
        return add;
    }

    /**
     * The version of {@code groupId:artifactId} among classpath entries, told from the file name
     * {@code artifactId-VERSION[-classifier].jar}; in a Maven repository layout the group's folders
     * must match too. Null when absent.
     */
    static Present onClasspath(String groupId, String artifactId, List<String> entries) {
        for (String entry : entries) {
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (!name.startsWith(artifactId + "-") || !name.endsWith(".jar")) {
                continue;
            }
            String rest = name.substring(artifactId.length() + 1, name.length() - 4);
            if (rest.isEmpty() || !Character.isDigit(rest.charAt(0))) {
                continue;
            }
            Path versionDir = p.getParent();
            Path artifactDir = versionDir == null ? null : versionDir.getParent();
            boolean repositoryLayout = artifactDir != null && artifactDir.getFileName() != null
                    && artifactDir.getFileName().toString().equals(artifactId) && rest.startsWith(versionDir.getFileName().toString());
            if (repositoryLayout) {
                String groupPath = groupId.replace('.', '/');
                Path groupDir = artifactDir.getParent();
                if (groupDir == null || !groupDir.toString().replace('\\', '/').endsWith(groupPath)) {
                    continue;
                }
                return new Present(versionDir.getFileName().toString(), entry);
            }
            return new Present(versionOf(rest), entry);
        }
        return null;
    }

    /** {@code 2.7.1-linux-x86_64} to {@code 2.7.1}; {@code 1.0-a6} and {@code 2.0.17} stay. */
    private static String versionOf(String rest) {
        int dash = rest.indexOf('-');
        while (dash > 0 && dash + 1 < rest.length() && !Character.isLetter(rest.charAt(dash + 1))) {
            dash = rest.indexOf('-', dash + 1);
        }
        if (dash < 0) {
            return rest;
        }
        String tail = rest.substring(dash + 1);
        // qualifiers that belong to the version (1.0-a6, 1.0-SNAPSHOT, 3.0-M1, 2.1-rc1, 1.0-beta-2)
        if (tail.matches("(?i)(a|b|m|rc|cr|alpha|beta|milestone|snapshot|final|ga|release|jre|android)[-.0-9a-z]*")) {
            return rest;
        }
        return rest.substring(0, dash);
    }
}
