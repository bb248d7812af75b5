package org.sparsemixerlab.magics;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.artifact.JavaScopes;

/**
 * {@code %maven G:A:V[,G:A:V...]}: resolves artifacts with their runtime dependencies (Maven
 * Resolver; local repository first, then Maven Central or {@code --repo URL}) and adds the jars to
 * the cells' classpath. {@code --offline} uses only the local repository. Coordinates are
 * {@code group:artifact[:extension[:classifier]]:version}, separated by commas or spaces.
 */
final class MavenMagic {
    static final String USAGE = "[--offline] [--repo URL]... group:artifact:version[,group:artifact:version...]";

    private MavenMagic() {
    }

    /** The parsed line. */
    record Request(List<Dependency> dependencies, List<RemoteRepository> repositories, boolean offline) {
    }

    static Object line(BaseKernel kernel, List<String> args) {
        Request r = parse(args);
        String what = "%maven " + String.join(" ", args);
        List<MavenResolver.Resolved> jars = MavenResolver.resolve(what, r.dependencies(), r.repositories(), r.offline(),
                MavenResolver.localRepository());
        MavenClasspath.load(kernel, what, jars);
        return null;
    }

    static Request parse(List<String> args) {
        List<Dependency> deps = new ArrayList<>();
        List<RemoteRepository> repos = new ArrayList<>();
        boolean offline = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--offline")) {
                offline = true;
            } else if (a.equals("--repo")) {
                if (i + 1 >= args.size()) {
                    throw new MagicUsageException("--repo needs a repository URL, e.g. --repo https://jitpack.io");
                }
                repos.add(repository(args.get(++i), repos.size()));
            } else if (a.startsWith("-")) {
                throw new MagicUsageException("unknown option " + a + " (options: --offline, --repo URL)");
            } else {
                for (String coordinates : a.split(",")) {
                    if (!coordinates.isBlank()) {
                        deps.add(dependency(coordinates.strip()));
                    }
                }
            }
        }
        if (deps.isEmpty()) {
            throw new MagicUsageException("expected one or more group:artifact:version, e.g."
                    + " %maven org.apache.commons:commons-math3:3.6.1");
        }
        if (repos.isEmpty()) {
            repos.add(MavenResolver.CENTRAL);
        }
        return new Request(List.copyOf(deps), List.copyOf(repos), offline);
    }

    static Dependency dependency(String coordinates) {
        String[] parts = coordinates.split(":", -1);
        if (parts.length < 3 || parts.length > 5 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new MagicUsageException("expected group:artifact:version (or group:artifact:extension[:classifier]:version),"
                    + " got '" + coordinates + "'");
        }
        return new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME);
    }

    static RemoteRepository repository(String url, int n) {
        if (!url.matches("(?i)(https?|file):.+")) {
            throw new MagicUsageException("--repo expects an http(s) or file URL, got '" + url + "'");
        }
        return new RemoteRepository.Builder("repo" + (n + 1), "default", url).build();
    }
}
