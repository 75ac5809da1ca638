# unshare of the other namespace kinds, alone and together: 0, and the caller
# does not move in its pid namespace; unshare newpid alone changes no hostname;
# flags that are not namespace flags are EINVAL and unshare nothing.
# ABI 3: "`unshare FLAGS` | 0; `newpid` affects the caller's future children,
#   not the caller; `newuts`/`newns` move the caller at once"; "`newipc newnet
#   newuser` create namespace objects that `ns_open` and `setns` handle".
boot
init  fork                  => 2  as a
a     unshare newns         => 0
a     unshare newipc        => 0
a     unshare newnet        => 0
a     unshare newuser       => 0
a     unshare newns|newipc|newnet|newuser => 0
a     getpid                => 2
a     getppid               => 1
a     sethostname still-shared => 0          # no newuts yet: shared with init
init  gethostname           => still-shared
a     unshare destroy_on_close => EINVAL
a     unshare newuts|destroy_on_close => EINVAL
a     sethostname after     => 0
init  gethostname           => after         # the refused newuts moved nothing
invariants
init  fork                  => 3  as b
b     unshare newpid|newuts|newns|newipc|newnet|newuser => 0
b     getpid                => 3
b     sethostname mine      => 0
init  gethostname           => after
b     fork                  => 4  as c       # 4 as seen by b; c is pid 1 inside
c     getpid                => 1
c     gethostname           => mine
invariants
