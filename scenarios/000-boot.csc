# Boot: a fresh kernel has one process, `init`, pid 1, hostname `capsid`;
# `boot hostname=NAME` and `boot seed=N` set up the fresh kernel; a script may
# boot again and gets a fresh kernel each time.
# ABI 1: "boot [hostname=NAME] [seed=N] (a script may boot again: a fresh
#   kernel, every name unbound)"; ABI 3: "a fresh kernel's hostname is `capsid`".
boot
init  getpid                => 1
init  getppid               => 0        # nobody above the root init
init  gethostname           => capsid
init  gethostname           => "capsid" # a word and the same text quoted are equal
init  fork                  => 2  as a
init  fork                  => 3  as b
init  sethostname changed   => 0
invariants

# A second boot is a fresh kernel: pids start over, the hostname is back.
boot
init  getpid                => 1
init  gethostname           => capsid
init  fork                  => 2  as a
a     getppid               => 1
invariants

# boot with a hostname
boot hostname=web
init  gethostname           => web
init  fork                  => 2  as a
a     gethostname           => "web"
invariants

# boot with a seed (nothing observable depends on it yet), and with both
boot seed=42
init  getpid                => 1
init  gethostname           => capsid
boot hostname=node-7.example seed=7
init  gethostname           => node-7.example
init  fork                  => 2
invariants
