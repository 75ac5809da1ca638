package capsid.gen;

import capsid.kernel.call.Call;

/**
 * One step of a generated syscall program: task {@code actor} makes {@code call}.
 * Immutable. A program is replayed on a fresh kernel booted with the same seed,
 * where task ids come out the same (the kernel is deterministic).
 */
public record ProgramStep(long actor, Call call) {
}
