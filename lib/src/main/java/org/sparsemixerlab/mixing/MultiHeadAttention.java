package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.sparsemixerlab.tensor.ScalarArithmetic;

/**
 * Multi-head self-attention, the attention sublayer of SPEC 1.4 (Flax {@code SelfAttention} in
 * the reference).
 *
 * <p>With h heads of width {@code d / h}: {@code Q, K, V = x W_q + b_q, x W_k + b_k, x W_v +
 * b_v}; per head {@code logits = (Q / sqrt(d / h)) K^T}; pairs where the query or the key is
 * padding get the most negative finite float32 ({@code -Float.MAX_VALUE}); {@code P =
 * softmax(logits)} over keys; in training, dropout with rate {@code mixing_dropout_rate} on P
 * with one {@code [1, 1, SEQ, SEQ]} mask shared by the whole batch and all heads (Flax {@code
 * broadcast_dropout}); output {@code concat_heads(P V) W_o + b_o}.
 *
 * <ul>
 *   <li>parameters: {@code query_kernel, key_kernel, value_kernel, out_kernel} {@code [D_MODEL,
 *       D_MODEL]}, N(0, 0.02); {@code query_bias, key_bias, value_bias, out_bias} {@code
 *       [D_MODEL]}, zero
 *   <li>input: {@code NDList(x)} with x {@code [BATCH, SEQ, D_MODEL]}, attending everywhere, or
 *       {@code NDList(x, tokenMask)} with tokenMask {@code [BATCH, SEQ]}, 1 for real tokens and
 *       0 for padding. Any SEQ is accepted.
 *   <li>output: {@code NDList(y)}, y {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public class MultiHeadAttention extends AbstractBlock {
    private static final String[] PROJECTIONS = {"query", "key", "value", "out"};

    private final int dModel;
    private final int numHeads;
    private final float dropoutRate;
    private final Parameter[] kernels = new Parameter[PROJECTIONS.length];
    private final Parameter[] biases = new Parameter[PROJECTIONS.length];

    /**
     * @param dModel d, the input and output width
     * @param numHeads h; must divide d
     * @param dropoutRate dropout rate on the attention probabilities in training, in [0, 1)
     */
    public MultiHeadAttention(int dModel, int numHeads, double dropoutRate) {
        if (numHeads < 1 || dModel < 1 || dModel % numHeads != 0) {
            throw new IllegalArgumentException(
                    "MultiHeadAttention needs num_heads >= 1 dividing d_model, but received"
                            + " d_model=" + dModel + ", num_heads=" + numHeads + "; choose a"
                            + " num_heads that divides d_model (head width d_model / num_heads).");
        }
        if (!(dropoutRate >= 0 && dropoutRate < 1)) {
            throw new IllegalArgumentException(
                    "MultiHeadAttention needs a dropout rate in [0, 1), but received "
                            + dropoutRate + ".");
        }
        this.dModel = dModel;
        this.numHeads = numHeads;
        this.dropoutRate = (float) dropoutRate;
        for (int i = 0; i < PROJECTIONS.length; i++) {
            kernels[i] = addParameter(
                    Parameter.builder()
                            .setName(PROJECTIONS[i] + "_kernel")
                            .setType(Parameter.Type.WEIGHT)
                            .optShape(new Shape(dModel, dModel))
                            .optInitializer(new NormalInitializer(TokenMixerBlock.INIT_STDDEV))
                            .build());
            biases[i] = addParameter(
                    Parameter.builder()
                            .setName(PROJECTIONS[i] + "_bias")
                            .setType(Parameter.Type.BIAS)
                            .optShape(new Shape(dModel))
                            .build());
        }
    }

    /** d, the input and output width. */
    public int dModel() {
        return dModel;
    }

    /** h, the number of heads. */
    public int numHeads() {
        return numHeads;
    }

    /** The dropout rate on attention probabilities in training. */
    public float dropoutRate() {
        return dropoutRate;
    }

    /**
     * The attention math for a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]}
     * @param tokenMask {@code [BATCH, SEQ]}, 1 real token and 0 padding; null attends everywhere
     * @param weights the projections
     * @param numHeads h, dividing D_MODEL
     * @param dropoutMultiplier null for no dropout, else {@code keep / (1 - rate)} of shape {@code
     *     [1, 1, SEQ, SEQ]} (or anything broadcastable to {@code [BATCH, HEADS, SEQ, SEQ]})
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    public static NDArray attend(
            NDArray x,
            NDArray tokenMask,
            AttentionWeights weights,
            int numHeads,
            NDArray dropoutMultiplier) {
        long batch = x.getShape().get(0);
        long seq = x.getShape().get(1);
        long width = x.getShape().get(2);
        NDArray q = splitHeads(x.matMul(weights.queryKernel()).add(weights.queryBias()), numHeads);
        NDArray k = splitHeads(x.matMul(weights.keyKernel()).add(weights.keyBias()), numHeads);
        NDArray v = splitHeads(x.matMul(weights.valueKernel()).add(weights.valueBias()), numHeads);
        NDArray probs = probabilities(q, k, tokenMask); // [B, H, L, L]
        if (dropoutMultiplier != null) {
            probs = probs.mul(dropoutMultiplier);
        }
        NDArray heads = probs.matMul(v); // [B, H, L, d/H]
        NDArray joined = heads.transpose(0, 2, 1, 3).reshape(batch, seq, width); // [B, L, d]
        return joined.matMul(weights.outKernel()).add(weights.outBias());
    }

    /**
     * Masked attention probabilities.
     *
     * @param q queries {@code [BATCH, HEADS, SEQ, HEAD_DIM]} (not yet scaled)
     * @param k keys {@code [BATCH, HEADS, SEQ, HEAD_DIM]}
     * @param tokenMask {@code [BATCH, SEQ]}, 1 real and 0 padding, or null for no mask
     * @return {@code [BATCH, HEADS, SEQ_Q, SEQ_K]}, softmax over the last axis
     */
    public static NDArray probabilities(NDArray q, NDArray k, NDArray tokenMask) {
        long headDim = q.getShape().get(3);
        NDArray logits = ScalarArithmetic.mul(q, 1.0 / Math.sqrt(headDim)).matMul(k.transpose(0, 1, 3, 2));
        if (tokenMask != null) {
            long batch = tokenMask.getShape().get(0);
            long seq = tokenMask.getShape().get(1);
            NDArray real = tokenMask.gt(0.5);
            // allowed[b, 0, q, k] = real[b, q] AND real[b, k]
            NDArray allowed = real.reshape(batch, 1, seq, 1)
                    .logicalAnd(real.reshape(batch, 1, 1, seq))
                    .broadcast(logits.getShape()); // DJL's where does not broadcast
            NDArray floor = logits.getManager().full(
                    logits.getShape(), -Float.MAX_VALUE, logits.getDataType());
            logits = NDArrays.where(allowed, logits, floor);
        }
        return logits.softmax(-1);
    }

    /** {@code [B, L, d]} to {@code [B, H, L, d/H]}. */
    private static NDArray splitHeads(NDArray projected, int numHeads) {
        long batch = projected.getShape().get(0);
        long seq = projected.getShape().get(1);
        long headDim = projected.getShape().get(2) / numHeads;
        return projected.reshape(batch, seq, numHeads, headDim).transpose(0, 2, 1, 3);
    }

    /**
     * A fresh broadcast dropout multiplier {@code keep / (1 - rate)} of shape {@code [1, 1, SEQ,
     * SEQ]}, with {@code keep ~ Bernoulli(1 - rate)}, in the given manager.
     */
    public static NDArray dropoutMultiplier(
            NDManager manager, long seq, float rate, DataType type) {
        float keepProbability = 1f - rate;
        NDArray uniform = manager.randomUniform(0f, 1f, new Shape(1, 1, seq, seq), type);
        return uniform.lt(keepProbability).toType(type, false).div(keepProbability);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw new IllegalArgumentException(
                    "MultiHeadAttention expects NDList(x) or NDList(x, tokenMask), but received "
                            + inputs.size() + " arrays.");
        }
        NDArray x = inputs.get(0);
        checkInputShape(x.getShape());
        NDArray tokenMask = inputs.size() == 2 ? inputs.get(1) : null;
        if (tokenMask != null) {
            Shape expected = new Shape(x.getShape().get(0), x.getShape().get(1));
            if (!tokenMask.getShape().equals(expected)) {
                throw new IllegalArgumentException(
                        "MultiHeadAttention expects tokenMask of shape [BATCH, SEQ] = " + expected
                                + " (1 real token, 0 padding), but received "
                                + tokenMask.getShape() + ".");
            }
        }
        NDArray[] values = new NDArray[2 * PROJECTIONS.length];
        for (int i = 0; i < PROJECTIONS.length; i++) {
            values[2 * i] = parameterStore.getValue(kernels[i], x.getDevice(), training);
            values[2 * i + 1] = parameterStore.getValue(biases[i], x.getDevice(), training);
        }
        AttentionWeights weights = new AttentionWeights(
                values[0], values[1], values[2], values[3],
                values[4], values[5], values[6], values[7]);
        NDArray dropout = training && dropoutRate > 0
                ? dropoutMultiplier(x.getManager(), x.getShape().get(1), dropoutRate,
                        x.getDataType())
                : null;
        return new NDList(attend(x, tokenMask, weights, numHeads, dropout));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        checkInputShape(inputShapes[0]);
    }

    private void checkInputShape(Shape shape) {
        if (shape.dimension() != 3 || shape.get(2) != dModel) {
            throw new IllegalArgumentException(
                    "MultiHeadAttention expects x of shape [BATCH, SEQ, D_MODEL=" + dModel
                            + "], but received " + shape + ".");
        }
    }
}
