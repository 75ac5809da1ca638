package capsid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsid.kernel.Kernel;
import capsid.kernel.ProcessView;
import capsid.kernel.Result;
import capsid.kernel.call.Call;
import capsid.kernel.call.Flags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmarks do what they claim: their calls succeed (no benchmark measures an
 * errno), and a fork+exit+wait cycle leaves the process table as it found it.
 * Calls the benchmark methods directly; nothing here is timed.
 */
class BenchmarksTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void getpidReturnsInitsPid(boolean events) {
        SyscallBench b = new SyscallBench();
        b.events = events;
        b.boot();
        int before = b.kernel().events().size();
        for (int i = 0; i < 10; i++) {
            Result r = b.getpid();
            assertEquals(new Result.Int(1), r);
        }
        assertEquals(before, b.kernel().events().size(), "getpid records no event");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forkExitWaitLeavesTheTableAsItWas(boolean events) {
        SyscallBench b = new SyscallBench();
        b.events = events;
        b.boot();
        Kernel k = b.kernel();
        int eventsBefore = k.events().size();
        int last = 1;
        for (int i = 0; i < 100; i++) {
            int pid = b.forkExitWait();
            assertTrue(pid > last, "fresh pid each time: " + pid + " after " + last);
            last = pid;
            assertEquals(1, k.processes().size());
        }
        assertEquals(events ? eventsBefore + 300 : eventsBefore, k.events().size(),
                "3 events per triple when recording, none otherwise");
        assertEquals(k.initTid(), k.processes().get(0).tid());
        assertTrue(k.checkInvariants().isEmpty(), k.checkInvariants().toString());
    }

    @Test
    void forkExitWaitRebootsAfterABoundedNumberOfTriples() {
        SyscallBench b = new SyscallBench();
        b.events = true;
        b.boot();
        Kernel first = b.kernel();
        for (int i = 0; i < SyscallBench.REBOOT_EVERY; i++) {
            b.forkExitWait();
        }
        assertEquals(1 + 3 * SyscallBench.REBOOT_EVERY, first.events().size());
        b.forkExitWait();
        assertNotSame(first, b.kernel());
        assertEquals(1 + 3, b.kernel().events().size(), "the boot event and one triple");
        assertEquals(1, b.kernel().processes().size());
    }

    @ParameterizedTest
    @EnumSource(ForkVariant.class)
    void everyForkVariantCyclesCleanly(ForkVariant v) {
        ForkFlagsBench b = new ForkFlagsBench();
        b.variant = v;
        b.boot();
        for (int i = 0; i < 50; i++) {
            assertTrue(b.cycle() > 1);
        }
        assertEquals(1, b.kernel().processes().size());
        assertTrue(b.kernel().checkInvariants().isEmpty(), b.kernel().checkInvariants().toString());
    }

    @ParameterizedTest
    @EnumSource(ForkVariant.class)
    void everyForkVariantCreatesTheNamespacesItNames(ForkVariant v) {
        assertEquals(v.flags(), v.call().flags());
        assertEquals(v == ForkVariant.ALL ? Flags.NAMESPACES : v == ForkVariant.PLAIN ? 0 : 1 << (v.ordinal() - 1),
                v.flags());
        Kernel k = Cycles.boot(true);
        long init = k.initTid();
        Result r = k.syscall(init, v.call());
        assertTrue(r instanceof Result.Int, v + ": " + r.render());
        ProcessView child = k.process(k.resolve(init, (int) ((Result.Int) r).value()));
        boolean newPid = (v.flags() & Flags.NEWPID) != 0;
        assertEquals(newPid ? 2 : 1, child.pids().size());
        assertEquals(newPid ? 1 : child.rootPid(), child.pids().get(child.pids().size() - 1).pid());
        String args = k.events().get(k.events().size() - 1).args();
        for (String word : Flags.words(v.flags())) {
            assertTrue(args.contains('"' + word + '"'), v + ": " + args);
        }
    }

    @Test
    void interleavedRunsEveryVariantEquallyAndLeavesTheTableAsItWas() {
        ForkFlagsInterleavedBench b = new ForkFlagsInterleavedBench();
        b.boot();
        ForkFlagsInterleavedBench.Timings t = new ForkFlagsInterleavedBench.Timings();
        t.reset();
        for (int i = 0; i < ForkFlagsInterleavedBench.VARIANT_COUNT; i++) {
            b.interleaved(t);
        }
        assertEquals((long) ForkFlagsInterleavedBench.VARIANT_COUNT * ForkFlagsInterleavedBench.BATCH,
                t.cyclesPerVariant());
        long[] byName = {t.plainNanos(), t.newpidNanos(), t.newutsNanos(), t.newnsNanos(), t.newipcNanos(),
            t.newnetNanos(), t.newuserNanos(), t.allNanos()};
        for (ForkVariant v : ForkVariant.values()) {
            assertTrue(byName[v.ordinal()] > 0, v + " was timed");
            assertEquals(byName[v.ordinal()], t.nanos[v.ordinal()], v + "'s counter method");
        }
        assertEquals(1, b.kernel().processes().size());
        t.reset();
        assertEquals(0, t.cyclesPerVariant());
        assertEquals(0, t.plainNanos());
    }

    @Test
    void aCycleWhoseCallFailsThrowsInsteadOfBeingMeasured() {
        Kernel k = Cycles.boot(false);
        long init = k.initTid();
        assertEquals(Result.Int.ZERO, k.syscall(init, Call.Jail.INSTANCE));
        // a jailed process may not fork with flags: EPERM
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Cycles.forkExitWait(k, init, ForkVariant.NEWPID.call()));
        assertTrue(e.getMessage().contains("EPERM"), e.getMessage());
        // no such caller: ESRCH
        assertThrows(IllegalStateException.class, () -> Cycles.forkExitWait(k, 12345, ForkVariant.PLAIN.call()));
        // wait reaping another zombie than the forked child
        Kernel k2 = Cycles.boot(false);
        long init2 = k2.initTid();
        Result first = k2.syscall(init2, ForkVariant.PLAIN.call());
        long firstTid = k2.resolve(init2, (int) ((Result.Int) first).value());
        assertEquals(Result.Int.ZERO, k2.syscall(firstTid, new Call.Exit(0)));
        e = assertThrows(IllegalStateException.class, () -> Cycles.forkExitWait(k2, init2, ForkVariant.PLAIN.call()));
        assertTrue(e.getMessage().contains("wait"), e.getMessage());
    }

    @Test
    void memoryProbeCountsLiveProcesses() throws BenchException {
        assertTrue(MemoryProbe.liveProcessBytes(2, 300, 0) > 0);
        assertTrue(MemoryProbe.liveProcessBytes(2, 300, Flags.NEWPID) > 0);
    }

    @Test
    void memoryProbeRefusesAFailingFork() {
        // 32,767 is the most a root namespace holds with init: one more child fails (EAGAIN)
        BenchException e = assertThrows(BenchException.class, () -> MemoryProbe.liveProcessBytes(1, 32_767, 0));
        assertTrue(e.getMessage().contains("EAGAIN"), e.getMessage());
    }
}
