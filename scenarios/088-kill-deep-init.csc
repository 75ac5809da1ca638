# KILL from any ancestor namespace kills a namespace init, not only from its
# parent namespace: from the root two levels up, and from an ordinary (non-init)
# process of the parent namespace. Either way its namespace dies with it, while
# the namespaces above live on.
# ABI 3: "`KILL` from an ancestor namespace kills it."
boot
init  fork newpid           => 2  as l1
l1    fork newpid           => 2  as l2      # root pid 3
l2    fork                  => 2  as w       # 3 in l1's namespace, root pid 4
l1    fork                  => 4  as sib     # ordinary process at level 1
init  kill @l2 TERM         => 0             # TERM: ignored, even from the root
l2    getpid                => 1
init  kill @l2 KILL         => 0             # two levels up: killed
init  kill @w 0             => ESRCH         # its namespace went with it
l1    wait                  => 2             # l2's zombie belongs to l1
l1    getpid                => 1             # level 1 lives on
sib   getppid               => 1
invariants
l1    fork newpid           => 5  as m       # a fresh level-2 namespace
sib   kill @m KILL          => 0             # an ordinary process of the parent namespace
l1    wait                  => 5
invariants
