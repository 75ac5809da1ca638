package capsid.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent in a child JVM: a jar whose manifest names the agent, the classes on the class path. */
class AgentTest {

    @Test
    void instrumentsMatchingClassesAsTheyLoad(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("agent.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Premain-Class", Agent.class.getName());
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, mf)) {
            j.flush();
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + jar + "=prefix=capsid/coverage/sample/,annotation=capsid/coverage/sample/Act",
                "-cp", System.getProperty("java.class.path"), "capsid.coverage.sample.AgentMain");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("installed-before true"), out);
        assertTrue(out.contains("sign 1\n"), out);
        assertTrue(out.contains("polygon true"), out);
        assertTrue(out.contains("hit capsid/coverage/sample/Sample.sign(I)I#0 1\n"), out);
        assertTrue(out.contains("hit capsid/coverage/sample/Sample.sign(I)I#1 0\n"), out);
        assertTrue(out.contains("hit capsid/coverage/sample/Sample.sign(I)I#2 1\n"), out);
        assertTrue(out.contains("hit capsid/coverage/sample/Sample$Shape.polygon()Z#0 1\n"), out);
        assertTrue(out.contains("actions [S.Sign]"), out);
        assertTrue(!out.contains("cannot instrument"), out);
        int count = Integer.parseInt(out.lines().filter(l -> l.startsWith("count ")).findFirst().orElseThrow()
                .substring(6));
        assertTrue(count > 10, out);
        assertTrue(out.contains("again 0"), out);
    }

    @Test
    void parsesItsArguments() {
        assertEquals(List.of("capsid/kernel/"), Agent.prefixes(null));
        assertEquals(List.of("a/b/", "c/"), Agent.prefixes("prefix=a.b/,prefix=c/"));
        assertEquals("Lx/Y;", Agent.options("annotation=x/Y").actionDesc());
        assertEquals(Instrumenter.Options.KERNEL, Agent.options("prefix=a/"));
        assertEquals(Agent.DEFAULT_EXCLUDES, Agent.excludes(null));
        assertEquals(Agent.DEFAULT_EXCLUDES, Agent.excludes("prefix=a/"));
        assertEquals(List.of("a/B"), Agent.excludes("exclude=a.B"));
        assertEquals(List.of(), Agent.excludes("exclude=-"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Agent.prefixes("excludes=a/"));
        assertTrue(e.getMessage().contains("'excludes=a/'"), e.getMessage());
    }

    @Test
    void leavesTheKernelsObserversAlone() {
        Agent.Transformer t = new Agent.Transformer(List.of("capsid/kernel/"), Agent.excludes(null),
                Instrumenter.Options.KERNEL);
        for (String observer : List.of("capsid/kernel/process/Invariants", "capsid/kernel/process/StepChecks$View",
                "capsid/kernel/process/Snapshot$NsSet",
                "capsid/kernel/process/StateViews", "capsid/kernel/StateView$Task", "capsid/kernel/ProcessView")) {
            // excluded before the bytes are read: none are needed
            assertEquals(null, t.transform(null, observer, null, null, null), observer);
        }
    }
}
