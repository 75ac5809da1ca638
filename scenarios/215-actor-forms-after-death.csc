# The `%PID` actor reaches a live process by its root pid, also one that lives
# in a nested namespace; `@NAME` keeps naming the number NAME had after it died
# and was reaped.
# ABI 1: "`%PID`: the live process whose pid in the root namespace is PID";
#   "`@NAME` keeps working after NAME died: it is the number NAME had."
boot
init  fork newpid           => 2  as b
b     fork                  => 2  as c       # root pid 3
%2    getpid                => 1             # b
%3    getpid                => 2             # c
%3    getppid               => 1
%1    getpid                => 1             # the root init
%3    sethostname via-pid   => 0
init  gethostname           => via-pid
invariants
c     exit 0
b     wait @c               => 2             # @c from b: 2, the number c had
b     kill @c 0             => ESRCH         # still 2, and 2 is nobody now
init  kill @c 0             => ESRCH         # 3 in the root namespace
b     fork                  => 3  as d       # root pid 4
%4    getpid                => 3
invariants
