# dup makes a sibling with the same rights and badge; EMFILE at fd_max.
# ABI 3: "`dup FD` | a copy in the lowest free slot"; EMFILE for a full table.
boot fd_max=3
init  ns_open 1 uts          => 0
init  cap_derive 0 r 3       => 1
init  dup 1                  => 2
init  cap_badge 2            => 3
init  cap_rights 2           => r
init  dup 1                  => EMFILE
init  dup 9                  => EBADF
init  cap_revoke 0           => 2
invariants
