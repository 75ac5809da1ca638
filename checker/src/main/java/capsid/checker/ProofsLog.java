package capsid.checker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model-checking record, {@code proofs-log/runs.jsonl}: one JSON object per
 * line, one line per run, only ever appended to.
 *
 * <p>docs/proofs-log.md is the schema of every kind. A TLC run's line is a {@link
 * TlcResult#toJson(boolean) result record} without its trace, plus {@code timestamp}
 * (ISO-8601, UTC), {@code kind} ({@code check}, {@code simulate}, ...), {@code schema},
 * {@code counterexample} (the ITF file under {@code counterexamples/}, relative to
 * the log directory, or {@code null}) and {@code torn_line} (see below, or {@code
 * null}); another kind's line is its fields ({@link #append(String, ObjectNode)}),
 * which must hold a {@code result}, with {@code commit} and {@code dirty} of the
 * repository added when they are missing. Every line also names what reproduces it:
 * {@code command} ({@link #withProvenance}), {@code jdk} and {@code tlc_sha256}
 * ({@link Tlc#sha256()}). Spec, model and module paths inside the project are written
 * relative to the directory that holds {@code proofs-log/}. A log made with {@link
 * #off} builds the same records and writes nothing.
 *
 * <p><b>A torn last line</b> (the file does not end in a newline, or its last line is
 * not a JSON object, e.g. after a process was killed mid-write) is never merged into
 * and never rewritten: the append first writes a newline to end it, then the new
 * record, whose {@code torn_line} field holds {@code {"offset": BYTE, "length":
 * BYTES, "terminated": BOOL}} (where the torn line starts, its length, and whether
 * it had a newline), and a warning naming the file and the byte offset goes to the
 * warning stream. Readers ({@link #read(Path)}) skip such lines and report them.
 *
 * <p>A run with a trace also gets an ITF file,
 * {@code counterexamples/<spec>-<model>-<timestamp>.itf.json}, written before the
 * record that names it (so a record never names a file that is not there).
 * Appends from concurrent processes are serialised with a file lock.
 */
public final class ProofsLog {
    /** The log's file name inside the log directory. */
    public static final String RUNS = "runs.jsonl";
    /** The directory for counterexample traces inside the log directory. */
    public static final String COUNTEREXAMPLES = "counterexamples";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final DateTimeFormatter FILE_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Object LOCK = new Object();

    /** The version of the record layout that docs/proofs-log.md describes ({@code schema} in every record). */
    public static final int SCHEMA = 2;

    private final Path dir;
    private final PrintStream warnings;
    private final String command;
    private final Path repository;
    private final String offReason;

    /** A log in {@code dir} (usually {@code PROJECT/proofs-log}); warnings go to stderr. */
    public ProofsLog(Path dir) {
        this(dir, System.err);
    }

    /** A log in {@code dir}; warnings (a torn line) go to {@code warnings}. */
    public ProofsLog(Path dir, PrintStream warnings) {
        this(dir, warnings, null, null, null);
    }

    private ProofsLog(Path dir, PrintStream warnings, String command, Path repository, String offReason) {
        this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
        this.warnings = warnings;
        this.command = command;
        this.repository = repository == null ? null : repository.toAbsolutePath().normalize();
        this.offReason = offReason;
    }

    /**
     * A log that writes nothing: {@link #append} builds and returns the record (for
     * {@code --json}) but no file is touched and no counterexample is written.
     *
     * @param why why nothing is recorded, e.g. {@code --no-log}
     */
    public static ProofsLog off(String why) {
        return new ProofsLog(null, System.err, null, null, why);
    }

    /** Whether this log writes records (false for {@link #off}). */
    public boolean enabled() {
        return dir != null;
    }

    /** Why this log writes nothing, or {@code null} when it writes. */
    public String offReason() {
        return offReason;
    }

    /**
     * This log, writing {@code command} (the command line that made the records, as
     * a shell would take it) into every record, and taking the commit of records that
     * bring none (every kind but TLC's own) from {@code repository}.
     */
    public ProofsLog withProvenance(String commandLine, Path repo) {
        return new ProofsLog(dir, warnings, commandLine, repo, offReason);
    }

    /** The command line written into records, or {@code null}. */
    public String command() {
        return command;
    }

    /** The log directory ({@code null} for a log that is {@link #off}). */
    public Path dir() {
        return dir;
    }

    /** The JSON Lines file ({@code null} for a log that is {@link #off}). */
    public Path file() {
        return dir == null ? null : dir.resolve(RUNS);
    }

    /** Where a torn last line was found: byte offset, length in bytes, and whether it ended in a newline. */
    public record TornLine(long offset, long length, boolean terminated) {
    }

    /**
     * What {@link #append} wrote.
     *
     * @param record the JSON line (as an object)
     * @param counterexample the ITF file, or {@code null}
     * @param torn the torn line found before appending, or {@code null}
     */
    public record Appended(ObjectNode record, Path counterexample, TornLine torn) {
    }

    /**
     * Appends one record for {@code result}; writes its trace, if any, as an ITF
     * counterexample first.
     *
     * @param kind what kind of run: {@code check}, {@code simulate}, ...
     */
    public Appended append(TlcResult result, String kind) throws IOException {
        return append(result, kind, Instant.now());
    }

    /** {@link #append(TlcResult, String)} at a given time (tests). */
    public Appended append(TlcResult result, String kind, Instant at) throws IOException {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path cex = null;
        if (result.trace() != null && dir != null) {
            cex = writeCounterexample(result, now);
        }
        ObjectNode rec = JSON.createObjectNode();
        rec.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        rec.put("kind", kind);
        rec.put("schema", SCHEMA);
        ObjectNode body = result.toJson(false);
        body.put("spec", relative(result.spec()));
        body.put("model", relative(result.model()));
        for (JsonNode m : body.get("modules")) {
            if (m.get("file").isTextual()) {
                ((ObjectNode) m).put("file", relative(m.get("file").asText()));
            }
        }
        rec.setAll(body);
        rec.put("counterexample", cex == null ? null : dir.relativize(cex).toString());
        reproduction(rec);
        return write(rec, cex);
    }

    /**
     * Appends one record of a run that is not a TLC run (refinement, trace
     * validation, campaigns): {@code timestamp} and {@code kind} first, then the
     * fields of {@code fields}.
     */
    public Appended append(String kind, ObjectNode fields) throws IOException {
        JsonNode result = fields.get("result");
        if (result == null || !result.isTextual()) {
            throw new IllegalArgumentException("a " + kind + " record needs a result (pass, violation, error, ...)");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (dir != null) {
            Files.createDirectories(dir);
        }
        ObjectNode rec = JSON.createObjectNode();
        rec.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        rec.put("kind", kind);
        rec.put("schema", SCHEMA);
        rec.set("result", result);
        if (!fields.has("commit")) {
            Path repo = repository != null ? repository : dir != null ? dir.getParent() : null;
            rec.put("commit", Git.head(repo));
            rec.put("dirty", Git.workTreeDirty(repo));
        }
        rec.setAll(fields);
        reproduction(rec);
        return write(rec, null);
    }

    /** What reproduces a record, unless it says so itself: the command line, the JDK, TLC's hash. */
    private void reproduction(ObjectNode rec) {
        if (!rec.has("command")) {
            rec.put("command", command);
        }
        if (!rec.has("jdk")) {
            rec.put("jdk", jdk());
        }
        if (!rec.has("tlc_sha256")) {
            rec.put("tlc_sha256", Tlc.sha256());
        }
    }

    /** This JVM: {@code java.runtime.version} and {@code java.vendor}, e.g. {@code 17.0.15+6 (Eclipse Adoptium)}. */
    public static String jdk() {
        return System.getProperty("java.runtime.version", System.getProperty("java.version", "?")) + " ("
                + System.getProperty("java.vendor", "?") + ")";
    }

    /** Appends {@code rec} as one line under the file lock, noting a torn last line first. */
    private Appended write(ObjectNode rec, Path cex) throws IOException {
        if (dir == null) {
            rec.putNull("torn_line");
            return new Appended(rec, null, null);
        }
        synchronized (LOCK) {
            try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                FileLock lock = ch.lock(); // released when the channel closes
                TornLine torn = tornLine(ch);
                if (torn != null) {
                    ObjectNode t = rec.putObject("torn_line");
                    t.put("offset", torn.offset());
                    t.put("length", torn.length());
                    t.put("terminated", torn.terminated());
                    warnings.println("capsid: warning: " + file() + ": torn last line at byte offset "
                            + torn.offset() + " (" + torn.length() + " bytes, "
                            + (torn.terminated() ? "not a JSON object" : "no final newline")
                            + "); left in place, ended with a newline, and marked in the new record's torn_line");
                } else {
                    rec.putNull("torn_line");
                }
                StringBuilder line = new StringBuilder();
                if (torn != null && !torn.terminated()) {
                    line.append('\n');
                }
                line.append(JSON.writeValueAsString(rec)).append('\n');
                ByteBuffer buf = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
                ch.position(ch.size());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
                return new Appended(rec, cex, torn);
            }
        }
    }

    private Path writeCounterexample(TlcResult r, Instant now) throws IOException {
        Path cdir = dir.resolve(COUNTEREXAMPLES);
        Files.createDirectories(cdir);
        String stem = base(r.spec(), ".tla") + "-" + base(r.model(), ".cfg") + "-" + FILE_TS.format(now);
        Path f = cdir.resolve(stem + ".itf.json");
        for (int i = 2; Files.exists(f); i++) {
            f = cdir.resolve(stem + "-" + i + ".itf.json");
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source", relative(r.spec()));
        meta.put("model", relative(r.model()));
        meta.put("result", r.result().json());
        meta.put("property", r.property());
        meta.put("property_kind", r.propertyKind());
        meta.put("reason", r.reason());
        meta.put("tlc_version", r.tlcVersion());
        meta.put("commit", r.commit());
        meta.put("dirty", r.dirty());
        meta.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        Map<String, String> modules = new LinkedHashMap<>();
        for (ModuleFile m : r.modules()) {
            if (!m.standard()) {
                modules.put(m.module(), relative(m.file()));
            }
        }
        meta.put("modules", modules.isEmpty() ? null : modules);
        Itf.write(f, r.trace(), meta);
        return f;
    }

    /** The torn last line of the file, or {@code null} when the file is empty or ends in a complete JSON line. */
    private static TornLine tornLine(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return null;
        }
        boolean terminated = readByte(ch, size - 1) == '\n';
        long end = terminated ? size - 1 : size; // exclusive end of the last line's content
        long start = end;
        ByteBuffer buf = ByteBuffer.allocate(8192);
        search:
        while (start > 0) {
            long from = Math.max(0, start - buf.capacity());
            buf.clear().limit((int) (start - from));
            ch.read(buf, from);
            for (int i = (int) (start - from) - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    start = from + i + 1;
                    break search;
                }
            }
            start = from;
        }
        if (terminated) {
            byte[] line = new byte[(int) Math.min(end - start, Integer.MAX_VALUE - 16)];
            ch.read(ByteBuffer.wrap(line), start);
            if (isJsonObject(new String(line, StandardCharsets.UTF_8))) {
                return null;
            }
            return new TornLine(start, end - start + 1, true);
        }
        return new TornLine(start, end - start, false);
    }

    private static int readByte(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, pos);
        return b.get(0);
    }

    private static boolean isJsonObject(String s) {
        try {
            JsonNode n = JSON.readTree(s);
            return n != null && n.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * A line of the log that is no record: where it starts (byte offset, 1-based line
     * number) and why, e.g. {@code line 1, column 13: Unexpected end-of-input}.
     */
    public record BadLine(long offset, int line, String problem) {
        @Override
        public String toString() {
            return "line " + line + " (byte offset " + offset + "): " + problem;
        }
    }

    /** What {@link #read(Path)} found: the records, and the lines that are not JSON objects. */
    public record Contents(List<JsonNode> records, List<BadLine> badLines) {
        public Contents {
            records = List.copyOf(records);
            badLines = List.copyOf(badLines);
        }

        /** The byte offsets of the bad lines. */
        public List<Long> badLineOffsets() {
            return badLines.stream().map(BadLine::offset).toList();
        }
    }

    /**
     * Reads a runs.jsonl file, skipping lines that are not JSON objects (each reported
     * with its line, byte offset and what is wrong); never throws for the content.
     */
    public static Contents read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** {@link #read(Path)} of bytes already read. */
    public static Contents parse(byte[] all) {
        List<JsonNode> recs = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i > start) {
                    String line = new String(all, start, i - start, StandardCharsets.UTF_8);
                    String problem;
                    try {
                        JsonNode n = JSON.readTree(line);
                        problem = n == null ? "blank line" : n.isObject() ? null
                                : "not a JSON object (" + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                                + ")";
                        if (problem == null) {
                            recs.add(n);
                        }
                    } catch (JsonProcessingException e) {
                        problem = (e.getLocation() == null ? "" : "column " + e.getLocation().getColumnNr() + ": ")
                                + e.getOriginalMessage().lines().findFirst().orElse("not JSON");
                    }
                    if (problem != null) {
                        bad.add(new BadLine(start, lineNo, problem));
                    }
                }
                start = i + 1;
                lineNo++;
            }
        }
        return new Contents(recs, bad);
    }

    private String relative(String path) {
        if (path == null) {
            return null;
        }
        Path p = Path.of(path).toAbsolutePath().normalize();
        Path root = dir == null ? repository : dir.getParent();
        if (root != null && p.startsWith(root)) {
            return root.relativize(p).toString();
        }
        return p.toString();
    }

    private static String base(String path, String ext) {
        if (path == null) {
            return "unknown";
        }
        String n = Path.of(path).getFileName().toString();
        n = n.endsWith(ext) ? n.substring(0, n.length() - ext.length()) : n;
        return n.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
