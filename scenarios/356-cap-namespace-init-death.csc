# A pid namespace init's death kills every process of its namespace with it, and
# each of their tables closes: a revoke afterwards finds no descendant left, and a
# grant to a killed process's pid is ESRCH. A grant names its target by the pid the
# caller sees: 2 inside o's namespace is w, whose root pid is 3.
# ABI 3: "When the init of a pid namespace dies, every other process in it is
#   killed and reaped with it"; "`exit` closes the whole table".
boot
init  fork newpid           => 2  as o
o     fork                  => 2  as w       # root pid 3
init  ns_open 1 uts         => 0
init  cap_grant 0 @o        => 0
o     cap_grant 0 2         => 0             # to w
w     cap_derive 0 r        => 1
w     cap_rights 1          => "r"
init  cap_grant 0 3         => 2             # to w again, by its root pid
invariants
init  kill @o KILL          => 0
init  cap_revoke 0          => 0             # o's, w's: all gone with their tables
init  cap_grant 0 3         => ESRCH         # w was killed and reaped with o
init  cap_grant 0 @o        => ESRCH         # o is a zombie
init  wait                  => 2
init  cap_rights 0          => "r|x|grant"
invariants
