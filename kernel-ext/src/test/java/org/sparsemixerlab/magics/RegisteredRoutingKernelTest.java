package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ConfigKeys;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.AbstractRouting;
import org.sparsemixerlab.moe.RoutingProblem;
import org.sparsemixerlab.moe.RoutingTable;
import org.sparsemixerlab.moe.Routings;
import org.sparsemixerlab.render.HeatmapFigure;
import org.sparsemixerlab.render.RoutingHeatmap;
import org.sparsemixerlab.render.RoutingSetting;

/** A routing registered at run time reaches %%smconfig, %routing --compare and the key listing. */
class RegisteredRoutingKernelTest {
    private static NDManager manager;
    private static PretrainingModel model;

    /** Every token to expert 0 while it has room: an easy rule to recognise in a heatmap. */
    static final class FirstExpertRouting extends AbstractRouting {
        @Override
        protected RoutingTable decide(RoutingProblem p) {
            RoutingTable.Builder b = p.newTable();
            for (int g = 0; g < p.groups(); g++) {
                for (int t = 0; t < p.tokens(); t++) {
                    b.offer(g, t, 0, 0, p.probability(g, t, 0));
                }
            }
            return b.build();
        }
    }

    @BeforeAll
    static void build() {
        Routings.register("first-expert", new FirstExpertRouting());
        manager = NDManager.newBaseManager();
        model = new PretrainingModel(Presets.get("sparse-mixer-tiny"));
        Shape ids = new Shape(2, model.config().maxSeqLength());
        model.initialize(manager, DataType.FLOAT32, ids, ids, ids, new Shape(2, 4));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void aConfigCellAcceptsTheRegisteredNameAndRejectsAnUnknownOne() {
        ConfigCell ok = ConfigCell.parse("sparse-mixer-tiny", "routing_algorithm: first-expert\n");
        assertTrue(ok.ok(), ok.text(null));
        assertEquals(RoutingAlgorithm.of("first-expert"), ok.config().routingAlgorithm());
        ConfigCell bad = ConfigCell.parse("sparse-mixer-tiny", "routing_algorithm: second-expert\n");
        assertFalse(bad.ok());
        assertTrue(bad.text(null).contains("first-expert"), bad.text(null));
    }

    @Test
    void compareReroutesTheTextUnderTheRegisteredRule() {
        RoutingSetting s = RoutingSetting.parse("first-expert:cf=2", 1.0);
        assertEquals(RoutingAlgorithm.of("first-expert"), s.algorithm());
        assertEquals(2.0, s.capacityFactor());
        HeatmapFigure f = RoutingView.compare(model, LabSession.tokenizer(), "call me ishmael", -1, s);
        RoutingHeatmap right = f.panels().get(1);
        assertTrue(right.title().contains("first-expert, cf 2"), right.title());
        int[] load = right.tokensPerExpert();
        for (int e = 1; e < load.length; e++) {
            assertEquals(0, load[e], "only expert 0 is used by the rule");
        }
        assertTrue(load[0] > 0);
    }

    @Test
    void theKeyListingHasOneRowPerKey() {
        assertEquals(ConfigKeys.ALL.size(), ConfigMagic.keyTable().rowCount());
        String text = ConfigMagic.keyTable().toText();
        assertTrue(text.contains("router_z_loss_factor") && text.contains("routing_algorithm"), text);
    }
}
