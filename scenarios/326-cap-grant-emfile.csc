# cap_grant into a full target table is EMFILE, after ESRCH.
# ABI "Finer points": resource errors come last.
boot fd_max=1
init  fork                   => 2  as a
init  ns_open 1 uts          => 0
a     ns_open 1 pid          => 0
init  cap_grant 0 @a         => EMFILE
init  cap_grant 0 99         => ESRCH
a     close 0                => 0
init  cap_grant 0 @a         => 0
invariants
