# unshare newuts moves the caller at once into a new uts namespace that starts
# with a copy of its hostname; from then on the two hostnames are independent,
# and the caller's later children share its new namespace.
# ABI 3: "`newuts`/`newns` move the caller at once (hostname and mount table
#   copied)"; "`sethostname NAME` / `gethostname` | per uts namespace".
boot
init  fork                  => 2  as a
init  fork                  => 3  as sib
a     sethostname shared    => 0             # same namespace as init for now
init  gethostname           => shared
sib   gethostname           => shared
a     unshare newuts        => 0
a     gethostname           => shared        # copied
a     sethostname web       => 0
a     gethostname           => web
init  gethostname           => shared        # isolated
sib   gethostname           => shared
init  sethostname host      => 0
a     gethostname           => web
invariants
a     fork                  => 4  as c       # a plain fork shares a's namespace
c     gethostname           => web
c     sethostname web2      => 0
a     gethostname           => web2
c     unshare newuts        => 0             # unsharing again from a new one
c     sethostname web3      => 0
a     gethostname           => web2
c     gethostname           => web3
invariants
