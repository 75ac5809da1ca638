# cap_grant to a pid the caller cannot see is ESRCH: a process inside a pid namespace
# cannot name the host's processes.
# ABI 3: "PID visible (`ESRCH`)".
boot
init  ns_open 1 uts          => 0
init  fork newpid            => 2  as a
a     fork                   => 2  as b
b     cap_grant 0 3          => ESRCH
b     cap_grant 0 1          => 1
a     cap_rights 1           => "r|x|grant"
init  cap_grant 0 @b         => 1
b     cap_rights 1           => "r|x|grant"
invariants
