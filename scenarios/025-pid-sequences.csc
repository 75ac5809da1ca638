# Each pid namespace has its own sequence: a process gets one number in every
# namespace it is visible in, each the next free one of that namespace; numbers
# freed in one namespace are not reused there.
# ABI 3: "Pids are allocated sequentially per namespace; a freed number is not
#   reused until the numbers wrap at 32768."
boot
init  fork newpid           => 2  as p       # P: p is 1
p     fork                  => 2  as p2      # root 3
init  fork                  => 4  as r       # the root sequence skips 3
p     fork                  => 3  as p3      # root 5
p2    exit 0
p     wait                  => 2
p     fork                  => 4  as p4      # 2 not reused in P; root 6
p4    getpid                => 4
init  kill @p4 0            => 0
init  kill 6 0              => 0             # p4's root number
p     kill 6 0              => ESRCH         # nobody is 6 in P
r     exit 0
init  wait                  => 4
init  fork                  => 7  as r2      # 4 not reused in the root namespace
invariants
# a nested namespace: three numbers for one process
p4    fork newpid           => 5  as q       # Q below P: q is 1 in Q, 5 in P, 8 in root
q     getpid                => 1
p     kill @q 0             => 0
p     kill 5 0              => 0
init  kill 8 0              => 0
q     fork                  => 2  as q2      # 2 in Q, 6 in P, 9 in root
p     kill 6 0              => 0
init  kill 9 0              => 0
invariants
