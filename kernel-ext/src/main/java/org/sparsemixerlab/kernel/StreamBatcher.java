package org.sparsemixerlab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces small writes to a Jupyter stream into one message per flush period. jjava-jupyter sends
 * one iopub message per flush of its stream; a cell printing 10,000 lines would otherwise send
 * 10,000+ messages. Text still streams while the cell runs: a timer flushes every
 * {@value #PERIOD_MILLIS} ms.
 */
final class StreamBatcher implements AutoCloseable {

    static final long PERIOD_MILLIS = 50;
    private static final int MAX_PENDING = 64 * 1024;

    private final List<Batch> batches = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sml-stream-flush");
        t.setDaemon(true);
        return t;
    });

    StreamBatcher() {
        timer.scheduleAtFixedRate(this::flushAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A print stream that batches into {@code target}; replaces any earlier batch for {@code name}. */
    PrintStream wrap(PrintStream target, String name) {
        Batch batch = new Batch(target, name);
        batches.removeIf(b -> b.name.equals(name));
        batches.add(batch);
        return new PrintStream(batch, false, StandardCharsets.UTF_8);
    }

    void flushAll() {
        for (Batch b : batches) {
            b.flush();
        }
    }

    @Override
    public void close() {
        flushAll();
        timer.shutdownNow();
    }

    private static final class Batch extends OutputStream {
        private final PrintStream target;
        private final String name;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Batch(PrintStream target, String name) {
            this.target = target;
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (pending.size() >= MAX_PENDING) {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            if (pending.size() >= MAX_PENDING) {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            if (pending.size() == 0) {
                return;
            }
            try {
                pending.writeTo(target);
            } catch (IOException e) {
                // PrintStream never throws; keep the text out rather than fail the cell
            }
            pending.reset();
            target.flush();
        }
    }
}
