package org.sparsemixerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LayerMapTest {

    /** The worked indices of SPEC 1.7, written out by hand from the rule. */
    static Stream<Arguments> replacementTable() {
        return Stream.of(
                Arguments.of(14, 4, LayerLayout.BOTTOM, List.of(0, 1, 2, 3)),
                Arguments.of(14, 4, LayerLayout.MIDDLE, List.of(5, 6, 7, 8)),
                Arguments.of(14, 4, LayerLayout.MIXED, List.of(0, 3, 6, 9, 12)),
                Arguments.of(14, 4, LayerLayout.TOP, List.of(10, 11, 12, 13)),
                Arguments.of(14, 2, LayerLayout.MIDDLE, List.of(6, 7)),
                Arguments.of(14, 2, LayerLayout.MIXED, List.of(0, 7)),
                Arguments.of(14, 1, LayerLayout.MIDDLE, List.of(7)),
                Arguments.of(14, 3, LayerLayout.MIDDLE, List.of(6, 7, 8)),
                Arguments.of(14, 3, LayerLayout.MIXED, List.of(0, 4, 8, 12)),
                Arguments.of(14, 6, LayerLayout.MIDDLE, List.of(4, 5, 6, 7, 8, 9)),
                Arguments.of(14, 6, LayerLayout.MIXED, List.of(0, 2, 4, 6, 8, 10, 12)),
                Arguments.of(8, 4, LayerLayout.MIDDLE, List.of(2, 3, 4, 5)),
                Arguments.of(8, 4, LayerLayout.MIXED, List.of(0, 2, 4, 6)),
                Arguments.of(4, 2, LayerLayout.MIDDLE, List.of(1, 2)),
                Arguments.of(4, 2, LayerLayout.MIXED, List.of(0, 2)),
                Arguments.of(4, 1, LayerLayout.MIDDLE, List.of(2)),
                Arguments.of(4, 1, LayerLayout.TOP, List.of(3)),
                Arguments.of(14, 0, LayerLayout.TOP, List.of()));
    }

    @ParameterizedTest(name = "N={0} n={1} {2} -> {3}")
    @MethodSource("replacementTable")
    void replacementRuleMatchesSpecTable(int layers, int replaced, LayerLayout layout, List<Integer> expected) {
        List<Integer> got = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            if (layout.isReplaced(l, layers, replaced)) {
                got.add(l);
            }
        }
        assertEquals(expected, got);
    }

    @Test
    void sparseMixerBaseHasAttentionOnTopAndMoeInTheMiddle() {
        LayerMap map = Presets.get("sparse-mixer-base").layerMap();
        assertEquals(List.of(10, 11, 12, 13), map.attentionLayers());
        assertEquals(List.of(5, 6, 7, 8), map.moeLayers());
        assertEquals("linear", map.get(0).mixerName());
        assertEquals("MMMMMMMMMMAAAA / DDDDDEEEEDDDDD", map.strip());
    }

    @Test
    void sparseMixerSmallSharesLayersFourAndFiveBetweenAttentionAndMoe() {
        LayerMap map = Presets.get("sparse-mixer-small").layerMap();
        assertEquals(List.of(4, 5, 6, 7), map.attentionLayers());
        assertEquals(List.of(2, 3, 4, 5), map.moeLayers());
    }

    @Test
    void bertUsesAttentionEverywhereAndNoMoe() {
        LayerMap map = Presets.get("bert-base").layerMap();
        assertEquals(12, map.attentionLayers().size());
        assertEquals(List.of(), map.moeLayers());
    }
}
