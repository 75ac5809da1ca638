package capsid.gen.fuzz;

import capsid.kernel.call.Call;

/**
 * One step of a symbolic program: task {@code actor} (0 = init, i = the i-th
 * process a successful fork created) makes {@code call}. Two arguments can be
 * symbolic, so that a program keeps its meaning when it is mutated or shrunk:
 * {@code pidTask} ≥ 0 replaces the call's pid argument by the pid task {@code
 * pidTask} has as the actor sees it (its root pid when invisible: {@code @tN} in a
 * scenario); {@code fdStep} ≥ 0 replaces its fd argument by the value step {@code
 * fdStep} returned ({@code $fK}). -1 means the literal in {@code call} is used.
 * A step whose actor or symbol does not resolve when it runs is skipped.
 */
public record FuzzStep(int actor, Call call, int pidTask, int fdStep) {
    public FuzzStep {
        if (actor < 0 || call == null || pidTask < -1 || fdStep < -1) {
            throw new IllegalArgumentException("bad step: " + actor + " " + call + " " + pidTask + " " + fdStep);
        }
        if (pidTask >= 0 && Calls.pidIndex(call) < 0 || fdStep >= 0 && Calls.fdIndex(call) < 0) {
            throw new IllegalArgumentException(call + " has no such argument to make symbolic");
        }
    }

    /** A step with literal arguments only. */
    public static FuzzStep of(int actor, Call call) {
        return new FuzzStep(actor, call, -1, -1);
    }

    public FuzzStep withActor(int a) {
        return new FuzzStep(a, call, pidTask, fdStep);
    }

    public FuzzStep withCall(Call c) {
        return new FuzzStep(actor, c, Calls.pidIndex(c) < 0 ? -1 : pidTask, Calls.fdIndex(c) < 0 ? -1 : fdStep);
    }

    public FuzzStep withPidTask(int t) {
        return new FuzzStep(actor, call, t, fdStep);
    }

    public FuzzStep withFdStep(int s) {
        return new FuzzStep(actor, call, pidTask, s);
    }

    @Override
    public String toString() {
        return "t" + actor + " " + call + (pidTask >= 0 ? " pid=@t" + pidTask : "") + (fdStep >= 0 ? " fd=$f" + fdStep : "");
    }
}
