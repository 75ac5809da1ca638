# setns with a pid namespace fd applies to the caller's future children only:
# getpid does not change; children get the next pid of the target namespace
# and getppid 0 (their parent is outside it).
# ABI 3: "`setns FD` | 0; a pid namespace applies to future children only";
#   "`getppid` is 0 when the parent is not visible".
boot
init  fork newpid           => 2  as b       # namespace B, b is its pid 1
b     fork                  => 2  as c       # pid 2 in B
init  ns_open @b pid        => 0  as bns
init  fork                  => 4  as q       # q inherits bns
q     setns $bns            => 0
q     getpid                => 4             # the caller did not move
q     getppid               => 1
q     fork                  => 5  as r       # 5 as seen by q (root namespace)
r     getpid                => 3             # next in B after b and c
r     getppid               => 0
b     kill @r 0             => 0             # b sees r as 3
b     kill 3 0              => 0
q     fork                  => 6  as s
s     getpid                => 4
invariants
r     exit 0
q     wait                  => 5             # q reaps its child by its own numbers
s     fork                  => 5  as t       # B's sequence: 3 is not reused
t     getppid               => 4
invariants
