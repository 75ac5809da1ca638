# cap_grant needs the grant right on FD (EPERM), checked before the PID.
# ABI 3: "needs `grant` on FD (`EPERM`)".
boot
init  fork                   => 2  as a
init  ns_open 1 uts          => 0
init  cap_derive 0 r|x       => 1
init  cap_grant 1 @a         => EPERM
init  cap_grant 1 0          => EPERM
init  cap_grant 1 99         => EPERM
init  cap_grant 0 @a         => 0
a     cap_grant 0 1          => 2
init  cap_rights 2           => "r|x|grant"
invariants
