# fork copies every slot at the same fd as a sibling of its source, rights and badge kept.
# ABI "Finer points": "`dup` and `fork` copies keep the badge".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r 5       => 1
init  fork                   => 2  as a
a     cap_rights 1           => r
a     cap_badge 1            => 5
a     cap_rights 0           => "r|x|grant"
init  cap_revoke 0           => 2
a     cap_rights 1           => EBADF
a     cap_revoke 0           => 0
invariants
