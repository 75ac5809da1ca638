# TERM and KILL kill an ordinary process (it becomes a zombie for its parent);
# signal 0 only probes; kill of a zombie returns 0; a process may kill itself.
# ABI 3: "Processes have no signal handlers. `TERM` and `KILL` kill any process
#   except a namespace init"; "`kill` of a zombie returns 0."
boot
init  fork                  => 2  as a
init  fork                  => 3  as b
init  fork                  => 4  as c
init  kill @a 0             => 0
a     getpid                => 2             # still alive after signal 0
b     kill @a TERM          => 0             # any visible process may signal
init  wait                  => 2
init  kill @b KILL          => 0
init  kill @b KILL          => 0             # b is a zombie now: 0
init  kill @b TERM          => 0
init  kill @b 0             => 0
init  wait @b               => 3
init  kill @b 0             => ESRCH         # reaped
invariants
c     kill @c KILL          => 0             # c kills itself
init  wait                  => 4
init  fork                  => 5  as d
d     fork                  => 6  as e
e     kill 5 TERM           => 0             # a child kills its parent
e     getppid               => 1             # and is reparented to init
init  wait                  => 5
invariants
