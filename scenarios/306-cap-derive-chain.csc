# A derived capability can be derived again; each is a child of its source.
# ABI 3: "new fd, a child of FD in the derivation tree".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r|x|grant => 1
init  cap_derive 1 r|x       => 2
init  cap_derive 2 r         => 3
init  cap_revoke 2           => 1
init  cap_rights 3           => EBADF
init  cap_revoke 0           => 2
invariants
