# The death of a nested namespace's init empties only that namespace: the
# enclosing namespace lives on. The death of an enclosing init empties every
# namespace below it too; a fork into any of them, after setns into it, is
# ENOMEM.
# ABI 3: "When the init of a pid namespace dies, every other process in it is
#   killed and reaped with it; a later `fork` into that namespace (e.g. after
#   `setns` into it, which succeeds) fails with `ENOMEM`."
boot
init  fork newpid           => 2  as o       # O
o     fork                  => 2  as ow      # root 3
o     fork newpid           => 3  as n       # N below O, root 4
n     fork                  => 2  as nw      # root 5
init  ns_open @n pid        => 0  as nns
init  ns_open @o pid        => 1  as ons
n     exit 0                                 # only N dies
init  kill 5 0              => ESRCH         # nw
ow    getppid               => 1             # O is untouched
o     wait                  => 3
o     fork                  => 5  as ow2     # O's sequence goes on (4 was nw)
invariants
init  kill @o KILL          => 0
init  kill @ow 0            => ESRCH
init  kill @ow2 0           => ESRCH
init  wait                  => 2
init  fork                  => 7  as q       # q has nns and ons
q     setns $ons            => 0
q     fork                  => ENOMEM
q     setns $nns            => 0
q     fork                  => ENOMEM
q     getpid                => 7
invariants
