package capsid.kernel.cap;

import capsid.kernel.Result;
import capsid.kernel.StateView;
import capsid.kernel.StateView.Slot;
import capsid.kernel.call.Call;
import capsid.kernel.call.Rights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capability package's step checks, each the kernel-side twin of the
 * CapabilityDelegation property of the same name: one call, the capability slots
 * before and after it ({@link StateView#caps()}). O(slots). Violations are {@code
 * "Name: detail"} lines; CapStepChecksCatchBrokenStepsTest breaks each on purpose.
 * AuthorityConfined, a state property of the spec (authority reached a process by
 * creation, fork or grant), is checked here on steps: every slot a step adds must
 * be justified by that step's call.
 */
public final class CapStepChecks {
    /** The step checks, by the spec's names. */
    public static final List<String> NAMES = List.of("RevokeRemovesDescendants", "CloseMovesChildrenUp",
            "BadgeNeverChanges", "CopiesCarryBadge", "CopiesAreSiblings", "AuthorityConfined");

    private final List<String> out = new ArrayList<>();
    private final Map<Long, Slot> before = new HashMap<>();
    private final Map<Long, Slot> after = new HashMap<>();

    private CapStepChecks() {
    }

    private static long key(long task, int fd) {
        return task << 21 ^ fd;
    }

    /** Every violation by task {@code caller}'s {@code call}, answered {@code result}, from {@code b} to {@code a}. */
    public static List<String> check(StateView b, long caller, Call call, Result result, StateView a) {
        CapStepChecks s = new CapStepChecks();
        for (Slot x : b.caps()) {
            s.before.put(key(x.task(), x.fd()), x);
        }
        for (Slot x : a.caps()) {
            s.after.put(key(x.task(), x.fd()), x);
        }
        s.run(caller, call, result);
        return s.out;
    }

    private void fail(String name, String detail) {
        out.add(name + ": " + detail);
    }

    private static String at(Slot x) {
        return "task " + x.task() + " fd " + x.fd();
    }

    private void run(long caller, Call call, Result result) {
        boolean ok = !result.isError();
        // BadgeNeverChanges: a slot in use before and after keeps object, rights and badge
        for (Slot x : before.values()) {
            Slot y = after.get(key(x.task(), x.fd()));
            if (y != null && (!y.kind().equals(x.kind()) || y.id() != x.id() || y.rights() != x.rights()
                    || y.badge() != x.badge())) {
                fail("BadgeNeverChanges", at(x) + " changed from " + x.kind() + "#" + x.id() + " "
                        + Rights.render(x.rights()) + " badge " + x.badge() + " to " + y.kind() + "#" + y.id() + " "
                        + Rights.render(y.rights()) + " badge " + y.badge());
            }
        }
        if (ok && call instanceof Call.CapRevoke r) {
            revoke(caller, r.fd(), ((Result.Int) result).value());
        }
        if (ok && call instanceof Call.Close c) {
            close(caller, c.fd());
        }
        copiesAndAuthority(caller, call, result);
    }

    private Set<Long> descendantsBefore(long task, int fd) {
        Map<Long, List<Slot>> kids = new HashMap<>();
        for (Slot x : before.values()) {
            if (x.parentFd() >= 0) {
                kids.computeIfAbsent(key(x.parentTask(), x.parentFd()), k -> new ArrayList<>()).add(x);
            }
        }
        Set<Long> out = new HashSet<>();
        List<Long> todo = new ArrayList<>(List.of(key(task, fd)));
        while (!todo.isEmpty()) {
            long k = todo.remove(todo.size() - 1);
            for (Slot c : kids.getOrDefault(k, List.of())) {
                long ck = key(c.task(), c.fd());
                if (out.add(ck)) {
                    todo.add(ck);
                }
            }
        }
        return out;
    }

    private void revoke(long caller, int fd, long count) {
        Set<Long> desc = descendantsBefore(caller, fd);
        Slot self = before.get(key(caller, fd));
        Slot now = after.get(key(caller, fd));
        if (now == null || self == null || !now.equals(self)) {
            fail("RevokeRemovesDescendants", "task " + caller + " fd " + fd + " changed or went: " + self + " -> " + now);
        }
        for (long k : desc) {
            if (after.containsKey(k)) {
                fail("RevokeRemovesDescendants", "descendant " + at(before.get(k)) + " of task " + caller + " fd " + fd
                        + " survived the revoke");
            }
        }
        for (Slot x : before.values()) {
            long k = key(x.task(), x.fd());
            if (!desc.contains(k) && !after.containsKey(k)) {
                fail("RevokeRemovesDescendants", at(x) + " is no descendant of task " + caller + " fd " + fd
                        + " but the revoke removed it");
            }
        }
        if (count != desc.size()) {
            fail("RevokeRemovesDescendants", "the revoke returned " + count + " but " + desc.size()
                    + " descendants were there");
        }
    }

    private void close(long caller, int fd) {
        Slot s = before.get(key(caller, fd));
        if (s == null) {
            return; // a successful close of a free slot: the process checks report that
        }
        for (Slot x : before.values()) {
            Slot y = after.get(key(x.task(), x.fd()));
            if (y == null || x == s) {
                continue;
            }
            boolean child = x.under(caller, fd);
            long wantTask = child ? s.parentTask() : x.parentTask();
            int wantFd = child ? s.parentFd() : x.parentFd();
            if (y.parentTask() != wantTask || y.parentFd() != wantFd) {
                fail("CloseMovesChildrenUp", at(x) + (child ? ", a child of the closed slot," : "") + " has parent "
                        + y.parentTask() + ":" + y.parentFd() + " after the close, not " + wantTask + ":" + wantFd);
            }
        }
        for (Slot x : before.values()) {
            if (x != s && !after.containsKey(key(x.task(), x.fd()))) {
                fail("CloseMovesChildrenUp", at(x) + " went with the close of fd " + fd);
            }
        }
    }

    /** The slots the step added: each must be made by the call from a source it names (copies keep the badge). */
    private void copiesAndAuthority(long caller, Call call, Result result) {
        for (Slot y : after.values()) {
            if (before.containsKey(key(y.task(), y.fd()))) {
                continue;
            }
            String why = justify(caller, call, result, y);
            if (why != null) {
                String name = why.startsWith("badge") || why.startsWith("rights") ? "CopiesCarryBadge"
                        : why.startsWith("parent") ? "CopiesAreSiblings" : "AuthorityConfined";
                fail(name, "new " + at(y) + " (" + y.kind() + "#" + y.id() + "): " + why);
            }
        }
    }

    /**
     * Null when the call justifies new slot {@code y}, else why not: "badge..." or
     * "rights..." for a copy that differs from its source (CopiesCarryBadge),
     * "parent..." for one in the wrong place of the tree (CopiesAreSiblings), anything
     * else for a slot the call cannot make (AuthorityConfined).
     */
    private String justify(long caller, Call call, Result result, Slot y) {
        if (result.isError()) {
            return "made by a failed " + call.sys().word();
        }
        long ret = result instanceof Result.Int i ? i.value() : -1;
        if (call instanceof Call.NsOpen) {
            if (y.task() != caller || y.fd() != ret) {
                return "ns_open makes one capability in the caller's table";
            }
            return y.parentFd() < 0 ? null : "parent " + y.parentTask() + ":" + y.parentFd() + ": ns_open makes a root";
        }
        if (call instanceof Call.CapDerive d) {
            Slot src = before.get(key(caller, d.fd()));
            if (src == null || y.task() != caller || y.fd() != ret || !sameObject(src, y)
                    || y.rights() != d.rights()) {
                return "cap_derive makes one capability from FD in the caller's table";
            }
            if (!y.under(caller, d.fd())) {
                return "parent " + y.parentTask() + ":" + y.parentFd() + ": cap_derive makes a child of FD";
            }
            long want = d.hasBadge() ? d.badge() : src.badge();
            return y.badge() == want ? null : "badge " + y.badge() + ", not " + want;
        }
        if (call instanceof Call.CapGrant g) {
            Slot src = before.get(key(caller, g.fd()));
            if (src == null || (src.rights() & Rights.GRANT) == 0 || y.fd() != ret || !sameObject(src, y)) {
                return "cap_grant makes one capability from a grant-capable FD";
            }
            if (!y.under(caller, g.fd())) {
                return "parent " + y.parentTask() + ":" + y.parentFd() + ": cap_grant makes a child of FD";
            }
            return copy(src, y);
        }
        if (call instanceof Call.Dup d) {
            Slot src = before.get(key(caller, d.fd()));
            if (src == null || y.task() != caller || y.fd() != ret || !sameObject(src, y)) {
                return "dup makes one copy of FD in the caller's table";
            }
            if (y.parentTask() != src.parentTask() || y.parentFd() != src.parentFd()) {
                return "parent " + y.parentTask() + ":" + y.parentFd() + ": dup makes a sibling of FD";
            }
            return copy(src, y);
        }
        if (call instanceof Call.Fork) {
            Slot src = before.get(key(caller, y.fd()));
            if (src == null || y.task() == caller || !sameObject(src, y)) {
                return "fork copies the caller's slot at the same fd";
            }
            if (y.parentTask() != src.parentTask() || y.parentFd() != src.parentFd()) {
                return "parent " + y.parentTask() + ":" + y.parentFd() + ": fork's copy is a sibling of the original";
            }
            return copy(src, y);
        }
        return call.sys().word() + " makes no capability";
    }

    private static boolean sameObject(Slot a, Slot b) {
        return a.kind().equals(b.kind()) && a.id() == b.id();
    }

    private static String copy(Slot src, Slot y) {
        if (y.badge() != src.badge()) {
            return "badge " + y.badge() + ", not its source's " + src.badge();
        }
        return y.rights() == src.rights() ? null : "rights " + Rights.render(y.rights()) + ", not its source's "
                + Rights.render(src.rights());
    }
}
