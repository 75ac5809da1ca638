package capsid.cli.site;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every internal link of a built site, checked: each {@code href} and {@code src} of
 * each page that is not an absolute URL must name a file of the site, and its
 * fragment an {@code id} on that page. Each broken one is listed, by page.
 */
final class LinkCheck {
    private static final Pattern REF = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");

    private LinkCheck() {
    }

    /** The broken links under {@code site}, and how many links were checked in {@code count[0]}. */
    static List<String> check(Path site, int[] count) throws IOException {
        Map<Path, Set<String>> ids = new HashMap<>();
        List<Path> pages;
        try (Stream<Path> s = Files.walk(site)) {
            pages = s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            Matcher m = REF.matcher(html);
            while (m.find()) {
                String ref = m.group(1).replace("&amp;", "&");
                if (ref.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue;
                }
                count[0]++;
                int hash = ref.indexOf('#');
                String file = hash < 0 ? ref : ref.substring(0, hash);
                Path target = file.isEmpty() ? page
                        : page.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
                String where = site.relativize(page) + ": link to " + ref;
                if (!target.startsWith(site) || !Files.isRegularFile(target)) {
                    problems.add(where + ": no such page");
                    continue;
                }
                if (hash >= 0 && target.toString().endsWith(".html")) {
                    String frag = URLDecoder.decode(ref.substring(hash + 1), StandardCharsets.UTF_8);
                    if (!ids.computeIfAbsent(target, LinkCheck::ids).contains(frag)) {
                        problems.add(where + ": no anchor '" + frag + "' on " + site.relativize(target));
                    }
                }
            }
        }
        return problems;
    }

    private static Set<String> ids(Path page) {
        Set<String> out = new HashSet<>();
        try {
            Matcher m = ID.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                out.add(m.group(1));
            }
        } catch (IOException e) {
            // an unreadable page has no anchors; the link to it is reported
        }
        return out;
    }
}
