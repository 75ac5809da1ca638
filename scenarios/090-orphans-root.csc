# Orphans in the root namespace go to the root init: getppid becomes 1 and the
# init reaps them; zombies are reparented too, and wait then takes them in the
# order they exited.
# ABI 3: "When a process exits, its children are reparented to the init of the
#   exiting process's own pid namespace"; wait: "without PID, the one that
#   exited first".
boot
init  fork                  => 2  as a
a     fork                  => 3  as g
a     fork                  => 4  as h
g     getppid               => 2
a     exit 0
g     getppid               => 1
h     getppid               => 1
init  wait                  => 2
init  wait                  => 0             # g and h are alive children now
g     exit 0
init  wait                  => 3
h     exit 0
init  wait @h               => 4
init  wait                  => ECHILD
invariants
# zombie children move with their exit order intact
init  fork                  => 5  as p
init  fork                  => 6  as x
p     fork                  => 7  as y
p     fork                  => 8  as z
z     exit 0
x     exit 0
y     exit 0
p     exit 0
init  wait                  => 8             # z exited first
init  wait                  => 6             # x
init  wait                  => 7             # y
init  wait                  => 5             # p
init  wait                  => ECHILD
invariants
