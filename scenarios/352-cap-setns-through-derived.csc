# A derived capability without x cannot enter its namespace: setns needs x (EPERM).
# ABI 3: "`setns`, `fork_into_container` and session calls need x".
boot
init  fork newuts            => 2  as a
a     ns_open @a uts         => 0
a     cap_derive 0 r|grant   => 1
a     cap_grant 1 1          => 0
init  setns 0                => EPERM
a     cap_derive 0 x         => 2
a     setns 2                => 0
invariants
