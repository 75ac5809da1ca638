# cap_revoke removes descendants in every table, grandchildren in other tables included.
# ABI 3: "every descendant of FD, transitively, in every table".
boot
init  fork                   => 2  as a
init  fork                   => 3  as b
init  ns_open 1 uts          => 0 as root
init  cap_derive $root r|grant => 1
init  cap_grant 1 @a         => 0
a     cap_grant 0 @b         => 0
b     cap_derive 0 r         => 1
init  cap_revoke $root       => 4
a     cap_rights 0           => EBADF
b     cap_rights 0           => EBADF
b     cap_rights 1           => EBADF
init  cap_rights 1           => EBADF
invariants
