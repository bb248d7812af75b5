/**
 * The encoder model: embeddings, encoder blocks following the layer map, pooler, pre-training and
 * classification heads, their losses, and model-level save/load and device selection.
 */
package org.sparsemixerlab.model;
