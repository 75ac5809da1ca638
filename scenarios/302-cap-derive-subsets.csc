# cap_derive keeps any subset of FD's rights, in the lowest free slot, printed in order.
# ABI 3: "RIGHTS must be a subset of FD's (`EPERM` otherwise)"; "prints them in that order".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r         => 1
init  cap_derive 0 x|r       => 2
init  cap_derive 0 grant|x   => 3
init  cap_derive 0 r|x|grant => 4
init  cap_rights 1           => r
init  cap_rights 2           => "r|x"
init  cap_rights 3           => "x|grant"
init  cap_rights 4           => "r|x|grant"
invariants
