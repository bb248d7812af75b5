package org.sparsemixerlab.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;

/**
 * The "Java (Sparse Mixer)" kernel: JShell with an in-process execution control on jjava-jupyter's
 * {@link BaseKernel}. Magics, renderers and default imports are not wired here: they come from
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} on the classpath.
 */
public class SmlKernel extends BaseKernel {

    /** Kernel name as registered with Jupyter. */
    public static final String KERNEL_NAME = "sml-java";
    /** How long an interrupted cell may keep running before its thread is abandoned. */
    static final long INTERRUPT_GRACE_MILLIS = 2000;

    private final CellExecutionControl control;
    private final JShell shell;
    private final StreamBatcher streams = new StreamBatcher();
    private volatile OutputSink sink;
    private volatile boolean interruptRequested;
    /** Serialises top-level evaluations with start-up (which evaluates the default imports). */
    private final Object evalLock = new Object();
    /**
     * The kernel log (the process's stderr, taken when the kernel is built). jjava points System.err at
     * the cell being executed: a cell sent during start-up showed the warm-up's log line as its output.
     */
    private final java.io.PrintStream log = System.err;
    /**
     * Open once start-up (extensions, default imports, warm-up) is done. JShell's compiler is not
     * thread-safe: an inspect or complete request answered while the default imports compile crashed it
     * (ConcurrentModificationException), so editor requests wait for start-up.
     */
    private final java.util.concurrent.CountDownLatch startedUp = new java.util.concurrent.CountDownLatch(1);

