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
                    abandonCurrentWorker(current);
                    throw new CellInterruptedException(
                            "Cell interrupted; it ignored the interrupt, so its thread was abandoned and"
                                    + " a new cell thread serves the next cells");
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
            super(body, name);
        }
    }
}
