package org.sparsemixerlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.junit.jupiter.api.Test;

class TypedMagicTranspilerTest {

    private static final String LINE_MAGIC = "(?<=(?:^|=))\\s*%";

    @Test
    void aMagicAfterEqualsIsCastToItsDeclaredTypeAndOneAloneIsLeftAsJJavaWritesIt() {
        MagicResults.declare("typedtest", java.nio.file.Path.class);
        MagicParser typed = new MagicParser(LINE_MAGIC, "%%", new TypedMagicTranspiler());
        MagicParser plain = new MagicParser(LINE_MAGIC, "%%", new MagicTranspiler());
        String bound = typed.resolveMagics("var p = %typedtest a b");
        assertTrue(bound.startsWith("var p =((java.nio.file.Path) org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.lineMagic("),
                bound);
        assertTrue(bound.endsWith("));{};"), bound);
        assertEquals(plain.resolveMagics("%typedtest a b"), typed.resolveMagics("%typedtest a b"));
        assertEquals(plain.resolveMagics("var q = %undeclaredtest x"), typed.resolveMagics("var q = %undeclaredtest x"));
        assertFalse(typed.resolveMagics("%typedtest a").contains("(java.nio.file.Path)"));
    }
}
