package capsid.cli.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A page of docs/ rendered with commonmark-java (tables, heading anchors). Links to
 * another page of docs/ become links to its page; links to a file of the repository
 * ({@code ../spec/X.tla}) become links to its source page under {@code src/}, which
 * the site then renders ({@link #sources}); a link to a file that does not exist is a
 * problem. On a protocol page, the first table row, list item or paragraph that
 * starts with an action's name in code ({@code `Fork`}) describes that action: it
 * gets the anchor {@code action-Fork} and links to the action's definition in the
 * spec and to its kernel method; an action no block describes is a problem.
 */
final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            HeadingAnchorExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    /** What rendering one page gave: the HTML body, the repository files it links to, the problems. */
    record Result(String html, Set<String> sources, Map<String, String> described, List<String> problems) {
    }

    private Markdown() {
    }

    /**
     * Renders {@code docs/<name>.md} ({@code text}); {@code spec} is the spec whose
     * protocol page this is, or {@code null}.
     */
    static Result render(Path repo, String name, String text, SpecSource spec) {
        Node doc = PARSER.parse(text);
        Set<String> sources = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        String where = "docs/" + name + ".md";
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                link.setDestination(rewrite(repo, where, link.getDestination(), sources, problems));
                visitChildren(link);
            }
        });
        Map<String, String> described = new LinkedHashMap<>();
        Map<Node, String> anchors = new LinkedHashMap<>();
        if (spec != null) {
            for (SpecSource.Action a : spec.actions().values()) {
                Node block = describing(doc, a.name());
                if (block == null) {
                    problems.add(where + ": no paragraph, list item or table row starts with `" + a.name()
                            + "`, so " + spec.name() + "!" + a.name() + " has no prose to link to");
                    continue;
                }
                anchors.put(block, "action-" + a.name());
                described.put(a.name(), "action-" + a.name());
                linkAction(block, a, spec);
                sources.add(spec.modulePath());
                sources.add(a.javaPath());
            }
        }
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
                .attributeProviderFactory(c -> (node, tag, attrs) -> {
                    String id = anchors.get(node);
                    if (id != null) {
                        attrs.put("id", id);
                    }
                }).build();
        return new Result(renderer.render(doc), sources, described, problems);
    }

    /** A link's destination on the site, or the destination as is for one outside it. */
    static String rewrite(Path repo, String where, String dest, Set<String> sources, List<String> problems) {
        if (dest.isEmpty() || dest.startsWith("#") || dest.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return dest;
        }
        int hash = dest.indexOf('#');
        String path = hash < 0 ? dest : dest.substring(0, hash);
        String frag = hash < 0 ? "" : dest.substring(hash);
        Path target = repo.resolve("docs").resolve(path).normalize();
        if (!target.startsWith(repo) || !Files.exists(target)) {
            problems.add(where + ": link to " + dest + ": no such file in the repository");
            return dest;
        }
        String rel = repo.relativize(target).toString().replace('\\', '/');
        if (rel.startsWith("docs/") && rel.endsWith(".md") && rel.indexOf('/', 5) < 0) {
            return rel.substring(5, rel.length() - 3) + ".html" + frag;
        }
        if (Files.isDirectory(target)) {
            problems.add(where + ": link to " + dest + ": a directory, which the site has no page for");
            return dest;
        }
        sources.add(rel);
        return "src/" + rel + ".html" + frag;
    }

    /** The first row, item or paragraph whose text starts with {@code `action`}. */
    static Node describing(Node doc, String action) {
        Node[] found = {null};
        doc.accept(new AbstractVisitor() {
            @Override
            public void visitChildren(Node parent) {
                for (Node n = parent.getFirstChild(); n != null && found[0] == null; n = n.getNext()) {
                    if (startsWith(n, action)) {
                        found[0] = n;
                        return;
                    }
                    n.accept(this);
                }
            }

            @Override
            public void visit(org.commonmark.node.CustomNode node) {
                visitChildren(node);
            }

            @Override
            public void visit(org.commonmark.node.CustomBlock node) {
                visitChildren(node);
            }
        });
        return found[0];
    }

    private static boolean startsWith(Node n, String action) {
        Node first;
        if (n instanceof TableRow && !(n.getParent() != null && isHead(n.getParent()))) {
            first = n.getFirstChild() == null ? null : n.getFirstChild().getFirstChild();
        } else if (n instanceof Paragraph && !(n.getParent() instanceof ListItem)) {
            first = n.getFirstChild();
        } else if (n instanceof ListItem && n.getFirstChild() instanceof Paragraph p) {
            first = p.getFirstChild();
        } else {
            return false;
        }
        return first instanceof Code c && c.getLiteral().equals(action);
    }

    private static boolean isHead(Node n) {
        return n instanceof org.commonmark.ext.gfm.tables.TableHead;
    }

    /** Wraps the action's code span in a link to its definition and adds one to its kernel method. */
    private static void linkAction(Node block, SpecSource.Action a, SpecSource spec) {
        Node container = block instanceof TableRow ? block.getFirstChild()
                : block instanceof ListItem ? block.getFirstChild() : block;
        Node code = container.getFirstChild();
        Link toSpec = new Link("src/" + spec.modulePath() + ".html#L" + a.defLine(),
                "the definition of " + a.name() + " in " + spec.modulePath());
        code.insertBefore(toSpec);
        code.unlink();
        toSpec.appendChild(code);
        Link toKernel = new Link("src/" + a.javaPath() + ".html#L" + a.javaLine(), "the kernel method");
        toKernel.appendChild(new Text(a.kernelMethod()));
        Text open = new Text(" (spec line " + a.defLine() + "; kernel: ");
        toSpec.insertAfter(open);
        open.insertAfter(toKernel);
        toKernel.insertAfter(new Text(")"));
    }
}
