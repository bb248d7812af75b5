package org.sparsemixerlab.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;

/** The routing registry, names in configurations, and a rule written against the public builder. */
class RoutingRegistryTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        Routings.register(RoundRobinRouting.NAME, new RoundRobinRouting());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray logits(int g, int t, int e, long seed) {
        Random r = new Random(seed);
        float[] v = new float[g * t * e];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return manager.create(v, new Shape(g, t, e));
    }

    @Test
    void namesReadInAnySpellingAndTodaysEnumNamesStillParse() {
        assertEquals(RoutingAlgorithm.TOKENS_CHOOSE, RoutingAlgorithm.of("tokens-choose"));
        assertEquals(RoutingAlgorithm.TOKENS_CHOOSE, RoutingAlgorithm.of("TOKENS_CHOOSE"));
        assertEquals("experts-choose", RoutingAlgorithm.EXPERTS_CHOOSE.label());
        assertEquals(Routings.get("experts_choose"), ExpertsChooseRouting.INSTANCE);
        assertThrows(IllegalArgumentException.class, () -> RoutingAlgorithm.of("no spaces"));
        assertTrue(Routings.names().subList(0, 2).equals(List.of(RoutingAlgorithm.EXPERTS_CHOOSE,
                RoutingAlgorithm.TOKENS_CHOOSE)));
    }

    @Test
    void aRegisteredNameIsAConfigValueThatRoundTripsThroughJson() {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().routingAlgorithm("round-robin").build();
        String json = ConfigJson.toJson(c);
        assertTrue(json.contains("\"routing_algorithm\" : \"ROUND_ROBIN\""), json);
        assertEquals(c, ConfigJson.fromJson(json));
        ModelConfig over = ConfigJson.applyOverrides(Presets.get("sparse-mixer-tiny"),
                Map.of("routing_algorithm", "Round-Robin"));
        assertEquals(RoutingAlgorithm.of(RoundRobinRouting.NAME), over.routingAlgorithm());
        assertEquals(1.0, ModelSize.expertsPerToken(c));
        assertEquals(2.0, ModelSize.expertsPerToken(c.toBuilder().routingAlgorithm(RoutingAlgorithm.TOKENS_CHOOSE)
                .numSelectedExperts(2).build()));
    }

    @Test
    void anUnregisteredNameIsAConfigProblemThatNamesTheKnownOnes() {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().routingAlgorithm("nobody-registered-this")
                .buildUnchecked();
        String problems = c.problems().toString();
        assertTrue(problems.contains("routing_algorithm") && problems.contains("experts-choose")
                && problems.contains("Routings.register"), problems);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MoeFeedForward(c, 1));
        assertTrue(e.getMessage().contains("nobody-registered-this"), e.getMessage());
        assertFalse(RoutingAlgorithm.of("nobody-registered-this").isDeclared());
    }

    @Test
    void theRoundRobinRulePlacesTokensAsItsDefinitionSays() {
        int g = 2;
        int t = 10;
        int e = 4;
        NDArray l = logits(g, t, e, 3);
        RoutingSpec spec = new RoutingSpec(RoutingAlgorithm.of(RoundRobinRouting.NAME), 1.0, 0, 1, false);
        RoutingPlan plan = Routings.of(spec).route(l, spec, null);
        int capacity = ExpertCapacity.capacity(1.0, t, e, 0); // rint(2.5) = 2
        assertEquals(2, capacity);
        assertEquals(capacity, plan.capacity());
        float[] probs = l.softmax(-1).toFloatArray();
        int left = 0;
        for (int gi = 0; gi < g; gi++) {
            for (int ti = 0; ti < t; ti++) {
                int group = gi;
                int token = ti;
                List<Assignment> own = plan.assignments().stream().filter(x -> x.group() == group && x.token() == token)
                        .toList();
                assertEquals(1, own.size(), "one pairing per token");
                Assignment a = own.get(0);
                assertEquals(ti % e, a.expert());
                assertEquals(ti / e, a.slot());
                assertEquals(ti / e >= capacity, a.dropped());
                assertEquals(probs[(gi * t + ti) * e + ti % e], a.weight());
                left += a.dropped() ? 1 : 0;
            }
        }
        assertEquals((double) left / (g * t), plan.fractionLeftBehind(), 1e-12);
        assertEquals(0f, plan.auxLoss().getFloat(), "no top-k choices, no load-balancing loss");
        assertEquals(RouterLosses.zLoss(l, null).getFloat(), plan.zLoss().getFloat());
    }

    /** A rule that records top-1 choices gets the same load-balancing loss as tokens-choose top-1. */
    @Test
    void recordedChoicesBringTheLoadBalancingLoss() {
        AbstractRouting topOneAnyCapacity = new AbstractRouting() {
            @Override
            protected RoutingTable decide(RoutingProblem p) {
                RoutingTable.Builder b = p.newTable();
                for (int gi = 0; gi < p.groups(); gi++) {
                    for (int ti = 0; ti < p.tokens(); ti++) {
                        int best = 0;
                        for (int ei = 1; ei < p.experts(); ei++) {
                            best = p.probability(gi, ti, ei) > p.probability(gi, ti, best) ? ei : best;
                        }
                        b.choose(gi, ti, best);
                        b.offer(gi, ti, best, 0, p.probability(gi, ti, best));
                    }
                }
                return b.build();
            }
        };
        NDArray l = logits(1, 12, 3, 5);
        RoutingSpec spec = new RoutingSpec(RoutingAlgorithm.TOKENS_CHOOSE, 1.0, 0, 1, false);
        RoutingPlan mine = topOneAnyCapacity.route(l, spec, null);
        RoutingPlan reference = TokensChooseRouting.INSTANCE.route(l, spec, null);
        assertEquals(reference.auxLoss().getFloat(), mine.auxLoss().getFloat(), 1e-7);
        assertEquals(reference.assignments(), mine.assignments());
    }

    @Test
    void theBuilderRefusesTakenSlotsExcludedTokensAndWrongShapes() {
        RoutingTable.Builder b = RoutingTable.builder(1, 4, 2, 2);
        b.place(0, 1, 0, 0, 0, 0.5f);
        assertThrows(IllegalArgumentException.class, () -> b.place(0, 2, 0, 0, 0, 0.5f));
        assertThrows(IndexOutOfBoundsException.class, () -> b.offer(0, 4, 0, 0, 0.5f));
        assertTrue(b.offer(0, 2, 0, 0, 0.4f));
        assertFalse(b.offer(0, 3, 0, 0, 0.3f), "expert 0 is full after two tokens");
        RoutingTable table = b.build();
        assertEquals(List.of(1, 2), table.assignments().stream().filter(a -> !a.dropped()).map(Assignment::token)
                .toList());
        RoutingTable.Builder excluded = RoutingTable.builder(1, 4, 2, 2).routable(new boolean[] {true, false, true, true});
        excluded.offer(0, 1, 1, 0, 0.2f);
        assertThrows(IllegalStateException.class, excluded::build);
        AbstractRouting wrongShape = new AbstractRouting() {
            @Override
            protected RoutingTable decide(RoutingProblem p) {
                return RoutingTable.builder(p.groups(), p.tokens(), p.experts(), p.capacity() + 1).build();
            }
        };
        RoutingSpec spec = new RoutingSpec(RoutingAlgorithm.EXPERTS_CHOOSE, 1.0, 1, 1, false);
        assertThrows(IllegalStateException.class, () -> wrongShape.route(logits(1, 4, 2, 1), spec, null));
    }
}
