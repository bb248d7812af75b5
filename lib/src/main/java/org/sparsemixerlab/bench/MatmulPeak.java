package org.sparsemixerlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.moe.ExpertCapacity;

/**
 * The machine's float32 matrix-product speed at the GEMM shapes a model really runs (feed-forward,
 * projections, linear mixing along the sequence, attention scores, batched experts), measured
 * interleaved. The best of them is the "measured peak" that model FLOPs utilisation refers to.
 */
public final class MatmulPeak {

    /**
     * One product shape and its speed.
     *
     * @param shape {@code [batch x] m x k times k x n}
     * @param gflops multiply-add counted as 2, per second, at the median time
     * @param bestGflops the same at the fastest repetition (the machine's limit when it is shared)
     * @param medianMs median wall time
     */
    public record Result(String shape, double gflops, double bestGflops, double medianMs) {}

    private MatmulPeak() {}

    /** The model's GEMM shapes for {@code batch} sequences: label to (batch, m, k, n). */
    public static Map<String, long[]> shapes(ModelConfig c, int batch) {
        long tokens = (long) batch * c.maxSeqLength();
        long d = c.dModel();
        long len = c.maxSeqLength();
        Map<String, long[]> s = new LinkedHashMap<>();
        // labels carry the sizes, so that maps of several models merge without losing a shape
        put(s, "projection [B*L,d]x[d,d]", 1, tokens, d, d);
        put(s, "FF in [B*L,d]x[d,d_ff]", 1, tokens, d, c.dFf());
        put(s, "FF out [B*L,d_ff]x[d_ff,d]", 1, tokens, c.dFf(), d);
        put(s, "seq mixing [L,L]x[L,B*d]", 1, len, len, batch * d);
        long heads = Math.max(1, c.numHeads());
        put(s, "attention scores [B*h][L,dh]x[dh,L]", batch * heads, len, d / heads, len);
        if (c.numExperts() > 0) {
            int groups = ExpertCapacity.numGroups((int) tokens, c.maxGroupSize());
            int perGroup = (int) (tokens / groups);
            int cap = ExpertCapacity.capacity(c.capacityFactor(true), perGroup, c.numExperts(), c.minExpertCapacity());
            put(s, "experts [E][G*C,d]x[d,F]", c.numExperts(), (long) groups * cap, d, c.expertDFf());
        }
        return s;
    }

    private static void put(Map<String, long[]> s, String what, long batch, long m, long k, long n) {
        s.put(String.format(java.util.Locale.ROOT, "%s %s%dx%dx%d", what, batch == 1 ? "" : batch + "*", m, k, n),
                new long[] {batch, m, k, n});
    }

    /** Measures the given shapes (label to batch, m, k, n, as {@link #shapes} gives them). */
    public static List<Result> measure(NDManager manager, Map<String, long[]> shapes, int warmup, int reps) {
        List<Stopwatch.Contender> contenders = new ArrayList<>();
        List<Double> flops = new ArrayList<>();
        try (NDManager operands = manager.newSubManager()) {
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long[] bmkn = e.getValue();
                Shape left = bmkn[0] == 1 ? new Shape(bmkn[1], bmkn[2]) : new Shape(bmkn[0], bmkn[1], bmkn[2]);
                Shape right = bmkn[0] == 1 ? new Shape(bmkn[2], bmkn[3]) : new Shape(bmkn[0], bmkn[2], bmkn[3]);
                NDArray a = operands.randomNormal(left);
                NDArray b = operands.randomNormal(right);
                flops.add(2.0 * bmkn[0] * bmkn[1] * bmkn[2] * bmkn[3]);
                contenders.add(new Stopwatch.Contender(e.getKey(), 0, () -> a.matMul(b).flatten().getFloat(0)));
            }
            List<Measurement> m = Stopwatch.interleaved(contenders, warmup, reps);
            List<Result> out = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                out.add(new Result(m.get(i).name(), flops.get(i) / (m.get(i).medianMs() / 1000) / 1e9,
                        flops.get(i) / (m.get(i).minMs() / 1000) / 1e9, m.get(i).medianMs()));
            }
            return out;
        }
    }

    /**
     * The measured peak in GFLOP/s: the fastest shape at its fastest repetition. Using the best
     * repetition keeps background load on a shared machine from lowering the peak (which would
     * inflate utilisation).
     */
    public static double peak(List<Result> results) {
        return results.stream().mapToDouble(Result::bestGflops).max().orElse(Double.NaN);
    }
}
