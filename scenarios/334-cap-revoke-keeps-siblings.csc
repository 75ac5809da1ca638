# Fork copies and dups are siblings, not descendants: revoking one leaves the other.
# The interface: "dup FD: a sibling"; "fork: every slot copied ... as a sibling of its source".
boot
init  ns_open 1 uts          => 0
init  dup 0                  => 1
init  cap_derive 0 r         => 2
init  cap_derive 1 r         => 3
init  cap_revoke 0           => 1
init  cap_rights 3           => r
init  cap_revoke 1           => 1
init  cap_rights 1           => "r|x|grant"
invariants
