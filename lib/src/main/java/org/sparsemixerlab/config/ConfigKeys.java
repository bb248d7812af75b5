package org.sparsemixerlab.config;

import static org.sparsemixerlab.config.ConfigKey.Range.ANY;
import static org.sparsemixerlab.config.ConfigKey.Range.NON_NEGATIVE_FINITE;
import static org.sparsemixerlab.config.ConfigKey.Range.NOT_NULL;
import static org.sparsemixerlab.config.ConfigKey.Range.POSITIVE;
import static org.sparsemixerlab.config.ConfigKey.Range.POSITIVE_FINITE;
import static org.sparsemixerlab.config.ConfigKey.Range.PROBABILITY;
import static org.sparsemixerlab.config.ConfigKey.Range.UNIT_INTERVAL;
import static org.sparsemixerlab.config.ConfigKey.Section.MIXING;
import static org.sparsemixerlab.config.ConfigKey.Section.MOE;
import static org.sparsemixerlab.config.ConfigKey.Section.REGULARISATION;
import static org.sparsemixerlab.config.ConfigKey.Section.RUN;
import static org.sparsemixerlab.config.ConfigKey.Section.SHAPE;
import static org.sparsemixerlab.config.ConfigKey.When.ALWAYS;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemixerlab.config.ConfigKey.Range;
import org.sparsemixerlab.config.ConfigKey.Section;
import org.sparsemixerlab.config.ConfigKey.When;

/**
 * The table of configuration keys, in {@link ModelConfig}'s component order: the one place that
 * states each key's name, type, default, range and meaning. Defaults ({@link ModelConfig#defaults()}),
 * the builder, the JSON form ({@link ConfigJson}), per-key validation, the {@code %smconfig --keys}
 * listing and the key reference ({@link #markdown()}) all read it.
 *
 * <p>Adding a knob: one entry here plus a record component of the same name in {@link ModelConfig}
 * (checked when this class loads), then its use. Cross-key rules (num_heads divides d_model, k at
 * most num_experts, ...) stay in {@code ConfigValidator}.
 */
public final class ConfigKeys {

