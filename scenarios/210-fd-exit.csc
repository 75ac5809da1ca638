# exit closes the whole table: the process's copies go, its parent's and
# children's copies of the same namespaces stay usable; the kernel invariants
# hold after a process holding many fds exits and is reaped.
# ABI 3 (finer points): "`exit` closes the whole table. The boot init and a
#   container's init start with empty tables."
boot
init  fork newuts           => 2  as a
a     sethostname kept      => 0
a     ns_open 1 uts         => 0
a     ns_open @a uts        => 1  as mine
a     dup $mine             => 2
a     ns_open 1 pid         => 3
a     fork                  => 3  as child   # child holds copies of 0..3
a     exit 0
invariants
init  wait                  => 2
invariants
child setns $mine           => 0             # the child's copy outlived a
child gethostname           => kept
child exit 0
init  wait                  => 3
invariants
init  ns_open 1 uts         => 0             # the boot init started empty
invariants
