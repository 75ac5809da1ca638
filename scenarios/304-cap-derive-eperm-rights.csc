# cap_derive of rights beyond FD's is EPERM, changes nothing, and uses no fd.
# ABI 3: "RIGHTS must be a subset of FD's (`EPERM` otherwise)".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 w         => EPERM
init  cap_derive 0 destroy   => EPERM
init  cap_derive 0 r|w       => EPERM
init  cap_derive 0 r         => 1
init  cap_derive 1 x         => EPERM
init  cap_derive 1 r|grant   => EPERM
init  cap_derive 1 r         => 2
invariants
