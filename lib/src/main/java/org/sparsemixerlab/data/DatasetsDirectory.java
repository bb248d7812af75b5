package org.sparsemixerlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The project's {@code datasets/} folder and its checksum list {@code SHA256SUMS}.
 *
 * <p>{@link #locate()} uses the system property {@value #PROPERTY} or the environment variable
 * {@value #ENV} when set; otherwise it walks up from the working directory, and then from the folder
 * that holds this library's jar (the installed kernel folder carries a {@code datasets/} copy), until
 * it finds a {@code datasets/SHA256SUMS}. So a notebook in any folder finds the data of the kernel it
 * runs in. Every file opened
 * through {@link #openVerified(String)} is hashed and compared with the recorded SHA-256 first, so
 * a corrupt or edited file fails with a message naming the file, both hashes and the fix.
 */
public final class DatasetsDirectory {

    /** System property that points at the datasets folder (overrides the upward search). */
    public static final String PROPERTY = "sml.datasets";

    /** Environment variable that points at the datasets folder (used when {@value #PROPERTY} is unset). */
    public static final String ENV = "SML_DATASETS";

    /** Name of the checksum list inside the folder ({@code sha256sum} format). */
    public static final String SUMS_FILE = "SHA256SUMS";

    private final Path root;
    private final Map<String, String> expectedSha256;

    private DatasetsDirectory(Path root, Map<String, String> expectedSha256) {
        this.root = root;
        this.expectedSha256 = expectedSha256;
    }

    /**
     * Finds the datasets folder: {@value #PROPERTY}, then {@value #ENV}, then the working directory
     * and its parents, then the folder of this library's jar (or class folder) and its parents.
     */
    public static DatasetsDirectory locate() {
        return locate(System.getProperty(PROPERTY), System.getenv(ENV), Path.of("").toAbsolutePath(),
                installationFolder());
    }

    /**
     * {@link #locate()} with its inputs given: an explicit folder from the property or the
     * environment (either may be null), the working directory and the installation folder (may be null).
     */
    static DatasetsDirectory locate(String property, String environment, Path workingDirectory, Path installation) {
        if (property != null && !property.isBlank()) {
            return open(Path.of(property), "-D" + PROPERTY);
        }
        if (environment != null && !environment.isBlank()) {
            return open(Path.of(environment), ENV);
        }
        Path found = searchUpwards(workingDirectory);
        if (found == null && installation != null) {
            found = searchUpwards(installation);
        }
        if (found != null) {
            return open(found);
        }
        throw new DatasetIntegrityException(
                "No datasets folder found: expected a 'datasets/" + SUMS_FILE + "' in " + workingDirectory
                        + (installation == null ? "" : " or in " + installation) + " or one of their parents."
                        + " The kernel folder built by 'mvn -B -q -DskipTests package' carries a copy"
                        + " (kernel-ext/target/sml-kernel/datasets): rebuild it, or set " + ENV
                        + "=<path to datasets> (or pass -D" + PROPERTY + "=<path to datasets>).");
    }

    private static Path searchUpwards(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("datasets");
            if (Files.isRegularFile(candidate.resolve(SUMS_FILE))) {
                return candidate;
            }
        }
        return null;
    }

    /** The folder holding this library's jar (or class folder), or null when it cannot be told. */
    static Path installationFolder() {
        try {
            var source = DatasetsDirectory.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isDirectory(location) ? location : location.getParent();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static DatasetsDirectory open(Path folder, String setting) {
        if (!Files.isRegularFile(folder.resolve(SUMS_FILE))) {
            throw new DatasetIntegrityException(
                    setting + " points at " + folder.toAbsolutePath() + ", which is not a datasets folder"
                            + " (no " + SUMS_FILE + " in it). Point it at the project's 'datasets' folder, or"
                            + " unset it to use the datasets of the installed kernel.");
        }
        return open(folder);
    }

    /** Opens the given folder, which must contain {@value #SUMS_FILE}. */
    public static DatasetsDirectory open(Path folder) {
        Path sums = folder.resolve(SUMS_FILE);
        if (!Files.isRegularFile(sums)) {
            throw new DatasetIntegrityException(
                    "Not a datasets folder: expected " + sums + " to exist. "
                            + DatasetIntegrityException.REDERIVE_HINT);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\\s+\\*?", 2);
                if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}")) {
                    throw new DatasetIntegrityException(
                            sums + " line " + (i + 1) + ": expected '<64 hex digits>  <path>', got '"
                                    + line + "'. " + DatasetIntegrityException.REDERIVE_HINT);
                }
                expected.put(parts[1], parts[0]);
            }
        } catch (IOException e) {
            throw new DatasetIntegrityException("Cannot read " + sums + ": " + e.getMessage(), e);
        }
        return new DatasetsDirectory(folder.toAbsolutePath().normalize(), Map.copyOf(expected));
    }

    /** The folder itself. */
    public Path root() {
        return root;
    }

    /** Relative names listed in {@value #SUMS_FILE}. */
    public List<String> listedFiles() {
        return expectedSha256.keySet().stream().sorted().toList();
    }

    /**
     * Checks that {@code relativeName} exists and matches its recorded SHA-256.
     *
     * @return the fingerprint with an example count of -1
     * @throws DatasetIntegrityException if the file is unlisted, missing or differs
     */
    public DatasetFingerprint verify(String relativeName) {
        String expected = expectedSha256.get(relativeName);
        if (expected == null) {
            throw new DatasetIntegrityException(
                    "'" + relativeName + "' is not listed in " + root.resolve(SUMS_FILE)
                            + "; listed files: " + listedFiles());
        }
        Path file = root.resolve(relativeName);
        if (!Files.isRegularFile(file)) {
            throw new DatasetIntegrityException(
                    "Missing data file " + file + " (expected sha256 " + expected + "): "
                            + DatasetIntegrityException.REDERIVE_HINT);
        }
        String actual;
        long bytes;
        try {
            actual = sha256(file);
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new DatasetIntegrityException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!expected.equals(actual)) {
            throw new DatasetIntegrityException(
                    "Corrupt or changed data file " + file + ": expected sha256 " + expected
                            + " but found " + actual + " (" + bytes + " bytes); "
                            + DatasetIntegrityException.REDERIVE_HINT);
        }
        return new DatasetFingerprint(relativeName, actual, bytes, -1);
    }

    /**
     * Verifies the file, then opens it as UTF-8 text ({@code .gz} files are decompressed).
     * The caller closes the reader.
     */
    public BufferedReader openVerified(String relativeName) {
        verify(relativeName);
        Path file = root.resolve(relativeName);
        try {
            InputStream in = Files.newInputStream(file);
            if (relativeName.endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new DatasetIntegrityException(
                    "Cannot open " + file + ": " + e.getMessage() + "; "
                            + DatasetIntegrityException.REDERIVE_HINT, e);
        }
    }

    /** Lowercase hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