    /** Every key, in record order. */
    public static final List<ConfigKey> ALL = List.of(
            key("architecture", Architecture.class, Architecture.LINEAR, NOT_NULL, ALWAYS, SHAPE,
                    "mixer of the non-attention layers (BERT: attention in every layer)", ""),
            key("vocab_size", int.class, 30522, POSITIVE, ALWAYS, SHAPE,
                    "word-piece vocabulary size V (BERT uncased; smaller values use a compact vocabulary)",
                    "the tokenizer's vocabulary size"),
            key("d_emb", int.class, 512, POSITIVE, ALWAYS, SHAPE, "embedding width d_e", ""),
            key("d_model", int.class, 512, POSITIVE, ALWAYS, SHAPE, "hidden width d", ""),
            key("d_ff", int.class, 2048, POSITIVE, ALWAYS, SHAPE, "inner width of the dense feed-forward", ""),
            key("num_heads", int.class, 8, ANY, ALWAYS, MIXING, "attention heads (a divisor of d_model)", ""),
            key("num_layers", int.class, 14, POSITIVE, ALWAYS, SHAPE, "encoder blocks N", ""),
            key("max_seq_length", int.class, 512, POSITIVE, ALWAYS, SHAPE,
                    "sequence length L; every input is padded to it", ""),
            key("type_vocab_size", int.class, 4, POSITIVE, ALWAYS, SHAPE, "number of segment (type) ids",
                    "use at least 2 for sentence pairs"),
            key("dropout_rate", double.class, 0.1, PROBABILITY, ALWAYS, REGULARISATION,
                    "dropout after the embedding projection and the dense feed-forward", "0 turns dropout off."),
            key("mixing_dropout_rate", double.class, 0.1, PROBABILITY, ALWAYS, REGULARISATION,
                    "dropout on attention probabilities", "0 turns dropout off."),
            key("expert_dropout_rate", double.class, 0.1, PROBABILITY, ALWAYS, REGULARISATION,
                    "dropout on each expert's output (0.2 when fine-tuning)", "0 turns dropout off."),
            key("use_fft", boolean.class, false, ANY, ALWAYS, MIXING,
                    "Fourier/Hartley/circulant/Toeplitz mixing by FFT instead of matrix products", ""),
            key("attention_layout", LayerLayout.class, LayerLayout.TOP, NOT_NULL, When.NOT_BERT, MIXING,
                    "where the attention layers go", ""),
            key("num_attention_layers", int.class, 4, ANY, ALWAYS, MIXING,
                    "attention layers in a non-BERT model, 0..num_layers", ""),
            key("moe_layout", LayerLayout.class, LayerLayout.MIDDLE, NOT_NULL, ALWAYS, MOE,
                    "where the MoE layers go", ""),
            key("num_moe_layers", int.class, 4, ANY, ALWAYS, MOE, "MoE feed-forward layers, 0..num_layers", ""),
            key("num_experts", int.class, 16, ANY, When.MOE, MOE,
                    "experts per MoE layer E, at least 1 when num_moe_layers > 0", ""),
            key("expert_d_ff", int.class, 2048, POSITIVE, When.MOE, MOE, "inner width of each expert", ""),
            key("max_group_size", int.class, 4096, POSITIVE, When.MOE, MOE, "largest routing group, in tokens", ""),
            key("routing_algorithm", RoutingAlgorithm.class, RoutingAlgorithm.EXPERTS_CHOOSE, NOT_NULL, When.MOE, MOE,
                    "routing rule by name: experts-choose, tokens-choose or one registered with Routings.register",
                    ""),
            key("dispatch_form", DispatchForm.class, DispatchForm.INDEX, NOT_NULL, When.MOE, MOE,
                    "MASK (the reference's dense tensors) or INDEX (gathers; same results, faster)", ""),
            key("train_capacity_factor", double.class, 1.0, POSITIVE_FINITE, When.MOE, MOE,
                    "capacity factor in training", "1.0 is Sparse Mixer, 0.5 is Fast Sparse Mixer."),
            key("eval_capacity_factor", double.class, 1.0, POSITIVE_FINITE, When.MOE, MOE,
                    "capacity factor in evaluation", "1.0 is Sparse Mixer, 0.5 is Fast Sparse Mixer."),
            key("min_expert_capacity", int.class, 4, POSITIVE, When.MOE, MOE, "floor of the expert capacity C", ""),
            key("num_selected_experts", int.class, 1, ANY, When.MOE, MOE,
                    "k of top-k routing, 1..num_experts", ""),
            key("batch_prioritized_routing", boolean.class, true, ANY, When.MOE, MOE,
                    "tokens-choose processes tokens by descending top-1 probability", ""),
            key("auxiliary_loss_factor", double.class, 0.01, NON_NEGATIVE_FINITE, When.MOE, REGULARISATION,
                    "weight of the load-balancing loss", "0 turns the loss term off."),
            key("router_z_loss_factor", "router_zloss_factor", double.class, 1e-4, NON_NEGATIVE_FINITE, When.MOE,
                    REGULARISATION, "weight of the router z-loss", "0 turns the loss term off."),
            key("jitter_noise", double.class, 0.0, UNIT_INTERVAL, When.MOE, REGULARISATION,
                    "multiplicative jitter U(1 - eps, 1 + eps) on router inputs in training",
                    "Jitter multiplies router inputs by U(1 - eps, 1 + eps); 0 turns it off."),
            key("exclude_padding_from_routing", boolean.class, false, ANY, When.MOE, MOE,
                    "keep padding out of routing (no capacity, no expert); the reference routes padding", ""),
            key("seed", long.class, 0L, ANY, ALWAYS, RUN, "seed of initialisation, dropout and data order", ""));

    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();
    private static final Method[] ACCESSORS;
    private static final Constructor<ModelConfig> CONSTRUCTOR;

    static {
        RecordComponent[] components = ModelConfig.class.getRecordComponents();
        if (components.length != ALL.size()) {
            throw new IllegalStateException("ConfigKeys lists " + ALL.size() + " keys but ModelConfig has "
                    + components.length + " components; add the entry and the record component together.");
        }
        ACCESSORS = new Method[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            ConfigKey k = ALL.get(i);
            if (!components[i].getName().equals(k.component()) || components[i].getType() != k.type()) {
                throw new IllegalStateException("ConfigKeys entry " + i + " (" + k.key() + ", " + k.type().getSimpleName()
                        + ") does not match ModelConfig component " + components[i].getName() + " ("
                        + components[i].getType().getSimpleName() + "); keep them in the same order.");
            }
            ACCESSORS[i] = components[i].getAccessor();
            types[i] = components[i].getType();
            BY_NAME.put(k.key(), k);
            BY_NAME.put(k.jsonName(), k);
            BY_NAME.put(k.component(), k);
        }
        try {
            CONSTRUCTOR = ModelConfig.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ModelConfig has no canonical constructor", e);
        }
    }

