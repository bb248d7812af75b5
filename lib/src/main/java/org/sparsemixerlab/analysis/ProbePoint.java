package org.sparsemixerlab.analysis;

/**
 * The probe set's routing at one point of training.
 *
 * @param step training step of the checkpoint
 * @param topExpert each probe token's top expert per MoE layer {@code [LAYERS][N]}
 * @param load probe tokens whose top expert is e, per MoE layer {@code [LAYERS][E]}
 */
public record ProbePoint(long step, int[][] topExpert, long[][] load) {

    /** The point of a routed probe sample. */
    public static ProbePoint of(long step, RoutingSample sample) {
        int layers = sample.layers().size();
        int[][] top = new int[layers][];
        long[][] load = new long[layers][];
        for (int l = 0; l < layers; l++) {
            LayerRouting r = sample.layers().get(l);
            top[l] = r.topExpert();
            load[l] = loads(top[l], r.experts());
        }
        return new ProbePoint(step, top, load);
    }

    /** Tokens per expert of a top-expert array. */
    public static long[] loads(int[] topExpert, int experts) {
        long[] n = new long[experts];
        for (int e : topExpert) {
            n[e]++;
        }
        return n;
    }
}
