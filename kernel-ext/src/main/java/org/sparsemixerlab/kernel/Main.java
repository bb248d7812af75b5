package org.sparsemixerlab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Entry point of {@code sml-kernel.jar}.
 * <pre>
 *   kernel &lt;connection-file&gt;                  start the Jupyter kernel (what kernel.json runs)
 *   run [--out DIR] [--in-place] NB.ipynb...    execute notebooks headless, in this JVM
 *   check-natives                               create one NDArray (loads the engine's native library)
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        if (args.length >= 2 && "kernel".equals(args[0])) {
            runKernel(Paths.get(args[1]));
        } else if (args.length >= 2 && "run".equals(args[0])) {
            System.exit(runNotebooks(List.of(args).subList(1, args.length)));
        } else if (args.length == 1 && "check-natives".equals(args[0])) {
            System.exit(checkNatives());
        } else {
            System.err.println(usage());
            System.exit(args.length == 0 || "--help".equals(args[0]) ? 0 : 2);
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: java -jar sml-kernel.jar kernel <connection-file>",
                "       java -jar sml-kernel.jar run [--out DIR] [--in-place] <notebook.ipynb>...",
                "  kernel    start the Jupyter kernel (kernel.json runs this)",
                "  run       execute notebooks headless; writes NAME.executed.ipynb and NAME.html into DIR",
                "            (default target/notebooks); --in-place also rewrites the notebook with its outputs;",
                "            exits 1 at the first failing cell (cells tagged raises-exception may fail); like Jupyter,",
                "            cells run with the notebook's folder as working directory",
                "       java -jar sml-kernel.jar check-natives",
                "  check-natives  load the engine's native library and compute 1 + 2 + 3 on an NDArray");
    }

    /** Loads the DJL engine, sums a three-element NDArray and prints the engine; 0 when the sum is 6. */
    static int checkNatives() {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            float sum = manager.create(new float[] {1, 2, 3}).sum().getFloat();
            ai.djl.engine.Engine engine = manager.getEngine();
            System.out.println("natives OK: " + engine.getEngineName() + " " + engine.getVersion() + ", 1 + 2 + 3 = "
                    + sum);
            return sum == 6f ? 0 : 1;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.out.println("natives NOT loadable: " + e);
            return 1;
        }
    }

    private static void runKernel(Path connectionFile) throws Exception {
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new GuardedConnection(props);
        SmlKernel kernel = new SmlKernel();
        kernel.becomeHandlerForConnection(connection);
        ParentWatchdog.forThisProcess(() -> {
            System.err.println("sml-kernel: parent process is gone, exiting");
            Runtime.getRuntime().halt(0);
        }).ifPresent(ParentWatchdog::start);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        new Thread(() -> kernel.startUpExclusively(locked), "sml-startup").start();
        locked.await(); // cells that arrive before start-up finished wait for it
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    private static int runNotebooks(List<String> args) throws Exception {
        Path out = Paths.get("target", "notebooks");
        boolean inPlace = false;
        List<Path> notebooks = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ("--out".equals(a) && i + 1 < args.size()) {
                out = Paths.get(args.get(++i));
            } else if ("--in-place".equals(a)) {
                inPlace = true;
            } else if (a.startsWith("--")) {
                System.err.println("unknown option " + a + "\n" + usage());
                return 2;
            } else {
                notebooks.add(Paths.get(a));
            }
        }
        if (notebooks.isEmpty()) {
            System.err.println("no notebook given\n" + usage());
            return 2;
        }
        for (Path nb : notebooks) {
            if (!Files.isRegularFile(nb)) {
                System.err.println("notebook not found: " + nb + " (give a path to an .ipynb file)");
                return 2;
            }
        }
        List<Path> here = new ArrayList<>();
        for (Path nb : notebooks) {
            if (NotebookFolderLauncher.needsOwnFolder(nb)) {
                int code = NotebookFolderLauncher.runInOwnFolder(nb, out, inPlace);
                if (code != 0) {
                    return code;
                }
            } else {
                here.add(nb);
            }
        }
        if (here.isEmpty()) {
            return 0;
        }
        try (KernelSession session = KernelSession.start()) {
            for (Path nb : here) {
                NotebookRunner.Report report = new NotebookRunner(session).run(nb, out, inPlace);
                System.out.println(report.summary());
                if (!report.ok()) {
                    return 1;
                }
            }
        }
        return 0;
    }

    /** DJL logs at INFO/WARN on start-up (GPU probing, platform jar path); keep the kernel log short. */
    static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.Platform", "error");
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
