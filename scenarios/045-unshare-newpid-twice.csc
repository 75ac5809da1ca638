# A second `unshare newpid` is EINVAL while the namespace for children already
# differs from the caller's own, and the failed call unshares nothing else.
# `fork newpid` in that state is EINVAL too (docs/abi-notes.md, as Linux's
# copy_pid_ns); a plain fork still fills the new namespace, and its init may
# nest a namespace below.
# ABI 3: "A second `unshare newpid` is `EINVAL` while the caller's namespace for
#   children already differs from its own." ABI 2: "A failed call changes nothing."
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     unshare newpid        => EINVAL
a     unshare newpid|newuts => EINVAL        # nothing is unshared
a     sethostname shared    => 0
init  gethostname           => shared        # a is still in init's uts namespace
a     fork newpid           => EINVAL
a     fork                  => 3  as b       # no pid was used by the refusals
b     getpid                => 1
b     fork newpid           => 2  as c       # an init may nest below its own
c     getpid                => 1
a     unshare newuts        => 0             # other kinds are still fine
a     unshare newpid        => EINVAL
invariants
# the child of an unshare newpid process may itself unshare newpid once
b     unshare newpid        => 0
b     unshare newpid        => EINVAL
b     fork                  => 3  as d
d     getpid                => 1
d     getppid               => 0
invariants
