# A failed call changes nothing: after a run of refusals of every kind, pids,
# fd numbers, hostnames and the namespace for children are exactly as before.
# ABI 2: "A failed call changes nothing. Capsid is stricter than Linux here: a
#   refused `fork` uses up no pid number."
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     fork                  => 3  as b       # B's init
a     unshare newpid|newuts => EINVAL
a     fork newpid           => EINVAL
a     fork destroy_on_close => EINVAL
a     sethostname "bad name" => EINVAL
a     ns_open 99 uts        => ESRCH
a     ns_open 1 cgroup      => EINVAL
a     setns 0               => EBADF
a     dup 0                 => EBADF
a     close 0               => EBADF
a     kill 99 KILL          => ESRCH
a     kill @b HUP           => EINVAL
a     wait -1               => EINVAL
a     wait 99               => ECHILD
invariants
a     gethostname           => capsid
a     fork                  => 4  as c       # next pid: 4 (root) and 2 (in B)
c     getpid                => 2
a     ns_open 1 uts         => 0             # lowest fd: 0
b     getpid                => 1             # b lived through the bad kill
init  gethostname           => capsid
invariants
