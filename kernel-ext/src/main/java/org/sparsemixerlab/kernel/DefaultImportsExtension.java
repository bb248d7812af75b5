package org.sparsemixerlab.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Common imports for notebooks: the JDK basics, DJL's NDArray API, the library's config package and
 * the render helpers. In our kernel it also imports the {@link Notebook} functions; in a stock JJava
 * kernel (which imports its own {@code display}/{@code updateDisplay}) those are left out so names
 * do not clash.
 */
public final class DefaultImportsExtension implements Extension {

    static final String IMPORTS = String.join("\n",
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import ai.djl.ndarray.*;",
            "import ai.djl.ndarray.types.*;",
            "import ai.djl.ndarray.index.*;",
            "import ai.djl.engine.Engine;",
            "import ai.djl.training.GradientCollector;",
            "import org.sparsemixerlab.config.*;",
            "import org.sparsemixerlab.render.*;");

    @Override
    public void install(BaseKernel kernel) {
        String code = IMPORTS;
        if (kernel instanceof SmlKernel) {
            code += "\nimport static org.sparsemixerlab.kernel.Notebook.*;";
        }
        kernel.evalRaw(code);
    }
}
