# setns with a uts namespace fd moves the caller into it at once: it then reads
# and writes that namespace's hostname; fds may come from ns_open of another
# process or be inherited through fork.
# ABI 3: "`setns FD` | 0"; "`ns_open PID TYPE` | fd naming that process's
#   namespace of TYPE"; rights of an ns_open fd: "r|x" (setns needs x).
boot
init  fork newuts           => 2  as a
a     sethostname inner     => 0
init  ns_open @a uts        => 0  as inner
init  ns_open 1 uts         => 1  as outer
init  setns $inner          => 0
init  gethostname           => inner
init  sethostname changed   => 0
a     gethostname           => changed       # now shared with a
init  setns $outer          => 0
init  gethostname           => capsid        # the namespace it left
init  setns $outer          => 0             # joining one's own: 0
init  gethostname           => capsid
invariants
init  fork                  => 3  as b       # inherits fds 0 and 1
b     gethostname           => capsid
b     setns $inner          => 0
b     gethostname           => changed
init  gethostname           => capsid        # only b moved
b     fork                  => 4  as c       # c is born in b's new namespace
c     gethostname           => changed
invariants
