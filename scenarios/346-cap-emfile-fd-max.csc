# Every call that adds a slot is EMFILE at fd_max: ns_open, dup, cap_derive, cap_grant to oneself.
# ABI 2: resource errors (`EMFILE`).
boot fd_max=1
init  ns_open 1 uts          => 0
init  ns_open 1 pid          => EMFILE
init  dup 0                  => EMFILE
init  cap_derive 0 r         => EMFILE
init  cap_grant 0 1          => EMFILE
init  cap_revoke 0           => 0
invariants
