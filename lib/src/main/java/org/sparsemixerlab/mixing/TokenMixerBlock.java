package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import java.util.function.Function;

/**
 * Common frame of the non-attention token mixers (SPEC 1.4): input validation, the optional
 * ignored token mask, shape inference and the per-device constants.
 *
 * <p>Input: {@code NDList(x)} or {@code NDList(x, tokenMask)}, x {@code [BATCH, SEQ, D_MODEL]}
 * with SEQ exactly the configured {@code max_seq_length} (the learned mixers have SEQ-dependent
 * parameters, and the reference pads every input to that length). The mask is accepted so an
 * encoder can call every mixer like attention, and ignored: only attention masks padding.
 * Output: {@code NDList(y)}, y {@code [BATCH, SEQ, D_MODEL]}.
 */
public abstract class TokenMixerBlock extends AbstractBlock {
    /** Name of the sequence-axis parameter of the learned mixers. */
    public static final String INPUT_KERNEL = "input_kernel";
    /** Name of the hidden-axis parameter of the learned mixers. */
    public static final String HIDDEN_KERNEL = "hidden_kernel";
    /** Standard deviation of the normal initialisation of every learned mixing parameter. */
    public static final float INIT_STDDEV = 0.02f;

    private final int maxSeqLength;
    private final int dModel;
    private final DeviceConstants constants;

    /**
     * @param maxSeqLength L, the only accepted sequence length
     * @param dModel d, the hidden width
     * @param constantFactory builds the block's constants in a given manager, or null for none
     */
    protected TokenMixerBlock(
            int maxSeqLength,
            int dModel,
            Function<NDManager, NDList> constantFactory) {
        if (maxSeqLength < 1 || dModel < 1) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + " needs max_seq_length >= 1 and d_model >= 1, but"
                            + " received max_seq_length=" + maxSeqLength + ", d_model=" + dModel
                            + ".");
        }
        this.maxSeqLength = maxSeqLength;
        this.dModel = dModel;
        this.constants = constantFactory == null ? null : new DeviceConstants(constantFactory);
    }

    /** L, the sequence length this block accepts. */
    public int maxSeqLength() {
        return maxSeqLength;
    }

    /** d, the hidden width this block accepts. */
    public int dModel() {
        return dModel;
    }

    /** Registers a learned N(0, 0.02) mixing parameter of the given shape. */
    protected final Parameter addMixingParameter(String name, Shape shape) {
        return addParameter(
                Parameter.builder()
                        .setName(name)
                        .setType(Parameter.Type.WEIGHT)
                        .optShape(shape)
                        .optInitializer(new NormalInitializer(INIT_STDDEV))
                        .build());
    }

    /**
     * The mixing itself.
     *
     * @param parameterStore where the learned parameters are read
     * @param x {@code [BATCH, SEQ, D_MODEL]}, already validated
     * @param constants this block's constants on x's device and type, or null if it has none
     * @param training whether this is a training pass
     * @return {@code [BATCH, SEQ, D_MODEL]}
     */
    protected abstract NDArray mix(
            ParameterStore parameterStore, NDArray x, NDList constants, boolean training);

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + " expects NDList(x) or NDList(x, tokenMask), but"
                            + " received " + inputs.size() + " arrays.");
        }
        NDArray x = inputs.get(0);
        checkInputShape(x.getShape());
        NDList cached = constants == null
                ? null
                : constants.forInput(x, parameterStore.getManager());
        return new NDList(mix(parameterStore, x, cached, training));
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

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        if (constants != null) {
            constants.setOwner(manager);
        }
    }

    /** Throws unless the shape is {@code [BATCH, max_seq_length, d_model]}. */
    protected final void checkInputShape(Shape shape) {
        if (shape.dimension() != 3 || shape.get(1) != maxSeqLength || shape.get(2) != dModel) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + " expects x of shape [BATCH, SEQ=" + maxSeqLength
                            + ", D_MODEL=" + dModel + "], but received " + shape + ". Pad or"
                            + " truncate every sequence to exactly max_seq_length=" + maxSeqLength
                            + ": mixers have sequence-length-dependent parameters (SPEC 1.4, 6).");
        }
    }

    /**
     * Throws a clear message unless {@code array} has exactly the expected shape.
     *
     * @param mixer the mixer's name, for the message
     * @param name the argument's name, for the message
     */
    static void requireShape(NDArray array, Shape expected, String mixer, String name) {
        if (!array.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    mixer + ": " + name + " must have shape " + expected + " for the given x, but"
                            + " received " + array.getShape() + ".");
        }
    }

    /** Reads a learned parameter's value on x's device. */
    protected static NDArray valueOf(
            ParameterStore store, Parameter parameter, NDArray x, boolean training) {
        return store.getValue(parameter, x.getDevice(), training);
    }
}
