# For a jailed caller, EPERM comes before every other error: before EBADF in
# setns, before EINVAL in unshare and fork (a second newpid, a non-namespace
# flag), before ENOSPC.
# ABI 3 (finer points): "Errors, when several apply, in this order: `EPERM` for
#   a jailed caller, `EBADF`, ... `EINVAL` ..., resource errors".
boot
init  fork                  => 2  as j
j     unshare newpid        => 0             # before the jail: allowed
j     jail                  => 0
j     setns 77              => EPERM         # no fd 77: still EPERM
j     setns -1              => EPERM
j     unshare newpid        => EPERM         # would be EINVAL unjailed
j     unshare destroy_on_close => EPERM
j     fork destroy_on_close => EPERM
j     fork newpid           => EPERM
j     close 77              => EBADF         # close is no jailed call
j     dup 77                => EBADF
invariants
