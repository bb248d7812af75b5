package org.sparsemixerlab.kernel;

import java.security.Permission;

/**
 * Keeps user code from ending the kernel JVM: {@code System.exit}, {@code Runtime.exit} and {@code
 * Runtime.halt} called on a cell thread, or on any thread started (directly or not) from one, throw
 * {@link SystemExit} instead. The kernel's own threads (main, shutdown, parent watchdog) still exit.
 *
 * <p>Why a security manager: it is the one hook the JVM calls on every exit path (direct calls,
 * method references, reflection, libraries), whereas rewriting {@code System.exit} in cell source or
 * bytecode misses calls made by library code or through reflection. It is deprecated for removal but
 * works on JDK 17 to 23 (from 18 on it needs {@code -Djava.security.manager=allow}, which kernel.json
 * passes). This manager checks nothing else: every other permission is granted, so it costs one
 * virtual call on the JDK's guarded operations. Where it cannot be installed (JDK 24+, or another
 * manager is already set) {@link #install()} says so and the kernel runs unguarded.
 */
final class ExitGuard extends SecurityManager {

    /** The thread group of the cell threads; threads created from a cell thread inherit it. */
    static final ThreadGroup CELLS = new ThreadGroup("sml-cells");

    private static volatile String status = "not installed";

    private ExitGuard() {
    }

    /** Installs the guard once per JVM; returns a line saying whether cells are guarded. */
    @SuppressWarnings("removal")
    static synchronized String install() {
        if (System.getSecurityManager() instanceof ExitGuard) {
            return status;
        }
        try {
            System.setSecurityManager(new ExitGuard());
            status = "System.exit/Runtime.halt in cells are caught";
        } catch (UnsupportedOperationException | SecurityException e) {
            status = "System.exit/Runtime.halt in cells are NOT caught (" + e.getMessage()
                    + "); start the JVM with -Djava.security.manager=allow (JDK 18-23)";
        }
        return status;
    }

    static String status() {
        return status;
    }

    /** True when the calling thread belongs to user code: a cell thread or one started from it. */
    static boolean onUserThread() {
        for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
            if (g == CELLS) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkExit(int exitStatus) {
        if (onUserThread()) {
            throw new SystemExit(exitStatus);
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed
    }
}
