# cap_grant: PID <= 0 is EINVAL, an unknown pid ESRCH, a zombie ESRCH.
# ABI "Finer points": EINVAL before ESRCH; "`ns_open` of a zombie is `ESRCH`", likewise a grant.
boot
init  fork                   => 2  as a
init  ns_open 1 uts          => 0
init  cap_grant 0 0          => EINVAL
init  cap_grant 0 -4         => EINVAL
init  cap_grant 0 77         => ESRCH
a     exit 0
init  cap_grant 0 @a         => ESRCH
init  wait                   => 2
init  cap_grant 0 @a         => ESRCH
invariants