    private ConfigKeys() {}

    private static ConfigKey key(String key, Class<?> type, Object def, Range range, When when, Section section,
            String description, String hint) {
        return key(key, key, type, def, range, when, section, description, hint);
    }

    private static ConfigKey key(String key, String json, Class<?> type, Object def, Range range, When when,
            Section section, String description, String hint) {
        return new ConfigKey(key, json, type, def, range, when, section, description, hint);
    }

    /**
     * The key with this name: snake_case, its JSON spelling, camelCase or kebab-case.
     *
     * @return null when there is none
     */
    public static ConfigKey find(String name) {
        ConfigKey exact = BY_NAME.get(name.trim());
        return exact != null ? exact : BY_NAME.get(normalize(name));
    }

    /** The snake_case key names, in record order. */
    public static List<String> names() {
        return ALL.stream().map(ConfigKey::key).toList();
    }

    /** camelCase or kebab-case to snake_case. */
    static String normalize(String key) {
        String k = key.trim().replace('-', '_');
        return k.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The default values, in record order. */
    static Object[] defaultValues() {
        Object[] v = new Object[ALL.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ALL.get(i).defaultValue();
        }
        return v;
    }

    /** The values of {@code c}, in record order. */
    static Object[] values(ModelConfig c) {
        Object[] v = new Object[ALL.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(c, i);
        }
        return v;
    }

    /** The value of key {@code i} of {@code c}. */
    static Object value(ModelConfig c, int i) {
        try {
            return ACCESSORS[i].invoke(c);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + ALL.get(i).key(), e);
        }
    }

    /** The value of one key of {@code c}. */
    public static Object value(ModelConfig c, ConfigKey key) {
        return value(c, ALL.indexOf(key));
    }

    /** A configuration from values in record order (not validated). */
    static ModelConfig construct(Object[] values) {
        try {
            return CONSTRUCTOR.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build a ModelConfig from " + java.util.Arrays.toString(values), e);
        }
    }

    /** The per-key range problems of {@code c} (cross-key rules are the validator's). */
    static List<ConfigError> rangeProblems(ModelConfig c) {
        List<ConfigError> out = new ArrayList<>();
        for (int i = 0; i < ALL.size(); i++) {
            ConfigKey k = ALL.get(i);
            boolean applies = switch (k.when()) {
                case ALWAYS -> true;
                case NOT_BERT -> c.architecture() != Architecture.BERT;
                case MOE -> c.numMoeLayers() > 0;
            };
            Object v = value(c, i);
            if (applies && !k.range().accepts(v)) {
                out.add(new ConfigError(k.key(), String.valueOf(v), k.allowed(), k.hint()));
            }
        }
        return out;
    }

    /** Rows of the key listing: key, type, default, allowed, description, grouped by section. */
    public static List<List<String>> listing() {
        List<List<String>> rows = new ArrayList<>();
        for (Section s : Section.values()) {
            for (ConfigKey k : ALL) {
                if (k.section() == s) {
                    rows.add(List.of(k.key(), s.title(), k.typeName(), k.defaultText(), k.allowed(), k.description()));
                }
            }
        }
        return Collections.unmodifiableList(rows);
    }

    /** The key reference as a Markdown table (what {@code lib/config-keys.md} holds). */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Configuration keys\n\n")
                .append("Generated from `org.sparsemixerlab.config.ConfigKeys` (the one table of keys); ")
                .append("`ConfigKeysTest` fails when this file and the table differ. Defaults are the ")
                .append("Sparse Mixer Base values. In notebooks: `%smconfig --keys`.\n\n")
                .append("| key | group | type | default | allowed | description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (List<String> row : listing()) {
            b.append("| `").append(row.get(0)).append("` |");
            for (int i = 1; i < row.size(); i++) {
                b.append(' ').append(row.get(i).replace("|", "\\|")).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
