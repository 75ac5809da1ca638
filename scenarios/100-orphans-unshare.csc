# The ABI's own case: a child forked after `unshare newpid` lives in the new
# namespace but its parent does not; when the parent exits, the child goes to
# the init of the PARENT's namespace (here the root init) and keeps getppid 0.
# ABI 3: "children are reparented to the init of the exiting process's own pid
#   namespace (so a child forked after `unshare newpid` goes to its parent's
#   namespace init and keeps `getppid` 0)".
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     fork                  => 3  as b       # init of the new namespace
a     fork                  => 4  as c       # pid 2 there
c     fork                  => 3  as d       # pid 3 there, parent c
a     exit 0
b     getppid               => 0
c     getppid               => 0             # kept: the root init is invisible to c
init  wait                  => 2             # a
init  wait                  => 0             # b and c are init's children now
c     exit 0                                 # d goes to b: the init of c's namespace
d     getppid               => 1
init  wait @c               => 4
b     wait                  => 0
d     exit 0
b     wait                  => 3
invariants
b     exit 0
init  wait                  => 3
init  wait                  => ECHILD
invariants
# the same one level down: c2, an ordinary process of B, unshares newpid and
# forks e, the init of C below B; when c2 exits, e goes to b (the init of c2's
# own namespace), and keeps getppid 0 since b is invisible in C
boot
init  fork newpid           => 2  as b
b     fork                  => 2  as c2
c2    unshare newpid        => 0
c2    fork                  => 3  as e       # 3 in B; pid 1 in C
e     getpid                => 1
c2    exit 0
e     getppid               => 0
b     wait                  => 2             # c2
b     wait                  => 0             # e is b's child now
e     exit 0
b     wait                  => 3
b     wait                  => ECHILD
invariants
