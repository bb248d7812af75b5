package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;

/**
 * The eight arrays of one multi-head self-attention sublayer (SPEC 1.4). Kernels map inputs to
 * outputs ({@code y = x · kernel + bias}); in the query, key and value outputs, feature {@code
 * h · (d / heads) + j} is feature j of head h.
 *
 * @param queryKernel {@code [D_MODEL, D_MODEL]}
 * @param queryBias {@code [D_MODEL]}
 * @param keyKernel {@code [D_MODEL, D_MODEL]}
 * @param keyBias {@code [D_MODEL]}
 * @param valueKernel {@code [D_MODEL, D_MODEL]}
 * @param valueBias {@code [D_MODEL]}
 * @param outKernel {@code [D_MODEL, D_MODEL]}, applied to the concatenated heads
 * @param outBias {@code [D_MODEL]}
 */
public record AttentionWeights(
        NDArray queryKernel,
        NDArray queryBias,
        NDArray keyKernel,
        NDArray keyBias,
        NDArray valueKernel,
        NDArray valueBias,
        NDArray outKernel,
        NDArray outBias) {}
