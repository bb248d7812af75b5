package org.sparsemixerlab.magics;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code %%loadFromPOM [--offline]}: the cell body is a POM, or just its {@code <dependency>} (and
 * {@code <repository>}, {@code <properties>}) elements; their dependencies are resolved as by
 * {@code %maven} and added to the classpath. {@code ${name}} in a dependency takes the value from
 * {@code <properties>}. Dependencies with scope test, provided or system, and those under
 * {@code <dependencyManagement>} or a plugin, are not loaded.
 */
final class LoadFromPomMagic {
    static final String USAGE = "[--offline]   (body: <dependency> elements, or a whole pom.xml)";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private LoadFromPomMagic() {
    }

    /** Dependencies and repositories read from a body. */
    record Pom(List<Dependency> dependencies, List<RemoteRepository> repositories, List<String> skipped) {
    }

    static Object cell(BaseKernel kernel, List<String> args, String body) {
        boolean offline = false;
        for (String a : args) {
            if (a.equals("--offline")) {
                offline = true;
            } else {
                throw new MagicUsageException("unknown argument " + a + " (the only option is --offline)");
            }
        }
        Pom pom = parse(body);
        pom.skipped().forEach(s -> System.out.println("not loaded: " + s));
        List<RemoteRepository> repos = new ArrayList<>(pom.repositories());
        repos.add(MavenResolver.CENTRAL);
        String what = "%%loadFromPOM";
        MavenClasspath.load(kernel, what, MavenResolver.resolve(what, pom.dependencies(), repos, offline,
                MavenResolver.localRepository()));
        return null;
    }

    static Pom parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MagicUsageException("the cell body is empty: put <dependency> elements (or a pom.xml) under"
                    + " %%loadFromPOM");
        }
        Document doc = read(body);
        Map<String, String> properties = new HashMap<>();
        for (Element props : elements(doc.getElementsByTagName("properties"))) {
            for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    properties.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        List<Dependency> deps = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Element d : elements(doc.getElementsByTagName("dependency"))) {
            if (inside(d, "dependencyManagement") || inside(d, "plugin") || inside(d, "exclusions")) {
                continue;
            }
            String group = text(d, "groupId", properties);
            String artifact = text(d, "artifactId", properties);
            String version = text(d, "version", properties);
            if (group.isEmpty() || artifact.isEmpty() || version.isEmpty()) {
                throw new MagicUsageException("a <dependency> needs <groupId>, <artifactId> and <version>; got "
                        + group + ":" + artifact + ":" + (version.isEmpty() ? "(no version)" : version));
            }
            String scope = text(d, "scope", properties);
            String type = text(d, "type", properties);
            String classifier = text(d, "classifier", properties);
            String coordinates = group + ":" + artifact + ":" + version;
            if (scope.equals("test") || scope.equals("provided") || scope.equals("system")) {
                skipped.add(coordinates + " (scope " + scope + ")");
                continue;
            }
            deps.add(new Dependency(new DefaultArtifact(group, artifact, classifier, type.isEmpty() ? "jar" : type, version),
                    JavaScopes.RUNTIME));
        }
        if (deps.isEmpty()) {
            throw new MagicUsageException("no <dependency> to load in the cell body" + (skipped.isEmpty() ? ""
                    : " (left out: " + String.join(", ", skipped) + ")"));
        }
        List<RemoteRepository> repos = new ArrayList<>();
        for (Element r : elements(doc.getElementsByTagName("repository"))) {
            if (inside(r, "distributionManagement")) {
                continue;
            }
            String url = text(r, "url", properties);
            String id = text(r, "id", properties);
            if (url.isEmpty()) {
                throw new MagicUsageException("a <repository> needs a <url>");
            }
            repos.add(new RemoteRepository.Builder(id.isEmpty() ? "repo" + (repos.size() + 1) : id, "default", url).build());
        }
        return new Pom(deps, repos, skipped);
    }

    private static Document read(String body) {
        String xml = body.strip();
        if (xml.startsWith("<?xml")) {
            int end = xml.indexOf("?>");
            xml = end < 0 ? xml : xml.substring(end + 2).strip();
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            // a bare list of <dependency> elements has no single root: give it one
            return f.newDocumentBuilder().parse(new InputSource(new StringReader("<sml-pom>" + xml + "</sml-pom>")));
        } catch (Exception e) {
            throw new MagicUsageException("the cell body is not well-formed XML: " + e.getMessage());
        }
    }

    private static List<Element> elements(NodeList list) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static boolean inside(Element e, String ancestor) {
        for (Node n = e.getParentNode(); n != null; n = n.getParentNode()) {
            if (n instanceof Element p && p.getTagName().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Text of the direct child {@code name}, with {@code ${property}} replaced; empty when absent. */
    private static String text(Element parent, String name, Map<String, String> properties) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                String value = e.getTextContent().strip();
                Matcher m = PROPERTY.matcher(value);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String v = properties.get(m.group(1));
                    if (v == null) {
                        throw new MagicUsageException("<" + name + ">" + value + "</" + name + ">: no property '"
                                + m.group(1) + "' in <properties>");
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement(v));
                }
                m.appendTail(out);
                return out.toString();
            }
        }
        return "";
    }
}
