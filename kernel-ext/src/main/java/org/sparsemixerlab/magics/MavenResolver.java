package org.sparsemixerlab.magics;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven artifacts and their runtime dependencies with Maven Resolver (the library Maven
 * itself uses), from the local repository ({@code -Dmaven.repo.local} or {@code ~/.m2/repository})
 * and remote repositories (Maven Central by default). What Maven has downloaded before resolves
 * without the network. Failures become {@link MagicUsageException}s that say what was asked, what
 * went wrong (unknown artifact, no network, offline) and what to do.
 */
final class MavenResolver {
    /** Maven Central, under the id Maven records for it, so its downloads count as available offline. */
    static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    private static RepositorySystem system;

    private MavenResolver() {
    }

    /** One resolved jar; {@code direct} when it was asked for (not a dependency of one). */
    record Resolved(String groupId, String artifactId, String version, Path file, boolean direct) {
        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /** The local repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    static Path localRepository() {
        String property = System.getProperty("maven.repo.local");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    /**
     * Resolves {@code roots} (with their compile and runtime dependencies, in Maven's order).
     *
     * @param what how the user named the request, for messages (e.g. {@code "%maven a:b:1"})
     */
    static List<Resolved> resolve(String what, List<Dependency> roots, List<RemoteRepository> repositories,
            boolean offline, Path localRepository) {
        RepositorySystem sys = system();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(sys).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setOffline(offline)
                .setSystemProperties(System.getProperties())
                .build()) {
            CollectRequest collect = new CollectRequest(roots, List.of(), repositories);
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<ArtifactResult> results = sys.resolveDependencies(session, request).getArtifactResults();
            Set<String> asked = new java.util.HashSet<>();
            for (Dependency d : roots) {
                asked.add(d.getArtifact().getGroupId() + ":" + d.getArtifact().getArtifactId());
            }
            List<Resolved> out = new ArrayList<>();
            for (ArtifactResult r : results) {
                Artifact a = r.getArtifact();
                out.add(new Resolved(a.getGroupId(), a.getArtifactId(), a.getBaseVersion(), a.getPath(),
                        asked.contains(a.getGroupId() + ":" + a.getArtifactId())));
            }
            return out;
        } catch (DependencyResolutionException e) {
            throw explain(what, e, repositories, offline, localRepository);
        } catch (RuntimeException e) {
            throw new MagicUsageException(what + ": could not resolve: " + e.getMessage());
        }
    }

    /** Turns a resolution failure into a message naming the cause and the fix. */
    static MagicUsageException explain(String what, Exception e, List<RemoteRepository> repositories, boolean offline,
            Path localRepository) {
        List<String> urls = repositories.stream().map(RemoteRepository::getUrl).toList();
        Throwable network = find(e, UnknownHostException.class, ConnectException.class, NoRouteToHostException.class,
                SocketTimeoutException.class);
        String detail = deepestMessage(e);
        if (network != null) {
            return new MagicUsageException(what + ": no network: cannot reach " + String.join(", ", urls) + " ("
                    + network.getClass().getSimpleName() + ": " + network.getMessage() + "), and it is not all in the"
                    + " local repository " + localRepository + ". Connect to the network and run the cell again, or"
                    + " fetch it into that repository on a connected machine (mvn dependency:get -Dartifact=G:A:V).");
        }
        if (offline) {
            return new MagicUsageException(what + ": not in the local repository " + localRepository
                    + " and --offline forbids downloading (" + detail + "). Run without --offline to fetch it.");
        }
        if (find(e, ArtifactNotFoundException.class) != null) {
            return new MagicUsageException(what + ": unknown artifact: " + detail + ". Check group:artifact:version"
                    + " (search https://central.sonatype.com); searched " + String.join(", ", urls)
                    + " and the local repository " + localRepository + ".");
        }
        return new MagicUsageException(what + ": could not resolve: " + detail);
    }

    @SafeVarargs
    private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || seen.put(t, true) != null) {
                continue;
            }
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
            if (t instanceof DependencyResolutionException d && d.getResult() != null) {
                todo.addAll(d.getResult().getCollectExceptions());
                for (ArtifactResult r : d.getResult().getArtifactResults()) {
                    todo.addAll(r.getExceptions());
                }
            }
            if (t instanceof org.eclipse.aether.resolution.ArtifactResolutionException a) {
                for (ArtifactResult r : a.getResults()) {
                    todo.addAll(r.getExceptions());
                }
            }
        }
        return null;
    }

    private static String deepestMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip();
    }
}
