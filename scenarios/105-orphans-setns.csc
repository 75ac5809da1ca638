# A child forked after `setns` into a descendant pid namespace is, like one
# forked after `unshare newpid`, in a namespace its parent is not in: when the
# parent exits it goes to the init of the parent's own namespace and keeps
# getppid 0. The caller's own namespace is still its parent namespace, so a
# KILL it sends to that namespace's init comes from an ancestor.
# ABI 3: "its children are reparented to the init of the exiting process's own
#   pid namespace"; "a pid namespace applies to future children only"; "`KILL`
#   from an ancestor namespace kills it".
boot
init  fork newpid           => 2  as b
init  ns_open @b pid        => 0  as bns
init  fork                  => 3  as q
q     setns $bns            => 0
q     fork                  => 4  as r       # r: pid 2 in B, parent q outside
r     getppid               => 0
q     exit 0
r     getppid               => 0             # now init's child, still invisible
init  wait                  => 3             # q
init  wait                  => 0             # b and r alive
r     exit 0
init  wait @r               => 4
invariants
init  fork                  => 5  as s
s     setns $bns            => 0
s     kill @b TERM          => 0             # TERM: ignored
b     getpid                => 1
s     kill @b KILL          => 0             # s lives in the root namespace
init  wait @b               => 2
s     fork                  => ENOMEM        # its namespace for children died
invariants
