# ns_open PID TYPE gives an fd for each of the six types; any other TYPE is
# EINVAL (before ESRCH); an invisible pid, pid 0 and a zombie are ESRCH; fds
# are numbered from the lowest free, 0 first.
# ABI 3: "`ns_open PID TYPE` | fd naming that process's namespace of TYPE (`pid
#   uts mnt ipc net user`); `ESRCH` when PID is not visible, `EINVAL` for another
#   TYPE"; "`ns_open` of a zombie is `ESRCH`"; "fd numbers are the lowest free
#   number from 0".
boot
init  ns_open 1 pid         => 0
init  ns_open 1 uts         => 1
init  ns_open 1 mnt         => 2
init  ns_open 1 ipc         => 3
init  ns_open 1 net         => 4
init  ns_open 1 user        => 5
init  ns_open 1 cgroup      => EINVAL
init  ns_open 1 time        => EINVAL
init  ns_open 1 pid_for_children => EINVAL
init  ns_open 999 cgroup    => EINVAL        # EINVAL before ESRCH
init  ns_open 999 uts       => ESRCH
init  ns_open 0 uts         => ESRCH
init  ns_open -3 uts        => ESRCH
init  ns_open 1 uts         => 6             # the failures used no fd
invariants
init  fork                  => 2  as a
a     ns_open @init net     => 7             # a inherited 0..6
a     ns_open @a user       => 8
init  fork                  => 3  as z
z     exit 0
init  ns_open @z uts        => ESRCH         # a zombie
init  wait @z               => 3
init  ns_open @z uts        => ESRCH
invariants
