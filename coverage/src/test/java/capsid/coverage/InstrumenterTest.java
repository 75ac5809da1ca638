package capsid.coverage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.coverage.sample.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The instrumenter on the sample classes, run through a child class loader (no agent). */
class InstrumenterTest {
    static final Instrumenter.Options ACT = new Instrumenter.Options("Lcapsid/coverage/sample/Act;",
            "Lcapsid/coverage/sample/Act$List;");
    static final String S = "capsid/coverage/sample/Sample";

    static byte[] bytes(String internalName) throws IOException {
        try (InputStream in = InstrumenterTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the sample package's classes itself, instrumented; delegates everything else. */
    static final class Instrumenting extends ClassLoader {
        final List<ProbeInfo> probes = new ArrayList<>();

        Instrumenting() {
            super(InstrumenterTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("capsid.coverage.sample.") || name.endsWith("AgentMain")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        Instrumenter.Result r = Instrumenter.instrument(bytes(name.replace('.', '/')), ACT, this);
                        probes.addAll(r.probes());
                        c = defineClass(name, r.bytes(), 0, r.bytes().length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    static Object call(Class<?> c, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = c.getMethod(name, types);
        return m.invoke(null, args);
    }

    static List<ProbeInfo> of(Instrumenter.Result r, String method) {
        return r.probes().stream().filter(p -> p.methodName().equals(method)).toList();
    }

    @Test
    void placesTheExpectedProbesWithStableIds() throws Exception {
        Instrumenter.Result r = Instrumenter.instrument(bytes(S), ACT, null);
        List<ProbeInfo> sign = of(r, "sign");
        assertEquals(List.of(ProbeKind.ENTRY, ProbeKind.TAKEN, ProbeKind.FALLTHROUGH, ProbeKind.TAKEN,
                ProbeKind.FALLTHROUGH), sign.stream().map(ProbeInfo::kind).toList());
        assertEquals(List.of(S + ".sign(I)I#0", S + ".sign(I)I#1", S + ".sign(I)I#2", S + ".sign(I)I#3",
                S + ".sign(I)I#4"), sign.stream().map(ProbeInfo::id).toList());
        // lines: entry is the method's first line, branches their own line
        assertTrue(sign.get(0).line() > 0 && sign.get(3).line() > sign.get(1).line(), sign.toString());
        List<ProbeInfo> name = of(r, "name");
        assertEquals(List.of(ProbeKind.ENTRY, ProbeKind.CASE, ProbeKind.CASE, ProbeKind.CASE, ProbeKind.DEFAULT),
                name.stream().map(ProbeInfo::kind).toList());
        assertEquals(List.of(ProbeKind.ENTRY, ProbeKind.CASE, ProbeKind.CASE, ProbeKind.DEFAULT),
                of(r, "sparse").stream().map(ProbeInfo::kind).toList());
        // sum: entry, loop condition (2), i % 3 == 0 (2)
        assertEquals(5, of(r, "sum").size());
        // every method of Sample has an entry probe, abstract ones (none here) excepted
        assertEquals(r.probes().stream().filter(p -> p.kind() == ProbeKind.ENTRY).count(),
                r.probes().stream().map(ProbeInfo::methodKey).distinct().count());

        Instrumenter.Result again = Instrumenter.instrument(bytes(S), ACT, null);
        assertEquals(r.probes(), again.probes());
        assertArrayEquals(r.bytes(), again.bytes());
    }

    @Test
    void readsTheSpecActionsSingleAndRepeated() throws Exception {
        Instrumenter.Result r = Instrumenter.instrument(bytes(S), ACT, null);
        assertEquals(List.of(new ActionRef("S", "Sign")), of(r, "sign").get(0).actions());
        assertEquals(List.of(new ActionRef("S", "Name"), new ActionRef("T", "Other")), of(r, "name").get(3).actions());
        assertEquals(List.of(), of(r, "sparse").get(0).actions());
        // with the kernel's descriptor the sample's annotation is not a spec action
        assertEquals(List.of(), of(Instrumenter.instrument(bytes(S)), "sign").get(0).actions());
    }

    @Test
    void leavesInterfacesWithoutCodeAlone() throws Exception {
        byte[] act = bytes("capsid/coverage/sample/Act");
        Instrumenter.Result r = Instrumenter.instrument(act, ACT, null);
        assertTrue(r.probes().isEmpty());
        assertArrayEquals(act, r.bytes());
    }

    @Test
    void instrumentedCodeBehavesTheSameAndCountsTheEdgesTaken() throws Exception {
        Instrumenting loader = new Instrumenting();
        Class<?> c = loader.loadClass("capsid.coverage.sample.Sample");
        Class<?>[] i = {int.class};
        int before = Probes.count();
        Probes.reset();
        for (int x : new int[] {-7, -1, 0, 1, 2, 3, 5, 10, 1000}) {
            assertEquals(Sample.sign(x), call(c, "sign", i, x));
            assertEquals(Sample.name(x), call(c, "name", i, x));
            assertEquals(Sample.sparse(x), call(c, "sparse", i, x));
        }
        for (String s : new String[] {"12", "x", null}) {
            assertEquals(Sample.parse(s), call(c, "parse", new Class<?>[] {String.class}, s));
        }
        assertEquals(Sample.pick(true), call(c, "pick", new Class<?>[] {boolean.class}, true));
        assertEquals(Sample.pick(false), call(c, "pick", new Class<?>[] {boolean.class}, false));
        Object sample = c.getConstructor(int.class).newInstance(4);
        assertEquals(new Sample(4).sum(20), c.getMethod("sum", int.class).invoke(sample, 20));
        Class<?> color = loader.loadClass("capsid.coverage.sample.Sample$Color");
        for (Object k : color.getEnumConstants()) {
            assertEquals(Sample.color(Sample.Color.valueOf(k.toString())), call(c, "color", new Class<?>[] {color}, k));
        }
        Object square = loader.loadClass("capsid.coverage.sample.Sample$Square").getConstructor().newInstance();
        assertEquals(true, loader.loadClass("capsid.coverage.sample.Sample$Shape").getMethod("polygon")
                .invoke(square));
        assertTrue(Probes.count() > before);
        assertTrue(Probes.installed());

        // now only one side: sign(5) takes neither jump of "if (x > 0)"'s else side
        Probes.reset();
        assertEquals(1, call(c, "sign", i, 5));
        CoverageSnapshot s = Probes.snapshot();
        String sign = S + ".sign(I)I#";
        assertEquals(1, s.count(sign + 0));
        assertEquals(0, s.count(sign + 1), "x > 0 holds: the jump past the return is not taken");
        assertEquals(1, s.count(sign + 2));
        assertEquals(0, s.count(sign + 3));
        assertEquals(0, s.count(sign + 4));
        Probes.reset();
        for (int k = 0; k < 3; k++) {
            call(c, "sign", i, -5);
        }
        s = Probes.snapshot();
        assertEquals(List.of(3L, 3L, 0L, 0L, 3L), List.of(s.count(sign + 0), s.count(sign + 1), s.count(sign + 2),
                s.count(sign + 3), s.count(sign + 4)));
        call(c, "name", i, 2);
        CoverageSnapshot s2 = Probes.snapshot();
        String name = S + ".name(I)Ljava/lang/String;#";
        assertEquals("1 0 1 0 0", List.of(0, 1, 2, 3, 4).stream().map(k -> String.valueOf(s2.count(name + k)))
                .collect(Collectors.joining(" ")));
    }

    @Test
    void collectNewReportsEachProbeOnceAndResetClears() throws Exception {
        Instrumenting loader = new Instrumenting();
        Class<?> c = loader.loadClass("capsid.coverage.sample.Sample");
        Class<?>[] i = {int.class};
        call(c, "sign", i, 1); // registers the class
        Probes.reset();
        BitSet seen = new BitSet();
        assertEquals(0, Probes.collectNew(seen));
        call(c, "sign", i, 1);
        assertEquals(2, Probes.collectNew(seen), "entry and the fall-through of x > 0");
        assertEquals(0, Probes.collectNew(seen));
        call(c, "sign", i, 0);
        assertEquals(2, Probes.collectNew(seen), "the jumps past both returns are taken");
        ProbeMap map = Probes.map();
        assertEquals(Probes.count(), map.size());
        List<String> ids = seen.stream().mapToObj(k -> map.get(k).id()).sorted().toList();
        assertEquals(List.of(S + ".sign(I)I#0", S + ".sign(I)I#1", S + ".sign(I)I#2", S + ".sign(I)I#3"), ids);
        Probes.reset();
        assertEquals(0, Probes.collectNew(new BitSet()));
    }

    @Test
    void collectNewBucketsCountsAProbeAgainWhenItIsReachedMoreOften() throws Exception {
        Instrumenting loader = new Instrumenting();
        Class<?> c = loader.loadClass("capsid.coverage.sample.Sample");
        Class<?>[] i = {int.class};
        call(c, "sign", i, 1); // registers the class
        BitSet seen = new BitSet();
        Probes.reset();
        call(c, "sign", i, 1);
        assertEquals(2, Probes.collectNewBuckets(seen), "entry and fall-through, once each: bucket 0");
        Probes.reset();
        call(c, "sign", i, 1);
        assertEquals(0, Probes.collectNewBuckets(seen), "the same counts again: nothing new");
        Probes.reset();
        for (int k = 0; k < 5; k++) {
            call(c, "sign", i, 1);
        }
        assertEquals(2, Probes.collectNewBuckets(seen), "five times: the 4-7 bucket of the same two probes");
        Probes.reset();
        for (int k = 0; k < 6; k++) {
            call(c, "sign", i, 1);
        }
        assertEquals(0, Probes.collectNewBuckets(seen), "six times: still the 4-7 bucket");
        assertEquals(List.of(0, 1, 2, 3, 3, 3, 3, 4, 5, 6, 7), List.of(1, 2, 3, 4, 7, 5, 6, 8, 16, 100, 128).stream()
                .map(Probes::bucket).toList());
    }
}
