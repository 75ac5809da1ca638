# After setns into a descendant pid namespace the namespace for children differs
# from the caller's own, so `fork newpid` and `unshare newpid` are EINVAL (as
# Linux's copy_pid_ns, docs/abi-notes.md); a plain fork lands in the target.
# ABI 3 (finer points): "`fork newpid` creates the child's namespace as a child
#   of the caller's namespace for children"; "A second `unshare newpid` is
#   `EINVAL` while the caller's namespace for children already differs from its
#   own."
boot
init  fork newpid           => 2  as b
init  ns_open @b pid        => 0  as bns
init  fork                  => 3  as q
q     setns $bns            => 0
q     fork newpid           => EINVAL
q     unshare newpid        => EINVAL
q     fork                  => 4  as r       # no pid used by the refusals
r     getpid                => 2
r     fork newpid           => 3  as s       # r lives in B: it may nest below
s     getpid                => 1
invariants
