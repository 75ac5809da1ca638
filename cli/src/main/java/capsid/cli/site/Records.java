package capsid.cli.site;

import capsid.checker.ProofsLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The records of proofs-log/runs.jsonl, in file order, as the pages quote them. */
record Records(List<JsonNode> all) {

    static Records read(Path repo) throws IOException {
        Path f = repo.resolve("proofs-log").resolve(ProofsLog.RUNS);
        return new Records(Files.exists(f) ? ProofsLog.read(f).records() : List.of());
    }

    /** The last record of {@code kind} (any, when null) matching {@code p}, or null. */
    JsonNode latest(String kind, Predicate<JsonNode> p) {
        for (int i = all.size() - 1; i >= 0; i--) {
            JsonNode r = all.get(i);
            if ((kind == null || kind.equals(r.path("kind").asText())) && p.test(r)) {
                return r;
            }
        }
        return null;
    }

    /** The last exhaustive model-checking run ({@code check} or {@code verify}) of {@code spec/<config>}. */
    JsonNode latestModelRun(String config) {
        return latest(null, r -> (r.path("kind").asText().equals("check") || r.path("kind").asText().equals("verify"))
                && r.path("model").asText().equals("spec/" + config) && r.path("mode").asText("bfs").equals("bfs"));
    }

    List<JsonNode> ofKind(String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : all) {
            if (kind.equals(r.path("kind").asText())) {
                out.add(r);
            }
        }
        return out;
    }

    /** {@code field} of {@code r} as text, "—" when absent or null. */
    static String text(JsonNode r, String field) {
        JsonNode v = r == null ? null : r.get(field);
        return v == null || v.isNull() ? "—" : v.asText();
    }

    /** The short commit of a record and whether its tree was dirty. */
    static String commit(JsonNode r) {
        String c = text(r, "commit");
        return (c.length() > 10 ? c.substring(0, 10) : c) + (r != null && r.path("dirty").asBoolean() ? " (dirty)" : "");
    }

    /** A result as a coloured cell. */
    static String result(String r) {
        String cls = r.equals("pass") || r.equals("caught") ? "pass" : r.startsWith("skip") || r.startsWith("not ") ? "skip" : "fail";
        return "<span class=\"" + cls + "\">" + Html.esc(r) + "</span>";
    }
}
