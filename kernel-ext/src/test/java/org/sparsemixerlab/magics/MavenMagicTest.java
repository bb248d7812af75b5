package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.kernel.CellResult;
import org.sparsemixerlab.kernel.KernelSession;

/**
 * %maven and %%loadFromPOM against a local repository made here (the layout Maven writes to
 * ~/.m2/repository), so nothing needs the network: offline resolution with a transitive
 * dependency, classes usable in cells, unknown artifacts, an unreachable repository, conflicts
 * with a jar the kernel already has.
 */
class MavenMagicTest {
    private static final String GROUP = "org.sparsemixerlab.it";

    @TempDir
    static Path repo;
    @TempDir
    static Path work;
    private static KernelSession session;
    private static String before;

    @BeforeAll
    static void start() throws Exception {
        publish("org/sparsemixerlab/it", "words", "2.0", "it.Words",
                "package it; public class Words { public static String word() { return \"hi\"; } }", "", null);
        publish("org/sparsemixerlab/it", "greeting", "1.0", "it.Greeting",
                "package it; public class Greeting { public static String hello() { return it.Words.word() + \"!\"; } }",
                dependency(GROUP, "words", "2.0"), repo.resolve("org/sparsemixerlab/it/words/2.0/words-2.0.jar"));
        publish("org/sparsemixerlab/it", "farewell", "3.1", "it.Farewell",
                "package it; public class Farewell { public static String bye() { return \"bye\"; } }", "", null);
        // a version of a jar the kernel already has (gson 2.13.1), and an artifact that depends on it
        publish("com/google/code/gson", "gson", "2.0", "fake.Gson",
                "package fake; public class Gson { }", "", null);
        publish("org/sparsemixerlab/it", "uses-old-gson", "1.0", "it.UsesGson",
                "package it; public class UsesGson { public static int one() { return 1; } }",
                dependency("com.google.code.gson", "gson", "2.0"), null);
        before = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", repo.toString());
        session = KernelSession.start();
    }

    @AfterAll
    static void stop() {
        session.close();
        if (before == null) {
            System.clearProperty("maven.repo.local");
        } else {
            System.setProperty("maven.repo.local", before);
        }
    }

    private static String dependency(String group, String artifact, String version) {
        return "<dependencies><dependency><groupId>" + group + "</groupId><artifactId>" + artifact
                + "</artifactId><version>" + version + "</version></dependency></dependencies>";
    }

