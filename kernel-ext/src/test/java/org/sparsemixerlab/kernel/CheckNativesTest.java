package org.sparsemixerlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckNativesTest {

    @Test
    void checkNativesComputesWithTheEngineAndNamesIt() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = Main.checkNatives();
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        assertTrue(printed.startsWith("natives OK: PyTorch "), printed);
        assertTrue(printed.contains("1 + 2 + 3 = 6.0"), printed);
    }
}