    public SmlKernel() {
        super(KERNEL_NAME, KernelVersion.get(),
                new LanguageInfo.Builder("java").version(Runtime.version().toString())
                        .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java")
                        .codemirror("text/x-java").build(),
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new TypedMagicTranspiler()), new MagicsRegistry(),
                true,
                new StringStyler.Builder().addPrimaryStyle(TextColor.BOLD_RESET_FG)
                        .addSecondaryStyle(TextColor.BOLD_RED_FG).addHighlightStyle(TextColor.BOLD_RESET_FG)
                        .addHighlightStyle(TextColor.RED_BG).build());
        String exitGuard = ExitGuard.install();
        if (exitGuard.contains("NOT")) {
            System.err.println("sml-kernel: " + exitGuard);
        }
        this.control = new CellExecutionControl(EngineWarmup::onCellThread);
        this.shell = JShell.builder().executionEngine(new FixedProvider(control), Map.of()).build();
        for (String entry : KernelClasspath.entries()) {
            shell.addToClasspath(entry);
        }
        this.sink = new JupyterSink();
        control.warmUp();
    }

    // ---------------------------------------------------------------- output routing

    /** Routes rich output of the running cell to {@code sink}; returns the previous sink. */
    public OutputSink setOutputSink(OutputSink newSink) {
        OutputSink previous = sink;
        sink = Objects.requireNonNull(newSink, "sink");
        return previous;
    }

    @Override
    public void display(DisplayData data) {
        sink.display(data);
    }

    /** Replaces the output published earlier under {@code displayId}. */
    public void updateDisplay(String displayId, DisplayData data) {
        sink.updateDisplay(displayId, data);
    }

    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
        super.replaceOutputStreams(env);
        // Coalesce many small writes (println in a loop) into one stream message per ~50 ms.
        System.setOut(streams.wrap(io.out, "stdout"));
        System.setErr(streams.wrap(io.err, "stderr"));
    }

    /** Sends buffered stdout/stderr text of the running cell now. */
    public void flushStreams() {
        System.out.flush();
        System.err.flush();
        streams.flushAll();
    }

    // ---------------------------------------------------------------- evaluation

    @Override
    public DisplayData eval(String code) {
        Object value = evalRaw(code);
        if (value == null || value instanceof DisplayData) {
            return (DisplayData) value;
        }
        try {
            return renderer.render(value);
        } catch (RuntimeException renderFailed) {
            DisplayData fallback = new DisplayData();
            fallback.putText(value.getClass().getName() + " (could not be rendered: " + renderFailed + ")");
            return fallback;
        }
    }

    @Override
    public Object evalRaw(String code) {
        code = withBodyLine(code);
        boolean nested = CellExecutionControl.onCellThread();
        if (nested) {
            return new CellEvaluation(shell, control, () -> interruptRequested, magicsRegistry).run(magicParser.resolveMagics(code));
        }
        synchronized (evalLock) {
            interruptRequested = false;
            try {
                return new CellEvaluation(shell, control, () -> interruptRequested, magicsRegistry).run(magicParser.resolveMagics(code));
            } finally {
                flushStreams();
            }
        }
    }

    /**
     * A cell that is only a {@code %%name ...} line (no body) goes to the cell magic with an empty body,
     * which then says what it needs; jjava's parser (which wants at least one body character) would
     * leave it to be compiled as Java.
     */
    static String withBodyLine(String code) {
        String s = code.strip();
        return s.startsWith("%%") && s.indexOf('\n') < 0 ? s + "\n " : code;
    }

    /**
     * Runs {@link #onStartup()} (Extensions: magics, renderers, default imports) while holding the
     * evaluation lock, so the kernel can answer kernel_info first and a cell that arrives meanwhile
     * waits for start-up to finish.
     */
    public void startUpExclusively(java.util.concurrent.CountDownLatch locked) {
        synchronized (evalLock) {
            locked.countDown();
            try {
                onStartup();
                warmUpFirstCell();
            } finally {
                startedUp.countDown();
            }
        }
    }

    /**
     * Takes the first-cell costs before any cell arrives, on the start-up thread while the kernel already
     * answers kernel_info: javac's first expression snippet (JShell's wrapper classes), the run on the
     * cell thread, rendering the value, and the source analysis every cell and completion use. Nothing is
     * published. A cell sent meanwhile waits for this (it would pay the same cost itself).
     */
    void warmUpFirstCell() {
        long t0 = System.nanoTime();
        try {
            Object value = evalRaw("0 + 1");
            renderer.render(value);
            isComplete("for (int i = 0; i < 1; i++) {");
            complete("Math.ab", 7);
        } catch (RuntimeException | LinkageError e) {
            log.println("sml-kernel: warm-up failed (the first cell will be slower): " + e);
        }
        log.printf("sml-kernel: warmed up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Adds jars or folders to the cells' classpath and installs any Extensions found in them. */
    public void addToClasspath(List<String> paths) {
        for (String path : paths) {
            shell.addToClasspath(path);
        }
        installExtensions(String.join(java.io.File.pathSeparator, paths));
    }

    /** True if {@code name} is a variable, method or type declared by an earlier cell. */
    public boolean isDefined(String name) {
        return shell.variables().anyMatch(v -> v.name().equals(name))
                || shell.methods().anyMatch(m -> m.name().equals(name))
                || shell.types().anyMatch(t -> t.name().equals(name));
    }

    @Override
    public void interrupt() {
        interruptRequested = true;
        control.interruptRunningCell(INTERRUPT_GRACE_MILLIS);
    }

    // ---------------------------------------------------------------- editor support

    /** Waits (at most a minute) for start-up, unless called from start-up itself (the warm-up). */
    private void awaitStartUp() {
        if (Thread.holdsLock(evalLock)) {
            return;
        }
        try {
            startedUp.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets editor requests go ahead when the kernel was built without {@link #startUpExclusively}. */
    void markStartedUp() {
        startedUp.countDown();
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitStartUp();
        return new CodeAssist(shell.sourceCodeAnalysis(), magicsRegistry).complete(code, at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean detail) {
        awaitStartUp();
        return new CodeAssist(shell.sourceCodeAnalysis(), magicsRegistry).inspect(code, at, detail);
    }

    @Override
    public String isComplete(String code) {
        awaitStartUp();
        if (code.stripLeading().startsWith("%%")) {
            return IS_COMPLETE_YES;
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = magicParser.resolveMagics(code);
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.DEFINITELY_INCOMPLETE) {
                return "    ";
            }
            if (c == Completeness.CONSIDERED_INCOMPLETE) {
                return IS_COMPLETE_MAYBE;
            }
            if (c == Completeness.UNKNOWN) {
                return IS_COMPLETE_BAD;
            }
            if (c == Completeness.EMPTY) {
                break;
            }
            rest = info.remaining();
        }
        return IS_COMPLETE_YES;
    }

    // ---------------------------------------------------------------- errors and lifecycle

    @Override
    public List<String> formatError(Throwable e) {
        return ErrorFormatting.lines(e, errorStyler);
    }

    @Override
    public void onShutdown(boolean restarting) {
        try {
            super.onShutdown(restarting);
        } finally {
            shell.close();
            streams.close();
        }
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (Sparse Mixer Lab kernel " + getVersion() + ")";
    }

    // ---------------------------------------------------------------- helpers

    /** Hands JShell the one control instance this kernel owns. */
    private static final class FixedProvider implements ExecutionControlProvider {
        private final ExecutionControl control;

        FixedProvider(ExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "sml-in-process";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }

    /** Publishes on the Jupyter iopub channel of the request being served. */
    private final class JupyterSink implements OutputSink {
        @Override
        public void display(DisplayData data) {
            flushStreams();
            io.display.display(data);
        }

        @Override
        public void updateDisplay(String displayId, DisplayData data) {
            flushStreams();
            io.display.updateDisplay(displayId, data);
        }
    }

    static PrintStream utf8(java.io.OutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
