# Pid allocation in one namespace: sequential, and a freed number is not reused.
# ABI 3: "Pids are allocated sequentially per namespace; a freed number is not
#   reused until the numbers wrap at 32768." fork returns the "child pid as seen
#   by the caller".
boot
init  fork                  => 2  as a
init  fork                  => 3  as b
a     fork                  => 4  as c       # one sequence for the whole namespace
a     getpid                => 2
b     getpid                => 3
c     getpid                => 4
c     getppid               => 2
b     getppid               => 1
invariants
b     exit 0
init  wait                  => 3
init  fork                  => 5  as d       # 3 is free but not reused
c     exit 0
a     wait                  => 4
a     fork                  => 6  as e
e     getppid               => 2
d     fork                  => 7
invariants
