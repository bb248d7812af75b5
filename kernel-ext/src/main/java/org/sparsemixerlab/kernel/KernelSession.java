package org.sparsemixerlab.kernel;

import java.io.PrintStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Drives an {@link SmlKernel} in this JVM without ZeroMQ: each {@link #execute(String)} runs a cell
 * the way an execute_request does (stdout/stderr captured, result rendered, error formatted) and
 * returns its outputs. Used by the headless notebook runner and by tests.
 */
public final class KernelSession implements AutoCloseable {

    private final SmlKernel kernel;
    private int executionCount;

    private KernelSession(SmlKernel kernel) {
        this.kernel = kernel;
    }

    /** Builds a kernel and runs its start-up (Extensions from the classpath: magics, renderers, imports). */
    public static KernelSession start() {
        Main.quietLogging();
        SmlKernel kernel = new SmlKernel();
        kernel.onStartup();
        kernel.markStartedUp();
        return new KernelSession(kernel);
    }

    public SmlKernel kernel() {
        return kernel;
    }

    /** Runs one cell and returns what it printed, displayed, returned or threw. */
    public synchronized CellResult execute(String code) {
        int count = ++executionCount;
        CellRecorder recorder = new CellRecorder();
        PrintStream out = System.out;
        PrintStream err = System.err;
        OutputSink previous = kernel.setOutputSink(recorder);
        PrintStream cellOut = recorder.stream("stdout");
        PrintStream cellErr = recorder.stream("stderr");
        System.setOut(cellOut);
        System.setErr(cellErr);
        try {
            DisplayData result = kernel.eval(code);
            cellOut.flush();
            cellErr.flush();
            if (result != null) {
                recorder.result(result);
            }
        } catch (RuntimeException e) {
            cellOut.flush();
            cellErr.flush();
            recorder.error(errorName(e), e.getMessage(), kernel.formatError(e));
        } finally {
            System.setOut(out);
            System.setErr(err);
            kernel.setOutputSink(previous);
        }
        return new CellResult(count, recorder.outputs());
    }

    private static String errorName(RuntimeException e) {
        if (e instanceof CellRuntimeException) {
            String name = ((CellRuntimeException) e).exceptionClassName();
            return name.substring(name.lastIndexOf('.') + 1);
        }
        if (e instanceof CellCompileException) {
            return "CompileError";
        }
        if (e instanceof CellInterruptedException) {
            return "Interrupted";
        }
        return e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        kernel.onShutdown(false);
    }
}
