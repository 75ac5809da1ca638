# unshare newpid does not move the caller; its first child afterwards is the
# init of the new namespace (pid 1, getppid 0); the next children of the same
# creator are 2, 3, ... with getppid 0; the parent sees them by its own numbers.
# ABI 3: "`newpid` affects the caller's future children, not the caller"; "The
#   first child created in a new pid namespace is its init: pid 1, `getppid` 0.
#   The next children of the same creator get 2, 3, ... with `getppid` 0."
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     getpid                => 2             # the caller did not move
a     getppid               => 1
a     fork                  => 3  as b       # 3 as seen by a (root namespace)
b     getpid                => 1
b     getppid               => 0
a     fork                  => 4  as c
c     getpid                => 2
c     getppid               => 0             # parent a is invisible to c
a     fork                  => 5  as d
d     getpid                => 3
d     getppid               => 0
invariants
b     fork                  => 4  as e       # the namespace's own sequence goes on
e     getppid               => 1
c     fork                  => 5  as f
f     getppid               => 2
init  fork                  => 8             # root sequence: 6 and 7 are e and f
invariants
