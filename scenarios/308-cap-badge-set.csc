# cap_derive with BADGE sets the badge; without BADGE the child keeps FD's.
# ABI "Finer points": "a derivation without BADGE, `dup` and `fork` copies keep the badge".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r|grant 42 => 1
init  cap_badge 1            => 42
init  cap_derive 1 r         => 2
init  cap_badge 2            => 42
init  cap_derive 0 r         => 3
init  cap_badge 3            => 0
invariants
