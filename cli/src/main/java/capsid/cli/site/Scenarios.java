package capsid.cli.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which scenario scripts call which system call: the lines {@code TASK CALL ...} of
 * every {@code scenarios/*.csc}. A spec action is exercised by the calls of its name
 * ({@code NsOpen}: {@code ns_open}).
 */
final class Scenarios {
    /** A script's first line calling a call, and how many lines do. */
    record Use(String path, int firstLine, int lines) {
    }

    private Scenarios() {
    }

    /** Call name (lower case, no underscores) to the scripts that use it, by path. */
    static Map<String, List<Use>> read(Path repo) throws IOException {
        Map<String, List<Use>> out = new LinkedHashMap<>();
        Path dir = repo.resolve("scenarios");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csc")).sorted().toList();
        }
        for (Path f : files) {
            String rel = repo.relativize(f).toString().replace('\\', '/');
            Map<String, int[]> seen = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String[] w = lines.get(i).strip().split("\\s+");
                if (w.length >= 2 && !w[0].startsWith("#") && !w[0].equals("boot")) {
                    int[] u = seen.computeIfAbsent(key(w[1]), k -> new int[] {0, 0});
                    if (u[1]++ == 0) {
                        u[0] = i + 1;
                    }
                }
            }
            seen.forEach((call, u) -> out.computeIfAbsent(call, k -> new ArrayList<>()).add(new Use(rel, u[0], u[1])));
        }
        return out;
    }

    static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
