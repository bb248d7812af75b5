package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.sparsemixerlab.kernel.CellOutput;
import org.sparsemixerlab.kernel.CellResult;

/** Asserts that a cell failed with IPython's UsageError convention and returns its traceback text. */
final class UsageErrorAssert {
    private UsageErrorAssert() {
    }

    static String usageError(CellResult r) {
        assertTrue(r.failed(), "expected an error reply, got " + r.outputs());
        CellOutput.Error e = r.error().orElseThrow();
        assertEquals("UsageError", e.ename(), e.toString());
        String text = String.join("\n", e.traceback());
        assertFalse(text.contains("\tat "), text);
        assertFalse(text.contains("org.dflib"), text);
        return text;
    }
}
