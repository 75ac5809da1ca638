# Visibility: a process is visible in its own pid namespace and in every
# ancestor of it, nowhere else. `@NAME` is NAME's pid as
# seen from the actor's namespace, or its root pid when it is invisible there
# ("exactly like a number leaked from the host"). kill and ns_open of a pid
# that names nobody visible are ESRCH.
# ABI 3: "`kill` ... `ESRCH` when PID is not visible to the caller"; "`ns_open`
#   ... `ESRCH` when PID is not visible".
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     fork                  => 3  as b       # b: pid 1 of the new namespace
b     kill @a KILL          => ESRCH         # @a is 2 here, and 2 names nobody
b     ns_open @a uts        => ESRCH
b     kill @init 0          => 0             # @init is 1 here: that is b itself
b     kill @b 0             => 0             # @b from b is 1
a     kill @b 0             => 0             # @b from a is 3
init  kill @b 0             => 0
a     ns_open @b pid        => 0
a     getpid                => 2             # still alive after the ESRCH above
invariants
a     fork                  => 4  as c       # c: pid 2 in b's namespace
c     getpid                => 2
b     kill @c 0             => 0             # @c from b is 2
init  kill @c 0             => 0             # @c from init is 4
b     kill 4 0              => ESRCH         # c's root pid means nothing inside
b     ns_open 4 uts         => ESRCH
# a leaked root number that happens to name someone inside names that one:
# a's root pid 2 is c's pid in b's namespace
b     kill @a 0             => 0
b     ns_open @a uts        => 0
invariants
# sibling namespaces cannot see each other
init  fork newpid           => 5  as x
x     kill @b 0             => ESRCH         # @b from x: root pid 3, nobody there
x     kill 1 0              => 0             # x itself
b     kill @x 0             => ESRCH         # @x from b: root pid 5
invariants
