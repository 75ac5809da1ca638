# A long chain of derivations is revoked whole.
# ABI 3: "every descendant of FD, transitively".
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r|x       => 1
init  cap_derive 1 r|x       => 2
init  cap_derive 2 r|x       => 3
init  cap_derive 3 r|x       => 4
init  cap_derive 4 r|x       => 5
init  cap_derive 5 r         => 6
init  cap_revoke 3           => 3
init  cap_rights 3           => "r|x"
init  cap_revoke 0           => 3
invariants
