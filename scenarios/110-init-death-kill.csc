# When a namespace init dies, every other process of its namespace is killed and
# reaped with it, nested namespaces included, zombies included, whoever their
# parent is; the init itself stays a zombie for its parent.
# ABI 3: "When the init of a pid namespace dies, every other process in it is
#   killed and reaped with it".
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     fork                  => 3  as b       # init, root pid 3
a     fork                  => 4  as c       # pid 2 inside, parent a
b     fork                  => 3  as d       # root pid 5
d     fork newpid           => 4  as e       # a nested namespace, root pid 6
e     fork                  => 2  as f       # root pid 7
f     exit 0                                 # a zombie inside
init  fork                  => 8  as other   # outside: unaffected
invariants
a     kill @b KILL          => 0
a     wait                  => 3             # b, the init, as a zombie for a
a     wait                  => ECHILD        # c was reaped with b: no zombie for a
a     wait 4                => ECHILD        # not even by its pid
init  kill 4 0              => ESRCH         # c
init  kill 5 0              => ESRCH         # d
init  kill 6 0              => ESRCH         # e
init  kill 7 0              => ESRCH         # f, the zombie, reaped too
init  ns_open 6 pid         => ESRCH
other getppid               => 1
a     getpid                => 2
invariants
