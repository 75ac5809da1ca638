# fork newpid: the child is the init of a new pid namespace, a child of the
# caller's; pids in it start at 1 while the ancestors number it by their own
# sequences; the new namespace's own children count 2, 3, ...
# ABI 3: "FLAGS put the child in new namespaces (like clone)"; "The first child
#   created in a new pid namespace is its init: pid 1, `getppid` 0."
boot
init  fork                  => 2  as a
a     fork newpid           => 3  as b
b     getpid                => 1
b     getppid               => 0
b     fork                  => 2  as c
b     fork                  => 3  as d
c     getppid               => 1
d     getppid               => 1
a     fork newpid           => 6  as x       # a second, separate namespace
x     getpid                => 1
x     fork                  => 2  as y       # its own sequence, independent of b's
y     getppid               => 1
invariants
b     fork newpid           => 4  as e       # nested: a child of b's namespace
e     getpid                => 1
e     getppid               => 0
e     fork                  => 2  as f
f     getpid                => 2
invariants
