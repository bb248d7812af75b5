package org.sparsemixerlab.render;

import org.sparsemixerlab.config.LayerMap;

/**
 * A layer map drawn as a strip, one column per encoder layer: the top cell says how the layer mixes
 * tokens (A attention, M mixer; hover for the mixer's name), the bottom cell its feed-forward (E
 * Mixture-of-Experts, D dense).
 */
public final class LayerMapStrip {

    static final String ATTENTION = "#f4a261";
    static final String MIXER = "#8ecae6";
    static final String MOE = "#e76f51";
    static final String DENSE = "#d9d9d9";

    private LayerMapStrip() {
    }

    /** The HTML strip with a legend line. */
    public static String html(LayerMap map) {
        StringBuilder top = new StringBuilder();
        StringBuilder bottom = new StringBuilder();
        StringBuilder index = new StringBuilder();
        String cell = "<td style=\"background:%s;text-align:center;width:22px;font-family:monospace\" title=\"%s\">%s</td>";
        for (LayerMap.LayerSpec s : map.layers()) {
            index.append("<td style=\"text-align:center;font-size:80%;color:#666\">").append(s.index()).append("</td>");
            top.append(String.format(cell, s.isAttention() ? ATTENTION : MIXER,
                    "layer " + s.index() + ": " + HtmlTable.escape(s.mixerName()), s.isAttention() ? "A" : "M"));
            bottom.append(String.format(cell, s.isMoe() ? MOE : DENSE,
                    "layer " + s.index() + ": " + (s.isMoe() ? "MoE feed-forward" : "dense feed-forward"),
                    s.isMoe() ? "E" : "D"));
        }
        return "<table style=\"border-collapse:collapse\">"
                + "<tr><td style=\"font-size:80%;color:#666\">layer</td>" + index + "</tr>"
                + "<tr><td>mixing</td>" + top + "</tr>"
                + "<tr><td>feed-forward</td>" + bottom + "</tr></table>"
                + "<div style=\"font-size:85%\">A attention, M mixer (" + mixers(map) + "); "
                + "E Mixture-of-Experts, D dense feed-forward</div>";
    }

    /** The two-row text form, e.g. {@code MMMA / DEED}. */
    public static String text(LayerMap map) {
        return map.strip() + "  (A attention, M mixer; E MoE, D dense)";
    }

    private static String mixers(LayerMap map) {
        return map.layers().stream().filter(s -> !s.isAttention()).map(LayerMap.LayerSpec::mixerName).distinct()
                .reduce((a, b) -> a + ", " + b).map(HtmlTable::escape).orElse("none");
    }
}
