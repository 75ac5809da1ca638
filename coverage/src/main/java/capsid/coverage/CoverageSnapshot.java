package capsid.coverage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hit counts keyed by stable probe id, with each probe's description, so a
 * snapshot read back from JSON is self-contained. Snapshots merge by adding counts.
 *
 * <p>JSON: {@code {"format":"capsid-coverage/1","probes":[{"id":…,"class":…,
 * "method":…,"desc":…,"index":N,"kind":"entry|taken|fallthrough|case|default",
 * "line":N,"actions":["Spec.Action",…],"count":N},…]}}, one probe per line.
 */
public final class CoverageSnapshot {
    /** The value of the {@code format} member. */
    public static final String FORMAT = "capsid-coverage/1";

    /** One probe and its count. */
    public record Entry(ProbeInfo probe, long count) {
    }

    private final Map<String, Entry> entries;

    private CoverageSnapshot(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Builds a snapshot; adding a probe twice adds its counts. */
    public static final class Builder {
        private final Map<String, Entry> m = new LinkedHashMap<>();

        public Builder add(ProbeInfo p, long count) {
            m.merge(p.id(), new Entry(p, count), (a, b) -> new Entry(a.probe(), a.count() + b.count()));
            return this;
        }

        public CoverageSnapshot build() {
            return new CoverageSnapshot(new LinkedHashMap<>(m));
        }
    }

    /** Every probe in {@code probes}, none hit. */
    public static CoverageSnapshot zero(Collection<ProbeInfo> probes) {
        Builder b = new Builder();
        probes.forEach(p -> b.add(p, 0));
        return b.build();
    }

    /** Id to entry, in first-seen order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The count of probe {@code id} (0 when absent). */
    public long count(String id) {
        Entry e = entries.get(id);
        return e == null ? 0 : e.count();
    }

    /** How many probes have a non-zero count. */
    public int hit() {
        return (int) entries.values().stream().filter(e -> e.count() > 0).count();
    }

    /** This snapshot plus {@code other}: every probe of either, counts added. */
    public CoverageSnapshot merge(CoverageSnapshot other) {
        Builder b = new Builder();
        entries.values().forEach(e -> b.add(e.probe(), e.count()));
        other.entries.values().forEach(e -> b.add(e.probe(), e.count()));
        return b.build();
    }

    /** The JSON form (see the class comment). */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\"format\":").append(Json.quote(FORMAT)).append(",\"probes\":[");
        boolean first = true;
        for (Entry e : entries.values()) {
            ProbeInfo p = e.probe();
            b.append(first ? "\n" : ",\n");
            first = false;
            b.append("{\"id\":").append(Json.quote(p.id()))
                    .append(",\"class\":").append(Json.quote(p.className()))
                    .append(",\"method\":").append(Json.quote(p.methodName()))
                    .append(",\"desc\":").append(Json.quote(p.methodDesc()))
                    .append(",\"index\":").append(p.index())
                    .append(",\"kind\":").append(Json.quote(p.kind().json()))
                    .append(",\"line\":").append(p.line())
                    .append(",\"actions\":[");
            for (int k = 0; k < p.actions().size(); k++) {
                b.append(k == 0 ? "" : ",").append(Json.quote(p.actions().get(k).toString()));
            }
            b.append("],\"count\":").append(e.count()).append('}');
        }
        return b.append("\n]}\n").toString();
    }

    /** Reads the JSON form; IllegalArgumentException names what is wrong. */
    @SuppressWarnings("unchecked")
    public static CoverageSnapshot fromJson(String text) {
        Object root = Json.parse(text);
        if (!(root instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("not a coverage snapshot (expected \"format\":\"" + FORMAT + "\")");
        }
        if (!(m.get("probes") instanceof List<?> probes)) {
            throw new IllegalArgumentException("coverage snapshot: \"probes\" is not an array");
        }
        Builder b = new Builder();
        int n = 0;
        for (Object o : probes) {
            try {
                Map<String, Object> p = (Map<String, Object>) o;
                List<ActionRef> actions = new ArrayList<>();
                for (Object a : (List<Object>) p.get("actions")) {
                    String s = (String) a;
                    int dot = s.indexOf('.');
                    if (dot < 0) {
                        throw new IllegalArgumentException("action " + s + " is not Spec.Action");
                    }
                    actions.add(new ActionRef(s.substring(0, dot), s.substring(dot + 1)));
                }
                ProbeInfo info = new ProbeInfo((String) p.get("class"), (String) p.get("method"),
                        (String) p.get("desc"), ((Long) p.get("index")).intValue(),
                        ProbeKind.parse((String) p.get("kind")), ((Long) p.get("line")).intValue(), actions);
                if (p.get("id") != null && !info.id().equals(p.get("id"))) {
                    throw new IllegalArgumentException("id " + p.get("id") + " does not match its fields");
                }
                b.add(info, (Long) p.get("count"));
            } catch (ClassCastException | NullPointerException e) {
                throw new IllegalArgumentException("coverage snapshot: probe " + n + " lacks a field or has "
                        + "one of the wrong type");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("coverage snapshot: probe " + n + ": " + e.getMessage(), e);
            }
            n++;
        }
        return b.build();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    public static CoverageSnapshot read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
