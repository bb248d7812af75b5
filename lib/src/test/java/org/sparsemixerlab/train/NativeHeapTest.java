package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    @Test
    void describeTellsTunedDefaultsAndPartialSettingsApart() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/bin"));
        assertEquals("glibc defaults", NativeHeap.describe(env));
        assertFalse(NativeHeap.applied(env));
        NativeHeap.applyTo(env, true);
        assertTrue(NativeHeap.applied(env));
        assertEquals("tuned (MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=268435456)", NativeHeap.describe(env));
        env.put("MALLOC_TRIM_THRESHOLD_", "1");
        assertEquals("other (MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1)", NativeHeap.describe(env));
        NativeHeap.applyTo(env, false);
        assertEquals(Map.of("PATH", "/bin"), env, "taking the settings out leaves the rest alone");
    }

    @Test
    void aUsersOwnValueOfEitherVariableWins() {
        Map<String, String> mine = new HashMap<>(Map.of("MALLOC_TRIM_THRESHOLD_", "0"));
        assertFalse(NativeHeap.applyUnlessSet(mine));
        assertEquals(Map.of("MALLOC_TRIM_THRESHOLD_", "0"), mine);
        Map<String, String> plain = new HashMap<>();
        assertTrue(NativeHeap.applyUnlessSet(plain));
        assertEquals(NativeHeap.SETTINGS, plain);
    }

    @Test
    void theKernelSpecCarriesTheSameSettings() throws IOException {
        Path spec = Path.of("..", "environment", "kernel.json");
        String json = Files.readString(spec, StandardCharsets.UTF_8);
        Matcher env = Pattern.compile("\"env\"\\s*:\\s*\\{([^}]*)}").matcher(json);
        assertTrue(env.find(), "kernel.json has an env block: " + json);
        for (Map.Entry<String, String> e : NativeHeap.SETTINGS.entrySet()) {
            assertTrue(env.group(1).matches("(?s).*\"" + Pattern.quote(e.getKey()) + "\"\\s*:\\s*\""
                    + Pattern.quote(e.getValue()) + "\".*"), "kernel.json env sets " + e + ": " + env.group(1));
        }
    }
}
