/**
 * Benchmarks that measure contenders side by side in one run and print ratios; never timed
 * assertions.
 *
 * <p>{@link org.sparsemixerlab.bench.BaseScaleBenchmark} is the paper's comparison (training steps
 * of the real training loop and inference, interleaved, with the measured matmul peak, model FLOPs
 * utilisation and a per-sublayer breakdown, JSON and text); {@link
 * org.sparsemixerlab.bench.NativeMemoryCheck} follows resident memory and live NDArrays over a long
 * training run. The older single-purpose benchmarks time one mixing layer ({@code
 * MixingBenchmark}), whole encoders without optimizer ({@code EncoderBenchmark}) and one MoE layer
 * ({@code MoeLayerBenchmark}).
 */
package org.sparsemixerlab.bench;
