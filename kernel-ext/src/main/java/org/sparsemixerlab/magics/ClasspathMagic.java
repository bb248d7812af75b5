package org.sparsemixerlab.magics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.kernel.SmlKernel;

/** {@code %classpath} / {@code %jars}: adds jars or class folders (globs allowed) to the cells' classpath. */
final class ClasspathMagic {

    static final MagicSpec CLASSPATH = MagicSpec.line("classpath", "<jar|folder|glob>...",
            "Add jars or class folders to the classpath");
    static final MagicSpec JARS = MagicSpec.line("jars", "<jar|glob>...", "Same as %classpath (IJava's name)");

    private ClasspathMagic() {
    }

    static List<String> add(BaseKernel kernel, List<String> args) throws IOException {
        List<String> globs = CLASSPATH.parse(args).words();
        if (globs.isEmpty()) {
            throw new MagicUsageException("%classpath expects one or more jar paths, folders or globs, e.g."
                    + " '%classpath lib/*.jar'");
        }
        List<String> paths = new ArrayList<>();
        for (String glob : globs) {
            List<Path> found = resolve(glob);
            if (found.isEmpty()) {
                throw new MagicUsageException("%classpath: nothing matches '" + glob + "' (relative paths start at "
                        + Path.of("").toAbsolutePath() + ")");
            }
            found.forEach(p -> paths.add(p.toAbsolutePath().normalize().toString()));
        }
        if (!(kernel instanceof SmlKernel)) {
            throw new IllegalStateException("%classpath from the Sparse Mixer extension needs the Sparse Mixer kernel;"
                    + " in a stock JJava kernel its own %classpath is used");
        }
        ((SmlKernel) kernel).addToClasspath(paths);
        paths.forEach(p -> System.out.println("Added to classpath: " + p));
        return paths;
    }

    /** A path, a folder ending in '/' (its jars), or a glob in the last path element ({@code lib/*.jar}). */
    static List<Path> resolve(String glob) throws IOException {
        Path path = Path.of(glob.replace("*", "_").replace("?", "_"));
        String last = path.getFileName() == null ? "" : Path.of(glob).getFileName().toString();
        List<Path> out = new ArrayList<>();
        if (glob.contains("*") || glob.contains("?")) {
            Path dir = Path.of(glob).getParent() == null ? Path.of("") : Path.of(glob).getParent();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, last)) {
                    ds.forEach(out::add);
                }
            }
        } else if (glob.endsWith("/") && Files.isDirectory(Path.of(glob))) {
            out.add(Path.of(glob));
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(glob), "*.jar")) {
                ds.forEach(out::add);
            }
        } else if (Files.exists(Path.of(glob))) {
            out.add(Path.of(glob));
        }
        out.sort(null);
        return out;
    }
}
