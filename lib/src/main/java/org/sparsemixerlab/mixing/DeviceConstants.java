package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Non-trainable constants of one block (DFT matrices, gather indices), built once per device and
 * floating-point type and reused on every forward pass. They are plain arrays, not {@code
 * Parameter}s, so they are never trained, weight-decayed or saved.
 *
 * <p>The constants live in a sub-manager of the manager the block was initialized with; a block
 * that was loaded without initialization uses the parameter store's manager instead. A cached
 * set whose manager has been closed is rebuilt. Constants are taken out of any open {@link NDScope}:
 * they belong to the block, not to the pass that happened to build them.
 */
final class DeviceConstants {
    private final Function<NDManager, NDList> factory;
    private final Map<String, NDList> cache = new HashMap<>();
    private NDManager owner;

    /**
     * @param factory builds the constants in the given manager, on that manager's device;
     *     floating-point arrays as float32 (they are cast to the input's type when needed),
     *     integer arrays as int64
     */
    DeviceConstants(Function<NDManager, NDList> factory) {
        this.factory = factory;
    }

    /** Remembers the long-lived manager to build constants in. */
    synchronized void setOwner(NDManager manager) {
        this.owner = manager;
    }

    /** The constants for the device and floating-point type of {@code like}. */
    synchronized NDList forInput(NDArray like, NDManager fallback) {
        String key = like.getDevice() + "/" + like.getDataType();
        NDList cached = cache.get(key);
        if (cached != null && cached.stream().noneMatch(NDArray::isReleased)) {
            return cached;
        }
        NDManager base = owner != null && owner.isOpen() ? owner : fallback;
        NDManager manager = base.newSubManager(like.getDevice());
        NDList built = factory.apply(manager);
        NDList typed = new NDList(built.size());
        for (NDArray array : built) {
            boolean castNeeded = array.getDataType().isFloating()
                    && array.getDataType() != like.getDataType();
            typed.add(castNeeded ? array.toType(like.getDataType(), false) : array);
        }
        // The first forward pass usually runs inside an NDScope (every training step and benchmark
        // repetition opens one); left registered there, the constants would be closed with it and
        // rebuilt on every pass (measured: 26 ms of a 38 ms Fourier forward at L=512, d=512).
        NDScope.unregister(built);
        NDScope.unregister(typed);
        cache.put(key, typed);
        return typed;
    }
}
