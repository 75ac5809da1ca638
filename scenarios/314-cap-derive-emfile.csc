# cap_derive into a full table is EMFILE, after every argument check.
# ABI 2/"Finer points": resource errors come after EBADF, EPERM, EINVAL.
boot fd_max=2
init  ns_open 1 uts          => 0
init  cap_derive 0 r         => 1
init  cap_derive 0 r         => EMFILE
init  cap_derive 0 w         => EPERM
init  cap_derive 0 r 0       => EINVAL
init  close 1                => 0
init  cap_derive 0 r         => 1
invariants
