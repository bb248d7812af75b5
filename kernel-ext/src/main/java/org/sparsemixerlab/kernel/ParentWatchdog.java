package org.sparsemixerlab.kernel;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Ends the kernel when the process that started it is gone, so no orphaned JVM keeps running (and
 * holding its client's pipes). Jupyter sets {@code JPY_PARENT_PID}; otherwise the OS parent is watched.
 */
public final class ParentWatchdog {

    private final BooleanSupplier parentAlive;
    private final Runnable onParentGone;
    private final long periodMillis;

    /**
     * @param parentAlive  polled every {@code periodMillis}
     * @param onParentGone run once when {@code parentAlive} first returns false
     */
    public ParentWatchdog(BooleanSupplier parentAlive, Runnable onParentGone, long periodMillis) {
        this.parentAlive = parentAlive;
        this.onParentGone = onParentGone;
        this.periodMillis = periodMillis;
    }

    /** Watches the parent of this process: {@code JPY_PARENT_PID} if set, else the OS parent. */
    public static Optional<ParentWatchdog> forThisProcess(Runnable onParentGone) {
        Optional<ProcessHandle> parent = Optional.empty();
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid != null && pid.matches("\\d+")) {
            parent = ProcessHandle.of(Long.parseLong(pid));
        }
        if (parent.isEmpty()) {
            parent = ProcessHandle.current().parent();
        }
        return parent.map(p -> new ParentWatchdog(p::isAlive, onParentGone, 1000));
    }

    /** Starts the daemon polling thread. */
    public Thread start() {
        Thread t = new Thread(this::watch, "sml-parent-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void watch() {
        try {
            while (parentAlive.getAsBoolean()) {
                Thread.sleep(periodMillis);
            }
            onParentGone.run();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
