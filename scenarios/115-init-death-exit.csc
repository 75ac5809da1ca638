# A namespace init that exits empties its namespace just as one that is
# killed; afterwards a fork into that namespace is ENOMEM, also after the dead
# init has been reaped, and a refused fork uses up no pid.
# ABI 3: "When the init of a pid namespace dies, every other process in it is
#   killed and reaped with it; a later `fork` into that namespace ... fails with
#   `ENOMEM`." ABI 2: "a refused `fork` uses up no pid number."
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     fork                  => 3  as b
b     fork                  => 2  as c       # root pid 4
b     fork                  => 3  as d       # root pid 5
c     exit 0                                 # a zombie for b
b     exit 0
a     fork                  => ENOMEM        # a's children would go into b's namespace
a     wait                  => 3
a     wait                  => ECHILD
a     fork                  => ENOMEM        # empty forever
init  kill 4 0              => ESRCH
init  kill 5 0              => ESRCH
init  fork                  => 6             # the refused forks used no number
invariants
