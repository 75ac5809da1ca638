# A namespace init ignores TERM from anyone and KILL from inside its own
# namespace (itself included; the call still returns 0); KILL from an ancestor
# namespace kills it (and with it its whole namespace).
# ABI 3: "a namespace init ... ignores `TERM` from anyone and `KILL` from inside
#   its own namespace (itself included; the call still returns 0); `KILL` from an
#   ancestor namespace kills it."
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     fork                  => 3  as b       # init of the new namespace
b     fork                  => 2  as c
c     kill 1 KILL           => 0             # from inside: ignored
c     kill 1 TERM           => 0
c     kill 1 15             => 0
b     kill 1 KILL           => 0             # itself: ignored
b     kill 1 TERM           => 0
b     getpid                => 1
a     kill @b TERM          => 0             # TERM from an ancestor: ignored too
init  kill @b TERM          => 0
b     getpid                => 1
a     wait                  => 0             # no zombie appeared
invariants
# a process in a nested namespace is inside too
b     fork newpid           => 3  as n
n     kill @b KILL          => ESRCH         # b is not even visible from n
b     kill @n TERM          => 0             # an ancestor, but TERM: ignored
n     getpid                => 1
b     kill @n KILL          => 0             # KILL from the parent namespace
b     wait                  => 3
invariants
a     kill @b KILL          => 0             # KILL from an ancestor kills it
a     wait                  => 3
a     wait                  => ECHILD
init  kill @c 0             => ESRCH         # c died with its init
invariants
