package org.sparsemixerlab.magics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** {@code %load FILE}: runs a Java / JShell source file in the notebook, as if it were a cell. */
final class LoadMagic {
    private LoadMagic() {
    }

    static Object load(BaseKernel kernel, List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("%load expects exactly one file (.java, .jsh, .jshell), got " + args);
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("%load: no such file '" + args.get(0) + "' (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")");
        }
        Object value = kernel.evalRaw(Files.readString(file, StandardCharsets.UTF_8));
        if (value != null) {
            kernel.display(kernel.getRenderer().render(value));
        }
        return value;
    }
}
