# BADGE < 1 is EINVAL, after the EPERM checks.
# ABI "Finer points": "BADGE < 1 is `EINVAL`"; errors in order EBADF, EPERM, EINVAL.
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r 0       => EINVAL
init  cap_derive 0 r -1      => EINVAL
init  cap_derive 0 w 0       => EPERM
init  cap_derive 5 w 0       => EBADF
init  cap_derive 0 r 1       => 1
invariants
