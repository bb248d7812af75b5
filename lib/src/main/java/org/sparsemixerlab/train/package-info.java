/**
 * Training: AdamW with the reference schedule, global-norm clipping, the training loop with
 * listeners, evaluation, checkpoints that resume exactly, and run provenance.
 */
package org.sparsemixerlab.train;
