package org.sparsemixerlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceOptionTest {

    @Test
    void autoPicksTheFirstGpuWhenTheEngineSeesOne() {
        assertEquals(Device.gpu(0), DeviceOption.parse("auto", 2).device());
        assertEquals(Device.cpu(), DeviceOption.parse("auto", 0).device());
    }

    @Test
    void explicitGpuNumberIsHonouredWhenItExists() {
        DeviceOption o = DeviceOption.parse("GPU:1", 2);
        assertEquals(Device.gpu(1), o.device());
        assertFalse(o.fellBack());
    }

    @Test
    void gpuWithoutGpusFallsBackToCpuAndSaysHowToGetOne() {
        DeviceOption o = DeviceOption.parse("gpu", 0);
        assertEquals(Device.cpu(), o.device());
        assertTrue(o.fellBack());
        assertTrue(o.note().contains("-Pgpu"), o.note());
    }

    @Test
    void missingGpuNumberNamesTheAvailableRange() {
        DeviceOption o = DeviceOption.parse("gpu:3", 2);
        assertEquals(Device.cpu(), o.device());
        assertTrue(o.note().contains("numbered 0 to 1"), o.note());
    }

    @Test
    void unknownOptionListsTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceOption.parse("tpu", 0));
        assertTrue(e.getMessage().contains("auto, cpu, gpu, gpu:N"), e.getMessage());
    }

    @Test
    void thisMachineResolvesAutoToADeviceTheEngineCanUse() {
        DeviceOption o = DeviceOption.parse("auto");
        assertFalse(o.fellBack());
    }
}
