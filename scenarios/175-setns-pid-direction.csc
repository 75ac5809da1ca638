# setns into a pid namespace is allowed only for the caller's own namespace or
# a descendant of it: an ancestor's or a sibling's is EINVAL. Joining its own
# pid namespace again sets the namespace for children back to it, as Linux's
# setns does.
# ABI 3: "`EINVAL` when FD is ... a pid namespace that is not the caller's own
#   or a descendant of it"; "`ns_open PID TYPE` | fd naming that process's
#   namespace of TYPE" (a process's pid namespace is the one it lives in).
boot
init  ns_open 1 pid         => 0  as root
init  fork newpid           => 2  as b       # inherits root
init  fork newpid           => 3  as x       # a sibling namespace
init  ns_open @x pid        => 1  as xns
init  fork newpid           => 4  as y       # inherits root and xns
b     setns $root           => EINVAL        # an ancestor
y     setns $xns            => EINVAL        # a sibling
b     ns_open 1 pid         => 1  as own
b     setns $own            => 0             # its own
b     fork                  => 2  as c       # children still land in b's namespace
c     getppid               => 1
invariants
# ns_open of a process that did unshare newpid names the namespace it lives in
init  fork                  => 6  as a       # 5 is c's root pid
a     unshare newpid        => 0
a     ns_open @a pid        => 2  as aown
a     fork                  => 7  as k       # k: init of the new namespace, has aown
k     setns $aown           => EINVAL        # a's namespace is an ancestor of k's
a     setns $aown           => 0             # back to its own: children go there
a     fork                  => 8  as m
m     getppid               => 6
m     getpid                => 8
a     unshare newpid        => 0             # allowed again, as in Linux
invariants
