# getpid/getppid answer in the caller's own pid namespace; getppid is 0 when
# the parent is not visible there.
# ABI 3: "`getpid` / `getppid` | pid in the caller's namespace; `getppid` is 0
#   when the parent is not visible".
boot
init  fork                  => 2  as a
a     fork                  => 3  as b
b     getppid               => 2
a     fork newpid           => 4  as c       # c: init of a new namespace
c     getpid                => 1
c     getppid               => 0             # a lives outside c's namespace
c     fork                  => 2  as d
d     getpid                => 2
d     getppid               => 1             # c is visible to d as pid 1
d     fork newpid           => 3  as e       # e: one level deeper
e     getpid                => 1
e     getppid               => 0
e     fork                  => 2  as f
f     getppid               => 1
invariants
