package org.sparsemixerlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTableTest {

    @Test
    void escapesCellsInHtml() {
        String html = HtmlTable.of("k", "v").row("<b>", "a & b").toHtml();
        assertTrue(html.contains("<td>&lt;b&gt;</td><td>a &amp; b</td>"), html);
    }

    @Test
    void plainTextAlignsColumns() {
        String text = HtmlTable.of("name", "n").row("x", 10).row("longer", 2).toText();
        assertEquals("name    n \n------  --\nx       10\nlonger  2 \n", text);
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HtmlTable.of("a", "b").row(1));
        assertTrue(e.getMessage().contains("1 values but the table has 2 columns"), e.getMessage());
    }
}
