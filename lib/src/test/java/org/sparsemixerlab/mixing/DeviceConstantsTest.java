package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DeviceConstantsTest {

    @Test
    void constantsBuiltInsideScopesOutliveThemAndAreBuiltOnce() {
        int[] builds = new int[1];
        DeviceConstants constants = new DeviceConstants(m -> {
            builds[0]++;
            return new NDList(m.arange(6f).reshape(2, 3));
        });
        try (NDManager manager = NDManager.newBaseManager()) {
            constants.setOwner(manager);
            NDArray input = manager.zeros(new Shape(1, 2, 3));
            NDList first;
            try (NDScope outer = new NDScope(); NDScope inner = new NDScope()) {
                first = constants.forInput(input, manager);
            }
            assertFalse(first.head().isReleased(), "constants must survive the scopes of the pass that built them");
            NDList second;
            try (NDScope scope = new NDScope()) {
                second = constants.forInput(input, manager);
            }
            assertSame(first, second);
            assertEquals(1, builds[0]);
            assertEquals(5f, second.head().getFloat(1, 2));
            // a cast copy for another floating type is cached and kept the same way
            NDList doubles;
            try (NDScope scope = new NDScope()) {
                doubles = constants.forInput(input.toType(DataType.FLOAT64, false), manager);
            }
            assertFalse(doubles.head().isReleased());
            assertEquals(DataType.FLOAT64, doubles.head().getDataType());
        }
    }
}
