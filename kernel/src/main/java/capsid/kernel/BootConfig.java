package capsid.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * How a kernel boots: its hostname, the seed of its generator, and its limits.
 * The defaults are ABI.md's (hostname {@code capsid}; 32 levels of pid namespaces
 * below the root) and Linux's (pid_max 32768 with RESERVED_PIDS 300; 1024
 * descriptors per process, as the default RLIMIT_NOFILE). Smaller limits exist
 * so that model checking and refinement can reach every boundary with few
 * processes, as Linux lets one lower {@code pid_max}. Immutable.
 *
 * @param hostname    the root uts namespace's hostname
 * @param seed        the seed of the kernel's generator
 * @param pidMax      pids are below this number, in every namespace
 * @param pidReserved where allocation resumes after the numbers wrap
 * @param pidNsLevels how many levels of pid namespaces may exist below the root
 * @param fdMax       capability slots per process
 */
public record BootConfig(String hostname, long seed, int pidMax, int pidReserved, int pidNsLevels, int fdMax) {

    /** ABI.md's and Linux's values. */
    public static final BootConfig DEFAULT = new BootConfig("capsid", 0, 32768, 300, 32, 1024);

    public BootConfig withHostname(String h) {
        return new BootConfig(h, seed, pidMax, pidReserved, pidNsLevels, fdMax);
    }

    public BootConfig withSeed(long s) {
        return new BootConfig(hostname, s, pidMax, pidReserved, pidNsLevels, fdMax);
    }

    public BootConfig withPidMax(int max, int reserved) {
        return new BootConfig(hostname, seed, max, reserved, pidNsLevels, fdMax);
    }

    public BootConfig withPidNsLevels(int levels) {
        return new BootConfig(hostname, seed, pidMax, pidReserved, levels, fdMax);
    }

    public BootConfig withFdMax(int max) {
        return new BootConfig(hostname, seed, pidMax, pidReserved, pidNsLevels, max);
    }

    /** What is wrong with this configuration, one message per problem; empty when it can boot. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!capsid.kernel.ns.UtsNamespace.validHostname(hostname)) {
            out.add("hostname '" + hostname + "': need 1 to 64 characters of [A-Za-z0-9.-]");
        }
        if (pidMax < 2 || pidMax > (1 << 22)) {
            out.add("pid_max " + pidMax + ": need 2 to 4194304");
        }
        if (pidReserved < 1 || pidReserved >= pidMax) {
            out.add("pid_reserved " + pidReserved + ": need at least 1 and below pid_max " + pidMax);
        }
        if (pidNsLevels < 0 || pidNsLevels > 32) {
            out.add("pidns_levels " + pidNsLevels + ": need 0 to 32");
        }
        if (fdMax < 0 || fdMax > (1 << 20)) {
            out.add("fd_max " + fdMax + ": need 0 to 1048576");
        }
        return out;
    }
}
