package org.sparsemixerlab.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Reads a source iterator ahead on a background thread so that building batches overlaps with
 * training. Items arrive in the source's order; at most {@code capacity} wait in a bounded queue.
 *
 * <p>An exception thrown by the source is rethrown by {@link #next()} (wrapped, with the source's
 * as cause). {@link #close()} interrupts and joins the thread; it is safe to call more than once.
 * If the consuming thread is interrupted while waiting, {@link #next()} closes the iterator, keeps
 * the interrupt flag set and throws {@link CancellationException}.
 *
 * @param <T> item type
 */
public final class PrefetchingIterator<T> implements Iterator<T>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private Object pending;
    private volatile boolean closed;

    /**
     * Starts reading ahead at once.
     *
     * @param source the iterator to read; only the background thread touches it from now on
     * @param capacity items read ahead, at least 1
     */
    public PrefetchingIterator(Iterator<? extends T> source, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(() -> produce(source), "sml-prefetch");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void produce(Iterator<? extends T> source) {
        try {
            while (!Thread.currentThread().isInterrupted() && source.hasNext()) {
                queue.put(new Item(source.next()));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (pending == null) {
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the next prefetched item");
            }
        }
        if (pending instanceof Failure failure) {
            pending = null;
            close();
            throw new IllegalStateException(
                    "the prefetched source failed: " + failure.error(), failure.error());
        }
        return pending != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the prefetched source is exhausted or closed");
        }
        Object item = pending;
        pending = null;
        return (T) ((Item) item).value();
    }

    /** True while the background thread is running. */
    public boolean isReading() {
        return worker.isAlive();
    }

    /** Stops the background thread and waits for it to end. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        queue.clear();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record Item(Object value) {}

    private record Failure(Throwable error) {}
}
