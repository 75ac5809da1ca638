# Every call of ABI.md that has not landed yet answers ENOSYS and changes
# nothing (docs/abi-notes.md, "Calls not implemented yet"): containers, files,
# mounts, pipes, sessions, freezer, checkpoint, programs.
# ABI 3: "`exec` ... until then `exec` is `ENOSYS`."
boot
init  fork                  => 2  as a
a     pipe                  => ENOSYS
a     mkdir /x              => ENOSYS
a     open /dev/null r      => ENOSYS
a     container_create web newpid => ENOSYS
a     proc_limit 5          => ENOSYS
a     session_close 0       => ENOSYS
a     service_announce db   => ENOSYS
a     exec spin             => ENOSYS
a     freezer_state 0       => ENOSYS
a     mount none /mnt ramfs => ENOSYS
invariants
a     ns_open 1 uts         => 0             # no fd was used by any of them
init  fork                  => 3             # no pid either
invariants
