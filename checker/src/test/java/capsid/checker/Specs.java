package capsid.checker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test specs (src/test/resources/specs) and a bare-bones direct TLC runner to compare against. */
final class Specs {
    private Specs() {
    }

    /** A file of the test specs directory. */
    static Path path(String name) {
        try {
            Path dir = Path.of(Specs.class.getResource("/specs/Counter.tla").toURI()).getParent();
            return dir.resolve(name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request for SPEC.tla with model CFG.cfg. */
    static TlcRequest request(String spec, String cfg) {
        return TlcRequest.of(path(spec + ".tla")).withConfig(path(cfg + ".cfg"));
    }

    /** What {@code java tlc2.TLC} printed, minimally parsed. */
    record Raw(int exit, String stdout, Long generated, Long distinct, Integer depth) {
    }

    private static final Pattern FINAL = Pattern.compile(
            "(?m)^(\\d+) states generated, (\\d+) distinct states found, \\d+ states left on queue");
    private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is (\\d+)");

    /** Runs {@code java -cp CP tlc2.TLC -tool -config CFG SPEC} directly (own metadir and tmpdir). */
    static Raw rawTlc(String spec, String cfg, String... extra) {
        return rawTlc(path(spec + ".tla"), path(cfg + ".cfg"), extra);
    }

    /** {@link #rawTlc(String, String, String...)} of any spec and model file. */
    static Raw rawTlc(Path specFile, Path cfgFile, String... extra) {
        try {
            Path dir = Files.createTempDirectory("capsid-raw-tlc-");
            try {
                Files.createDirectories(dir.resolve("tmp"));
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-cp",
                        System.getProperty("java.class.path"), "tlc2.TLC", "-tool", "-metadir",
                        dir.resolve("meta").toString()));
                cmd.addAll(List.of(extra));
                cmd.addAll(List.of("-config", cfgFile.toString(), specFile.toString()));
                Process p = new ProcessBuilder(cmd).directory(specFile.getParent().toFile())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("raw TLC did not finish");
                }
                Long gen = null;
                Long dis = null;
                Matcher m = FINAL.matcher(out);
                while (m.find()) {
                    gen = Long.parseLong(m.group(1));
                    dis = Long.parseLong(m.group(2));
                }
                Matcher d = DEPTH.matcher(out);
                Integer depth = d.find() ? Integer.parseInt(d.group(1)) : null;
                return new Raw(p.exitValue(), out, gen, dis, depth);
            } finally {
                Tlc.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
