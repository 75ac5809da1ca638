# Closing a root makes its children roots: nothing above them can revoke them.
# ABI 3: "its children move up to its parent" (a root has none: they become roots).
boot
init  ns_open 1 uts          => 0
init  cap_derive 0 r|grant   => 1
init  cap_derive 1 r         => 2
init  close 0                => 0
init  cap_revoke 1           => 1
init  cap_rights 1           => "r|grant"
init  close 5                => EBADF
invariants
