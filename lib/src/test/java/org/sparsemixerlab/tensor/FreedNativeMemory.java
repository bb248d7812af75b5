package org.sparsemixerlab.tensor;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: makes native memory that is only reachable through unreachable Java direct
 * buffers actually freed and then reused, as a long training run eventually does. Call it between
 * forward and backward; an autograd graph that still points into such memory then reads NaN or
 * malloc bookkeeping instead of its values.
 */
public final class FreedNativeMemory {
    private static final int POISON_BUFFERS = 20_000;

    private FreedNativeMemory() {}

    /**
     * Runs full collections until their weak references have been processed (which frees the
     * memory of collected direct buffers), then allocates many small direct buffers filled with NaN
     * so that the freed blocks are handed out again. Keep the returned buffers reachable until the
     * backward pass has run.
     */
    public static List<ByteBuffer> collectAndReuse() throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        for (int round = 0; round < 3; round++) {
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            if (queue.remove(5_000) != sentinel) {
                throw new IllegalStateException("the garbage collector did not clear a weak reference within 5 s");
            }
        }
        Thread.sleep(50); // direct-buffer cleaners run on the reference handler thread
        List<ByteBuffer> poison = new ArrayList<>(POISON_BUFFERS);
        for (int i = 0; i < POISON_BUFFERS; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            b.putFloat(0, Float.NaN).putFloat(4, Float.NaN);
            poison.add(b);
        }
        return poison;
    }
}
