# The error order of cap_derive and cap_grant: EBADF < EPERM < EINVAL < ESRCH < EMFILE.
# ABI "Finer points": "Errors, when several apply, in this order".
boot fd_max=2
init  fork                   => 2  as a
init  cap_derive 0 w 0       => EBADF
init  cap_grant 0 0          => EBADF
init  ns_open 1 uts          => 0
init  cap_derive 0 r         => 1
init  cap_derive 1 w 0       => EPERM
init  cap_derive 1 r 0       => EINVAL
init  cap_derive 1 r 2       => EMFILE
init  cap_grant 1 0          => EPERM
init  cap_grant 0 0          => EINVAL
init  cap_grant 0 50         => ESRCH
init  cap_grant 0 1          => EMFILE
invariants
