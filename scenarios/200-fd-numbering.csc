# fd numbers: the lowest free number from 0, for ns_open and dup alike; close
# frees a slot (closing it again is EBADF); dup of a bad fd is EBADF; a dup is
# a sibling that outlives the fd it was made from.
# ABI 3: "fd numbers are the lowest free number from 0"; "`dup FD` | new fd, same
#   capability"; "`close` removes only that slot"; "A closed or revoked fd is
#   `EBADF`".
boot
init  fork                  => 2  as a
a     ns_open 1 uts         => 0  as f0
a     dup $f0               => 1  as f1
a     ns_open 1 mnt         => 2  as f2
a     close $f1             => 0
a     close $f1             => EBADF
a     dup $f1               => EBADF
a     dup 3                 => EBADF
a     dup -1                => EBADF
a     close -1              => EBADF
a     close 1024            => EBADF
a     dup $f2               => 1             # the hole at 1 is filled first
a     ns_open 1 pid         => 3
invariants
a     close 0               => 0
a     close 2               => 0
a     ns_open 1 net         => 0
a     dup 0                 => 2
a     dup 3                 => 4
invariants
# a dup keeps working after the original is closed
init  fork newuts           => 3  as b
b     sethostname bee       => 0
init  ns_open @b uts        => 0  as orig
init  dup $orig             => 1  as copy
init  close $orig           => 0
init  setns $copy           => 0
init  gethostname           => bee
invariants
