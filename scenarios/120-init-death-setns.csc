# setns into a pid namespace whose init died succeeds (it is a descendant of
# the caller's), but a fork into it then fails with ENOMEM; the caller itself
# is unaffected and can go back to its own namespace.
# ABI 3: "a later `fork` into that namespace (e.g. after `setns` into it, which
#   succeeds) fails with `ENOMEM`."
boot
init  fork newpid           => 2  as b
init  ns_open @b pid        => 0  as bns
init  ns_open 1 pid         => 1  as own
b     exit 0
init  wait                  => 2
init  fork                  => 3  as q       # q inherits fds 0 and 1
q     setns $bns            => 0
q     getpid                => 3
q     fork                  => ENOMEM
q     fork newuts           => ENOMEM
q     setns $own            => 0             # back to q's own namespace
q     fork                  => 4  as r
r     getppid               => 3
init  setns $bns            => 0
init  fork                  => ENOMEM
init  ns_open @b pid        => ESRCH         # reaped: nothing to open
invariants
