# fork newuts gives the child a new uts namespace holding a copy of the
# parent's hostname at that moment; children forked without it share the
# parent's; changes never cross between namespaces.
# ABI 3: "FLAGS put the child in new namespaces (like clone)"; hostnames are
#   "per uts namespace".
boot hostname=base
init  fork newuts           => 2  as a
init  fork                  => 3  as plain
a     gethostname           => base          # copied at fork
a     sethostname alpha     => 0
init  gethostname           => base
plain gethostname           => base
plain sethostname beta      => 0             # plain shares init's namespace
init  gethostname           => beta
a     gethostname           => alpha
invariants
a     fork newuts           => 4  as b       # a copy of alpha
a     fork                  => 5  as c       # shares alpha
b     gethostname           => alpha
b     sethostname gamma     => 0
c     gethostname           => alpha
c     sethostname delta     => 0
a     gethostname           => delta
b     gethostname           => gamma
init  gethostname           => beta
invariants
# a new pid namespace alone does not change the uts namespace
init  fork newpid           => 6  as p
p     gethostname           => beta
p     sethostname epsilon   => 0
init  gethostname           => epsilon
invariants
