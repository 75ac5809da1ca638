# close removes one slot; its children move up to its parent.
# ABI 3: "`close` removes only that slot; its children move up to its parent in the tree."
boot
init  fork                   => 2  as a
init  ns_open 1 uts          => 0
init  cap_derive 0 r|grant   => 1
init  cap_derive 1 r         => 2
init  cap_grant 1 @a         => 0
init  close 1                => 0
init  cap_rights 1           => EBADF
init  cap_revoke 0           => 2
a     cap_rights 0           => EBADF
invariants
