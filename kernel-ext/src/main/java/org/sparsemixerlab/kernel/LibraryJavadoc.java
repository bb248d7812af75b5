package org.sparsemixerlab.kernel;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.doctree.ThrowsTree;
import com.sun.source.doctree.ValueTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.ZipFile;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Javadoc of the project's own classes for Shift-Tab, read from the sources the kernel folder ships
 * ({@value #SOURCES_JAR}; JShell itself only reads the JDK's {@code src.zip}). Given JShell's
 * signature of a class, constructor, method or field under {@code org.sparsemixerlab}, it parses that
 * source file (cached) and returns the first sentence, the parameters, the return value and the
 * exceptions as plain text.
 */
final class LibraryJavadoc {
    /** The sources jar next to the kernel jar (built by kernel-ext's pom). */
    static final String SOURCES_JAR = "sml-kernel-sources.jar";
    private static final String PREFIX = "org.sparsemixerlab.";

    private final Function<String, String> sources;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(CompilationUnitTree unit, DocTrees docs) {
    }

    /** @param sources source text by path ({@code org/sparsemixerlab/x/Y.java}), or null when absent */
    LibraryJavadoc(Function<String, String> sources) {
        this.sources = sources;
    }

    private static LibraryJavadoc shared;

    /** The kernel's instance (parsed files are cached). */
    static synchronized LibraryJavadoc shared() {
        if (shared == null) {
            shared = installed();
        }
        return shared;
    }

    /** Reads from {@value #SOURCES_JAR} beside the jar this class came from; finds nothing without it. */
    static LibraryJavadoc installed() {
        Path jar = null;
        try {
            Path self = Path.of(LibraryJavadoc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            jar = (Files.isDirectory(self) ? self : self.getParent()).resolve(SOURCES_JAR);
        } catch (Exception e) {
            // no code source: no javadoc
        }
        Path sourcesJar = jar;
        return new LibraryJavadoc(path -> read(sourcesJar, path));
    }

    private static String read(Path jar, String path) {
        if (jar == null || !Files.isRegularFile(jar)) {
            return null;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry(path);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Plain-text javadoc for a JShell signature, or null when it is not ours or has none. */
    String describe(String signature) {
        int paren = signature.indexOf('(');
        String head = (paren < 0 ? signature : signature.substring(0, paren)).strip();
        String name = head.substring(head.lastIndexOf(' ') + 1).replaceAll("<.*", "");
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        List<String> params = paren < 0 ? null : parameterNames(signature.substring(paren + 1, signature.lastIndexOf(')')));
        String[] parts = name.split("\\.");
        int outer = -1;
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                outer = i;
                break;
            }
        }
        if (outer < 0) {
            return null;
        }
        Parsed p = parse(String.join("/", List.of(parts).subList(0, outer + 1)) + ".java");
        if (p == null) {
            return null;
        }
        // walk nested types; what is left is a member (or nothing: the type itself)
        ClassTree type = null;
        List<? extends Tree> members = p.unit().getTypeDecls();
        int i = outer;
        while (i < parts.length) {
            ClassTree next = findType(members, parts[i]);
            if (next == null) {
                break;
            }
            type = next;
            members = next.getMembers();
            i++;
        }
        if (type == null) {
            return null;
        }
        Tree target = type;
        if (params != null) {
            String method = i < parts.length ? parts[i] : "<init>";
            target = findMethod(type, method, params);
        } else if (i < parts.length) {
            target = findField(type, parts[i]);
        }
        if (target == null) {
            return null;
        }
        DocCommentTree doc = p.docs().getDocCommentTree(TreePath.getPath(p.unit(), target));
        return doc == null ? null : format(doc, constants(type));
    }

    private Parsed parse(String path) {
        Parsed cached = parsed.get(path);
        if (cached != null) {
            return cached;
        }
        String text = sources.apply(path);
        if (text == null) {
            return null;
        }
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        try {
            JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler()
                    .getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
            Parsed result = new Parsed(task.parse().iterator().next(), DocTrees.instance(task));
            parsed.put(path, result);
            return result;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ClassTree findType(List<? extends Tree> members, String name) {
        for (Tree t : members) {
            if (t instanceof ClassTree c && c.getSimpleName().contentEquals(name)) {
                return c;
            }
        }
        return null;
    }

    private static Tree findMethod(ClassTree type, String name, List<String> params) {
        Tree byCount = null;
        for (Tree t : type.getMembers()) {
            if (t instanceof MethodTree m && m.getName().contentEquals(name)) {
                List<String> names = m.getParameters().stream().map(v -> v.getName().toString()).toList();
                if (names.equals(params)) {
                    return m;
                }
                if (names.size() == params.size() && byCount == null) {
                    byCount = m;
                }
            }
        }
        return byCount;
    }

    private static Tree findField(ClassTree type, String name) {
        for (Tree t : type.getMembers()) {
            if (t instanceof VariableTree v && v.getName().contentEquals(name)) {
                return v;
            }
        }
        return null;
    }

    /** Names from JShell's {@code Type a, Map<K, V> b} parameter list. */
    static List<String> parameterNames(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char ch : (list + ",").toCharArray()) {
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                String p = current.toString().strip();
                if (!p.isEmpty()) {
                    out.add(p.substring(p.lastIndexOf(' ') + 1));
                }
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        return out;
    }

    /** The class's constants with a literal value, for {@code {@value #NAME}}. */
    private static Map<String, String> constants(ClassTree type) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Tree t : type.getMembers()) {
            if (t instanceof VariableTree v && v.getInitializer() instanceof com.sun.source.tree.LiteralTree l
                    && l.getValue() != null) {
                out.put(v.getName().toString(), l.getValue().toString());
            }
        }
        return out;
    }

    static String format(DocCommentTree doc, Map<String, String> constants) {
        Function<List<? extends DocTree>, String> text = trees -> text(trees, constants);
        StringBuilder out = new StringBuilder(text.apply(doc.getFirstSentence()));
        List<String> params = new ArrayList<>();
        String returns = null;
        List<String> throwsTags = new ArrayList<>();
        for (DocTree tag : doc.getBlockTags()) {
            if (tag instanceof ParamTree p) {
                params.add((p.isTypeParameter() ? "<" + p.getName() + ">" : p.getName().toString()) + " - "
                        + text.apply(p.getDescription()));
            } else if (tag instanceof ReturnTree r) {
                returns = text.apply(r.getDescription());
            } else if (tag instanceof ThrowsTree t) {
                throwsTags.add(t.getExceptionName() + " - " + text.apply(t.getDescription()));
            }
        }
        if (!params.isEmpty()) {
            out.append("\n\nParameters:");
            params.forEach(p -> out.append("\n  ").append(p));
        }
        if (returns != null) {
            out.append("\n\nReturns: ").append(returns);
        }
        if (!throwsTags.isEmpty()) {
            out.append("\n\nThrows:");
            throwsTags.forEach(t -> out.append("\n  ").append(t));
        }
        return out.toString().strip();
    }

    /** Doc text without markup: {@code {@code x}} is x, {@code {@link #m}} is m, HTML tags are dropped. */
    private static String text(List<? extends DocTree> trees, Map<String, String> constants) {
        StringBuilder out = new StringBuilder();
        for (DocTree t : trees) {
            if (t instanceof TextTree x) {
                out.append(x.getBody());
            } else if (t instanceof LiteralTree l) {
                out.append(l.getBody().getBody());
            } else if (t instanceof LinkTree l) {
                out.append(l.getLabel().isEmpty() ? strip(l.getReference().getSignature()) : text(l.getLabel(), constants));
            } else if (t instanceof ValueTree v) {
                String ref = v.getReference() == null ? "" : strip(v.getReference().getSignature());
                out.append(constants.getOrDefault(ref, ref));
            } else if (t.getKind() == DocTree.Kind.START_ELEMENT || t.getKind() == DocTree.Kind.END_ELEMENT) {
                out.append(' ');
            } else {
                out.append(t);
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static String strip(String reference) {
        return reference.startsWith("#") ? reference.substring(1) : reference;
    }
}
