# setns accepts an fd of any namespace type (mnt ipc net user as well as uts
# and pid); a number that is no open fd is EBADF (negative, never opened,
# closed, far beyond the table).
# ABI 3: "`setns FD` | 0"; "`newipc newnet newuser` create namespace objects that
#   `ns_open` and `setns` handle"; "A closed or revoked fd is `EBADF`".
boot
init  fork newns|newipc|newnet|newuser => 2 as a
init  ns_open @a mnt        => 0  as m
init  ns_open @a ipc        => 1  as i
init  ns_open @a net        => 2  as n
init  ns_open @a user       => 3  as u
init  fork                  => 3  as q       # q inherits 0..3
q     setns $m              => 0
q     setns $i              => 0
q     setns $n              => 0
q     setns $u              => 0
q     getpid                => 3             # none of these moves it in pid terms
q     gethostname           => capsid        # nor in uts terms
invariants
q     setns 4               => EBADF         # never opened
q     setns -1              => EBADF
q     setns 1048576         => EBADF
q     close $n              => 0
q     setns $n              => EBADF         # closed
init  setns $n              => 0             # init's own copy is untouched
invariants
