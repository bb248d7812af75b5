package org.sparsemixerlab.ablation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sparsemixerlab.config.ConfigJson;

/**
 * A fingerprint of a study's content (name, base, overrides, variants, seeds, budget, fine-tuning,
 * speed probe): SHA-256 of its JSON with map keys sorted, so the same study written with other
 * spacing or key order has the same hash and any change to what the rows compute gives another.
 */
public final class StudyHash {
    private static final ObjectMapper SORTED = ConfigJson.mapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private StudyHash() {}

    /** The hex SHA-256 of the study's canonical JSON. */
    public static String of(StudySpec spec) {
        try {
            byte[] json = SORTED.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write study " + spec.name() + " as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
