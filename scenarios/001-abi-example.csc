# The example of ABI.md section 1, line for line, then a little further: a
# process that unshares newpid|newuts, the init of the new namespace, its
# hostname, and the leaked root pid that names nobody inside.
# ABI 1: "b kill @a KILL => ESRCH  # a's root pid, 2, names nobody in b's
#   namespace".
boot                                   # fresh kernel; process `init` exists (pid 1)
init  fork                 => 2  as a  # a = the new child; 2 = its pid seen by init
a     unshare newpid|newuts => 0
a     fork                 => 3  as b  # b is pid 1 in the new pid namespace
b     getpid               => 1
b     getppid              => 0        # parent lives outside b's namespace
b     sethostname web      => 0
init  gethostname          => capsid
b     kill @a KILL         => ESRCH    # a's root pid, 2, names nobody in b's namespace
invariants
a     gethostname          => web      # a moved into the new uts namespace at once
a     getpid               => 2        # but not into the new pid namespace
init  kill @a 0            => 0        # a is alive after all
invariants
