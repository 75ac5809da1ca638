# exit closes the whole table; descendants in other tables move up to the nearest
# ancestor outside it.
# ABI "Finer points": "`exit` closes the whole table."
boot
init  fork                   => 2  as a
init  ns_open 1 uts          => 0
init  cap_grant 0 @a         => 0
a     cap_derive 0 r|grant   => 1
a     cap_grant 1 1          => 1
a     exit 0
init  cap_rights 1           => "r|grant"
init  cap_revoke 0           => 1
init  cap_rights 1           => EBADF
invariants
