package org.sparsemixerlab.magics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** {@code %load FILE}: runs a Java / JShell source file in the notebook, as if it were a cell. */
final class LoadMagic {

    static final MagicSpec SPEC = MagicSpec.line("load", "<file.java|.jsh|.jshell>", "Run a Java/JShell source file as a cell");

    private LoadMagic() {
    }

    static Object load(BaseKernel kernel, List<String> args) throws IOException {
        List<String> words = SPEC.parse(args).words();
        if (words.size() != 1) {
            throw new MagicUsageException("%load expects exactly one file (.java, .jsh, .jshell), got "
                    + (words.isEmpty() ? "none" : words));
        }
        Path file = Path.of(words.get(0));
        if (!Files.isRegularFile(file)) {
            throw new MagicUsageException("%load: no such file '" + words.get(0) + "' (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")");
        }
        Object value = kernel.evalRaw(Files.readString(file, StandardCharsets.UTF_8));
        if (value != null) {
            kernel.display(kernel.getRenderer().render(value));
        }
        return value;
    }
}
