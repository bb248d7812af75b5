package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefetchingIteratorTest {

    /** An endless source that counts how many items it produced. */
    private static final class Counter implements Iterator<Integer> {
        private int produced;

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            return produced++;
        }
    }

    @Test
    void deliversEveryItemInSourceOrder() {
        List<Integer> source = IntStream.range(0, 1000).boxed().toList();
        List<Integer> received = new ArrayList<>();
        try (PrefetchingIterator<Integer> it = new PrefetchingIterator<>(source.iterator(), 3)) {
            it.forEachRemaining(received::add);
            assertFalse(it.hasNext());
        }
        assertEquals(source, received);
    }

    @Test
    void closeStopsTheReaderOfAnEndlessSource() {
        Counter counter = new Counter();
        PrefetchingIterator<Integer> it = new PrefetchingIterator<>(counter, 2);
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        it.close();
        assertFalse(it.isReading(), "the reader thread has ended, so the source is no longer read");
        assertFalse(it.hasNext());
        it.close(); // idempotent
    }

    @Test
    void interruptingTheConsumerCancelsAndStopsTheReader() {
        PrefetchingIterator<Integer> it = new PrefetchingIterator<>(new Counter(), 2);
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, it::next);
            assertTrue(Thread.interrupted(), "the interrupt flag is kept (and cleared here)");
        } finally {
            Thread.interrupted();
        }
        assertFalse(it.isReading());
    }

    @Test
    void aFailingSourceSurfacesItsExceptionToTheConsumer() {
        Iterator<Integer> failing = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (n == 3) {
                    throw new IllegalArgumentException("broken row 3");
                }
                return n++;
            }
        };
        try (PrefetchingIterator<Integer> it = new PrefetchingIterator<>(failing, 2)) {
            assertEquals(0, it.next());
            assertEquals(1, it.next());
            assertEquals(2, it.next());
            IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
            assertTrue(e.getCause() instanceof IllegalArgumentException);
            assertTrue(e.getMessage().contains("broken row 3"));
        }
    }
}
