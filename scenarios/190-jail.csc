# jail: a set-once flag (jail again is 0), inherited by children; a jailed
# process gets EPERM for setns, unshare (any flags) and fork with flags, but may
# still fork plainly, set its hostname, open, dup and close fds.
# ABI 3: "`jail` | 0 (again: 0); a set-once flag, inherited by children; a jailed
#   process gets `EPERM` for `setns`, `unshare`, `fork` with flags, ...".
boot
init  fork                  => 2  as a
a     ns_open 1 uts         => 0  as f
a     jail                  => 0
a     jail                  => 0
a     setns $f              => EPERM
a     unshare newuts        => EPERM
a     unshare newpid        => EPERM
a     unshare newns|newipc|newnet|newuser => EPERM
a     fork newuts           => EPERM
a     fork newpid           => EPERM
a     fork newuser          => EPERM
a     sethostname jailed-ok => 0
init  gethostname           => jailed-ok     # a never left init's uts namespace
a     ns_open 1 net         => 1  as g
a     dup $g                => 2
a     close $g              => 0
invariants
a     fork                  => 3  as c       # the refused forks used no pid
c     unshare newuts        => EPERM         # inherited
c     fork newns            => EPERM
c     setns $f              => EPERM
c     jail                  => 0
c     fork                  => 4  as d
d     unshare newipc        => EPERM
init  unshare newuts        => 0             # the parent of a is not jailed
invariants
