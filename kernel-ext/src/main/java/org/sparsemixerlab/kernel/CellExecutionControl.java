package org.sparsemixerlab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * In-process JShell execution control: snippets are compiled by JShell and run inside the kernel JVM,
 * on one long-lived daemon cell thread, so user objects (NDArrays, models, tables) are ordinary heap
 * objects the kernel can render.
 *
 * <p>What it adds to {@link DirectExecutionControl}:
 * <ul>
 *   <li>every snippet runs on the cell thread, whose context class loader is the snippet loader and
 *       which ran the thread-init hook (engine start, PyTorch grad mode off) before its first task;</li>
 *   <li>the real result object is kept in a key → object map and the key is handed to JShell as the
 *       "value string"; the kernel takes the object back with {@link #takeResult(String)};</li>
 *   <li>a nested evaluation (a magic evaluating its body from inside a running cell) runs inline on the
 *       cell thread instead of deadlocking behind itself;</li>
 *   <li>cooperative interrupt ({@link Thread#interrupt()}), then, after a grace period, the cell is
 *       abandoned: the waiting call returns at once and a fresh cell thread serves the next cell.</li>
 * </ul>
 */
final class CellExecutionControl extends DirectExecutionControl {

    /** Marker returned by {@link #takeResult(String)} when the key is not a stashed result. */
    static final Object NO_RESULT = new Object();

    /** How long a stopped cell thread may take to unwind before it is abandoned. */
    static final long STOP_WAIT_MILLIS = 1000;

    private final Runnable threadInit;
    private final Map<String, Object> results = new HashMap<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final AtomicLong taskNumber = new AtomicLong();
    private final Object lock = new Object();

    private volatile ExecutorService worker;
    private volatile Thread runningThread;
    private volatile long runningTask = -1;
    private volatile long abandonTask = -1;
    private volatile Throwable lastUserThrowable;
    private volatile String interruptOutcome;

    /**
     * @param threadInit run once on every new cell thread before its first snippet; must not throw
     *                   (failures are caught and logged so the thread still serves cells)
     */
    CellExecutionControl(Runnable threadInit) {
        this.threadInit = threadInit;
        this.worker = newWorker();
    }

    /** True when the calling thread is a cell thread, i.e. the call is nested inside a running cell. */
    static boolean onCellThread() {
        return Thread.currentThread() instanceof CellThread;
    }

    /** Starts the cell thread now (engine start-up happens in its init hook), without waiting for it. */
    void warmUp() {
        worker.submit(() -> { });
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (onCellThread()) {
            return stash(callUserCode(doit));
        }
        ClassLoader snippetLoader = doit.getDeclaringClass().getClassLoader();
        long task = taskNumber.incrementAndGet();
        ExecutorService current = worker;
        Future<Object> future = current.submit(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(snippetLoader);
            runningThread = thread;
            runningTask = task;
            try {
                return callUserCode(doit);
            } finally {
                runningTask = -1;
                runningThread = null;
                thread.setContextClassLoader(before);
            }
        });
        while (true) {
            try {
                return stash(future.get(50, TimeUnit.MILLISECONDS));
            } catch (TimeoutException stillRunning) {
                if (abandonTask == task) {
                    CellInterruptedException outcome = stopOrAbandon(current, future);
                    interruptOutcome = outcome.getMessage();
                    throw outcome;
                }
            } catch (ExecutionException failed) {
                Throwable cause = failed.getCause();
                if (cause instanceof InvocationTargetException) {
                    throw (InvocationTargetException) cause;
                }
                throw new InvocationTargetException(cause);
            } catch (InterruptedException kernelInterrupted) {
                Thread.currentThread().interrupt();
                throw new CellInterruptedException("Kernel thread interrupted while waiting for the cell");
            }
        }
    }

    /**
     * The cell ignored the interrupt for the whole grace period (a loop that never sleeps, waits or
     * checks {@code Thread.interrupted()}). On JDK 17 to 19 its thread is stopped with {@code
     * Thread.stop} so it no longer uses the CPU; where that is not possible (JDK 20+) the thread is
     * abandoned, a new one serves the next cells, and the message says the old code keeps running.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private CellInterruptedException stopOrAbandon(ExecutorService current, Future<Object> future) {
        Thread thread = runningThread;
        String whyNot = "it was not running on a known thread";
        if (thread != null) {
            try {
                thread.stop();
                future.get(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                return stopped();
            } catch (ExecutionException ended) {
                return stopped();
            } catch (UnsupportedOperationException noStop) {
                whyNot = "this JVM (" + Runtime.version().feature() + ") has no Thread.stop";
            } catch (TimeoutException stillRunning) {
                whyNot = "it did not stop within " + STOP_WAIT_MILLIS + " ms (a long native operation?)";
            } catch (InterruptedException kernelInterrupted) {
                Thread.currentThread().interrupt();
                whyNot = "the kernel was interrupted while stopping it";
            }
        }
        abandonCurrentWorker(current);
        return new CellInterruptedException("Cell interrupted, but its code could NOT be stopped (it ignores"
                + " interrupts, and " + whyNot + "): it keeps running, and using a CPU core, in the background until"
                + " it ends or the kernel is restarted. A new cell thread serves the next cells; your variables are kept.");
    }

    private static CellInterruptedException stopped() {
        return new CellInterruptedException("Cell interrupted: it ignored the interrupt for "
                + SmlKernel.INTERRUPT_GRACE_MILLIS / 1000 + " s, so its thread was stopped (Thread.stop). Objects it"
                + " was changing at that moment may be left half-updated. To make long loops stop cleanly, check"
                + " Thread.interrupted() in them.");
    }

    private Object callUserCode(Method doit) throws InvocationTargetException, IllegalAccessException {
        try {
            return doit.invoke(null);
        } catch (InvocationTargetException e) {
            lastUserThrowable = e.getCause();
            throw e;
        }
    }

    private void abandonCurrentWorker(ExecutorService current) {
        synchronized (lock) {
            if (worker == current) {
                worker = newWorker();
                current.shutdownNow();
            }
        }
    }

    /**
     * Interrupts the running cell; if the same cell is still running after {@code graceMillis}, the
     * waiting evaluation is released and the cell thread replaced.
     */
    void interruptRunningCell(long graceMillis) {
        Thread thread = runningThread;
        long task = runningTask;
        if (thread == null || task < 0) {
            return;
        }
        thread.interrupt();
        Thread watcher = new Thread(() -> {
            try {
                Thread.sleep(graceMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (runningTask == task) {
                abandonTask = task;
            }
        }, "sml-interrupt-grace");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The last exception thrown by user code (the real object, cause chain included), or null. */
    Throwable lastUserThrowable() {
        return lastUserThrowable;
    }

    /**
     * What happened to the last cell that ignored an interrupt (stopped or abandoned), once; null when
     * nothing was reported since the last call.
     */
    String takeInterruptOutcome() {
        String m = interruptOutcome;
        interruptOutcome = null;
        return m;
    }

    void clearLastUserThrowable() {
        lastUserThrowable = null;
    }

    /** Removes and returns the object stored under {@code key}, or {@link #NO_RESULT}. */
    Object takeResult(String key) {
        synchronized (results) {
            return results.containsKey(key) ? results.remove(key) : NO_RESULT;
        }
    }

    private String stash(Object value) {
        String key = "sml-result:" + UUID.randomUUID();
        synchronized (results) {
            results.put(key, value);
        }
        return key;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        super.close();
    }

    private ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            CellThread thread = new CellThread(() -> {
                try {
                    threadInit.run();
                } catch (Throwable t) {
                    System.err.println("sml-kernel: cell thread init failed: " + t);
                }
                task.run();
            }, "sml-cell-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The thread type that runs cells; used to recognise nested evaluations. */
    static final class CellThread extends Thread {
        CellThread(Runnable body, String name) {
            super(ExitGuard.CELLS, body, name);
        }
    }
}
