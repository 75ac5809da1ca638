# A badge is set once: a BADGE given to a badged FD is EPERM, even a bad one.
# ABI 3: "BADGE >= 1 only when FD has none (`EPERM` otherwise)".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r|grant 7 => 1
init  cap_derive 1 r 8       => EPERM
init  cap_derive 1 r 7       => EPERM
init  cap_derive 1 r 0       => EPERM
init  cap_badge 1            => 7
invariants
