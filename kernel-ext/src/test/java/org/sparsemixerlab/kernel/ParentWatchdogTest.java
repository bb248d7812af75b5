package org.sparsemixerlab.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParentWatchdogTest {

    @Test
    void runsTheExitActionOnceTheParentIsGone() throws Exception {
        AtomicBoolean alive = new AtomicBoolean(true);
        CountDownLatch exited = new CountDownLatch(1);
        new ParentWatchdog(alive::get, exited::countDown, 10).start();
        alive.set(false);
        assertTrue(exited.await(10, TimeUnit.SECONDS));
    }
}
