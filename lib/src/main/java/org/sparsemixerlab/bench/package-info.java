/**
 * Benchmarks that measure contenders side by side in one run and print ratios; never timed
 * assertions.
 */
package org.sparsemixerlab.bench;