    /** Compiles one class into GROUP_PATH/A/V/A-V.jar with its POM, as `mvn install` would lay it out. */
    private static void publish(String groupPath, String artifact, String version, String className, String source,
            String dependencies, Path classpath) throws Exception {
        Path src = work.resolve(artifact + "/src/" + className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = work.resolve(artifact + "/classes");
        Files.createDirectories(classes);
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString()));
        if (classpath != null) {
            args.addAll(List.of("-cp", classpath.toString()));
        }
        args.add(src.toString());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)));
        Path dir = repo.resolve(groupPath + "/" + artifact + "/" + version);
        Files.createDirectories(dir);
        String entry = className.replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve(artifact + "-" + version + ".jar")))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
        }
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"),
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion><groupId>"
                        + groupPath.replace('/', '.') + "</groupId><artifactId>" + artifact + "</artifactId><version>"
                        + version + "</version>" + dependencies + "</project>");
    }

    /** Everything a cell showed: streams and the error, if any. */
    private static String shown(CellResult r) {
        return r.stdout() + r.stream("stderr") + r.error().map(e -> e.evalue() + String.join("\n", e.traceback())).orElse("");
    }

    @Test
    void resolvesOfflineWithItsDependencyAndCellsUseTheClasses() {
        CellResult add = session.execute("%maven --offline " + GROUP + ":greeting:1.0");
        assertTrue(add.stdout().contains("Added to classpath: " + GROUP + ":greeting:1.0 (greeting-1.0.jar)"), shown(add));
        assertTrue(add.stdout().contains("Added to classpath: " + GROUP + ":words:2.0 (words-2.0.jar)"), shown(add));
        assertEquals("hi!", session.execute("it.Greeting.hello()").resultText().orElse(shown(add)));
        CellResult again = session.execute("%maven --offline " + GROUP + ":greeting:1.0," + GROUP + ":words:2.0");
        assertTrue(again.stdout().contains("Nothing to add: 2 jar(s) already on the classpath"), shown(again));
    }

    @Test
    void loadFromPomReadsDependenciesWithPropertiesAndSkipsTestScope() {
        CellResult r = session.execute("%%loadFromPOM --offline\n"
                + "<properties><bye.version>3.1</bye.version></properties>\n"
                + "<dependency><groupId>" + GROUP + "</groupId><artifactId>farewell</artifactId>"
                + "<version>${bye.version}</version></dependency>\n"
                + "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>"
                + "<version>5.10.3</version><scope>test</scope></dependency>");
        assertTrue(r.stdout().contains("Added to classpath: " + GROUP + ":farewell:3.1"), shown(r));
        assertTrue(r.stdout().contains("not loaded: org.junit.jupiter:junit-jupiter:5.10.3 (scope test)"), shown(r));
        assertEquals("bye", session.execute("it.Farewell.bye()").resultText().orElse(shown(r)));
    }

    @Test
    void pomBodiesAreCheckedBeforeAnythingResolves() {
        LoadFromPomMagic.Pom pom = LoadFromPomMagic.parse("<?xml version=\"1.0\"?><project>"
                + "<dependencyManagement><dependencies><dependency><groupId>x</groupId><artifactId>managed</artifactId>"
                + "<version>1</version></dependency></dependencies></dependencyManagement>"
                + "<repositories><repository><id>mine</id><url>https://example.org/m2</url></repository></repositories>"
                + "<dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>2</version>"
                + "<classifier>linux</classifier></dependency></dependencies></project>");
        assertEquals(1, pom.dependencies().size());
        assertEquals("a:b:jar:linux:2", pom.dependencies().get(0).getArtifact().toString());
        assertEquals("https://example.org/m2", pom.repositories().get(0).getUrl());
        assertTrue(assertThrows(MagicUsageException.class, () -> LoadFromPomMagic.parse(
                "<dependency><groupId>a</groupId><artifactId>b</artifactId><version>${v}</version></dependency>"))
                .getMessage().contains("no property 'v'"));
        assertTrue(assertThrows(MagicUsageException.class, () -> LoadFromPomMagic.parse("<dependency>"))
                .getMessage().contains("not well-formed XML"));
        assertTrue(assertThrows(MagicUsageException.class, () -> MavenMagic.parse(List.of("commons-lang3")))
                .getMessage().contains("expected group:artifact:version"));
        assertTrue(assertThrows(MagicUsageException.class, () -> MavenMagic.parse(List.of("--offlne", "a:b:1")))
                .getMessage().contains("unknown option --offlne"));
    }

    @Test
    void anUnknownArtifactSaysSoAndNamesWhereItLooked(@TempDir Path emptyRemote) {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> MavenResolver.resolve("%maven x",
                List.of(MavenMagic.dependency(GROUP + ":nope:1.0")),
                List.of(MavenMagic.repository(emptyRemote.toUri().toString(), 0)), false, repo));
        assertTrue(e.getMessage().contains("unknown artifact"), e.getMessage());
        assertTrue(e.getMessage().contains(GROUP + ":nope"), e.getMessage());
        assertTrue(e.getMessage().contains(repo.toString()), e.getMessage());

        MagicUsageException offline = assertThrows(MagicUsageException.class, () -> MavenResolver.resolve("%maven y",
                List.of(MavenMagic.dependency(GROUP + ":nope:1.0")), List.of(MavenResolver.CENTRAL), true, repo));
        assertTrue(offline.getMessage().contains("--offline forbids downloading"), offline.getMessage());

        CellResult cell = session.execute("%maven --offline " + GROUP + ":nope:1.0");
        assertTrue(shown(cell).contains("not in the local repository"), shown(cell));
        assertFalse(shown(cell).contains("at org.eclipse.aether"), "no stack trace: " + shown(cell));
    }

    @Test
    void anUnreachableRepositoryIsReportedAsNoNetwork() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/maven2/";
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> MavenResolver.resolve("%maven z",
                List.of(MavenMagic.dependency(GROUP + ":not-here:1.0")), List.of(MavenMagic.repository(url, 0)), false,
                repo));
        assertTrue(e.getMessage().contains("no network: cannot reach " + url), e.getMessage());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    }

    @Test
    void aSecondVersionOfAKernelJarIsRefusedOrLeftOut() {
        CellResult direct = session.execute("%maven --offline com.google.code.gson:gson:2.0");
        String text = shown(direct);
        assertTrue(text.contains("com.google.code.gson:gson:2.0 conflicts with version 2.13.1 already on the kernel's"
                + " classpath"), text);
        assertTrue(text.contains("Nothing was added"), text);
        assertFalse(text.contains("Added to classpath"), text);

        CellResult transitive = session.execute("%maven --offline " + GROUP + ":uses-old-gson:1.0");
        assertTrue(transitive.stdout().contains("Added to classpath: " + GROUP + ":uses-old-gson:1.0"), shown(transitive));
        assertTrue(transitive.stdout().contains("kept com.google.code.gson:gson:2.13.1 of the kernel (a dependency asked for"
                + " 2.0)"), shown(transitive));
        assertEquals("1", session.execute("it.UsesGson.one()").resultText().orElse(shown(transitive)));
    }

    @Test
    void versionsAreToldFromJarNamesAndRepositoryFolders() {
        List<String> entries = List.of("/k/lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar", "/k/lib/jjava-jupyter-1.0-a6.jar",
                "/m2/com/google/code/gson/gson/2.13.1/gson-2.13.1.jar", "/m2/other/group/api/9.9/api-9.9.jar",
                "/k/lib/guava-33.0.0-jre.jar");
        assertEquals("2.7.1", MavenClasspath.onClasspath("ai.djl.pytorch", "pytorch-native-cpu", entries).version());
        assertEquals("1.0-a6", MavenClasspath.onClasspath("org.dflib.jjava", "jjava-jupyter", entries).version());
        assertEquals("2.13.1", MavenClasspath.onClasspath("com.google.code.gson", "gson", entries).version());
        assertNull(MavenClasspath.onClasspath("ai.djl", "api", entries), "another group's 'api' in a repository folder");
        assertEquals("33.0.0-jre", MavenClasspath.onClasspath("com.google.guava", "guava", entries).version());
        assertNull(MavenClasspath.onClasspath("org.knowm", "xchart", entries));
    }
}
