/**
 * Small NDArray building blocks shared by the model packages that DJL does not provide in a form
 * that is safe for training (see {@link org.sparsemixerlab.tensor.ScalarArithmetic}).
 */
package org.sparsemixerlab.tensor;
