# cap_grant puts a child of FD, with FD's rights and badge, in the target's lowest free slot.
# ABI "Finer points": "`cap_grant` gives the target FD's rights and badge".
boot
init  fork                   => 2  as a
init  ns_open 1 uts          => 0
init  cap_derive 0 r|grant 9 => 1
init  cap_grant 1 @a         => 0
a     cap_rights 0           => "r|grant"
a     cap_badge 0            => 9
init  cap_revoke 1           => 1
a     cap_rights 0           => EBADF
invariants
