package org.sparsemixerlab.data;

import java.util.List;

/**
 * One document of the pretraining corpus: consecutive lines (sentences or paragraphs).
 *
 * @param id {@code <source>-<split>#<index>}, e.g. {@code austen-train#12}
 * @param lines the lines in order, none empty
 */
public record CorpusDocument(String id, List<String> lines) {}
