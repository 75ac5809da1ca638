# wait PID: reaps that child only; 0 while it lives; ECHILD when PID is not a
# child (a grandchild, an unknown pid, one reaped already); EINVAL for PID <= 0.
# ABI 3: "`0` when the caller has children but none (or not PID) has exited;
#   `ECHILD` when it has no children (or PID is not its child)"; "`wait` with
#   PID <= 0 is `EINVAL`".
boot
init  wait 0                => EINVAL
init  wait -1               => EINVAL
init  fork                  => 2  as a
init  fork                  => 3  as b
a     fork                  => 4  as g
init  wait 0                => EINVAL
init  wait -7               => EINVAL
init  wait @b               => 0
init  wait @g               => ECHILD        # a grandchild
init  wait 999             => ECHILD
b     exit 0
a     exit 0
init  wait @a               => 2             # PID chosen over exit order
init  wait @a               => ECHILD        # reaped already
init  wait @b               => 3
g     getppid               => 1             # g was reparented to init
init  wait @g               => 0
g     exit 0
init  wait 4                => 4
init  wait                  => ECHILD
invariants
