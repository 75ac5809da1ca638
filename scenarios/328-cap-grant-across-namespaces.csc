# A grant crosses uts namespaces: the capability names the object, not the holder's namespace.
# ABI 3: "`cap_grant FD PID` | the fd number in the target's table: a child of FD".
boot
init  fork newuts            => 2  as a
a     sethostname inner      => 0
a     ns_open @a uts         => 0
a     cap_grant 0 1          => 0
init  setns 0                => 0
init  gethostname            => inner
invariants
