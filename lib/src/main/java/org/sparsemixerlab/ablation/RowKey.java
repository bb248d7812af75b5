package org.sparsemixerlab.ablation;

/**
 * Identifies one row of a study: a variant trained with one seed.
 *
 * @param variant the variant's name
 * @param seed the seed
 */
public record RowKey(String variant, int seed) {

    /** The row file's name inside {@code rows/}: {@code <variant>__seed-<s>.json}. */
    public String fileName() {
        return variant + "__seed-" + seed + ".json";
    }

    /** The run folder relative to the study's output folder: {@code runs/<variant>/seed-<s>}. */
    public String runFolder() {
        return "runs/" + variant + "/seed-" + seed;
    }

    @Override
    public String toString() {
        return variant + " seed " + seed;
    }
}
