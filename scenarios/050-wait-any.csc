# wait without PID: ECHILD without children, 0 when children exist but none has
# exited, else the pid of the zombie that exited first.
# ABI 3: "`wait [PID]` | pid of the reaped zombie child (without PID, the one that
#   exited first); `0` when the caller has children but none (or not PID) has
#   exited; `ECHILD` when it has no children".
boot
init  wait                  => ECHILD
init  fork                  => 2  as a
init  fork                  => 3  as b
init  fork                  => 4  as c
init  wait                  => 0
c     exit 0
a     exit 1
b     exit 2
invariants
init  wait                  => 4             # c exited first
init  wait                  => 2             # then a
init  wait                  => 3
init  wait                  => ECHILD
invariants
# a grandchild's exit is not the caller's business
init  fork                  => 5  as p
p     fork                  => 6  as q
q     exit 0
init  wait                  => 0
p     wait                  => 6
p     wait                  => ECHILD
invariants
