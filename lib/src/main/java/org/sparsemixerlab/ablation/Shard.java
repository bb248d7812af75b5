package org.sparsemixerlab.ablation;

/**
 * One of {@code count} disjoint parts of a study's ordered row list: row {@code k} (0-based)
 * belongs to shard {@code (k % count) + 1}. Shards run in separate processes or machines and
 * write disjoint row files, so their output folders merge by copying.
 *
 * @param index 1-based shard number, 1 &lt;= index &lt;= count
 * @param count number of shards, at least 1
 */
public record Shard(int index, int count) {
    /** The whole study in one shard. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, received " + index + "/" + count
                    + "; e.g. --shard 2/3 runs the second of three shards");
        }
    }

    /** Parses {@code "i/n"}, e.g. {@code "2/3"}. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("expected a shard as i/n (e.g. 2/3: the second of three shards), "
                    + "received '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash).strip()),
                    Integer.parseInt(t.substring(slash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a shard as i/n with whole numbers (e.g. 2/3), received '"
                    + text + "'", e);
        }
    }

    /** Whether row {@code k} (0-based position in the study's row order) belongs to this shard. */
    public boolean owns(int k) {
        return k % count + 1 == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
