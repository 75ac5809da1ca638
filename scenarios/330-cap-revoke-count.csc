# cap_revoke returns how many capabilities it removed and keeps FD.
# ABI 3: "number of capabilities removed: every descendant of FD, transitively ... FD itself stays".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r|grant   => 1
init  cap_derive 0 r         => 2
init  cap_derive 1 r         => 3
init  cap_revoke 0           => 3
init  cap_rights 0           => "r|x|grant"
init  cap_revoke 0           => 0
init  cap_revoke 1           => EBADF
invariants
