# Orphans inside a pid namespace go to that namespace's init, not to the
# parent's parent and not to the root init.
# ABI 3: "its children are reparented to the init of the exiting process's own
#   pid namespace".
boot
init  fork newpid           => 2  as b       # b: init of namespace B
b     fork                  => 2  as c
c     fork                  => 3  as d
d     fork                  => 4  as e
d     exit 0                                 # e goes to b, not to c
e     getppid               => 1
c     wait                  => 3             # c still reaps d
c     wait                  => ECHILD        # e is not c's
b     wait                  => 0
e     exit 0
b     wait                  => 4
invariants
# a namespace nested in B: its orphans go to its own init
c     fork newpid           => 5  as n
n     fork                  => 2  as o
o     fork                  => 3  as q
o     exit 0
q     getppid               => 1
n     wait                  => 2
q     exit 0
n     wait                  => 3
invariants
