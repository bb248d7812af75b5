/**
 * Real data for MLM+NSP pretraining and fine-tuning: locating and verifying the committed files
 * under {@code datasets/}, the BERT-uncased WordPiece tokenizer, pretraining and classification
 * examples (SPEC 3.2, 3.3), batches as DJL {@code NDList}s, a seeded resumable shuffler and a
 * prefetching iterator.
 *
 * <p>Start with {@link org.sparsemixerlab.data.DatasetsDirectory#locate()}; every file read through
 * it is checked against {@code datasets/SHA256SUMS} and described by a
 * {@link org.sparsemixerlab.data.DatasetFingerprint} for the run records.
 */
package org.sparsemixerlab.data;
