# The root init is never killed: KILL and TERM to it return 0 and it lives on;
# it cannot exit either (docs/abi-notes.md: `init exit` is EPERM and changes
# nothing).
# ABI 3: "The root init is never killed." (and it is a namespace init: "the call
#   still returns 0")
boot
init  fork                  => 2  as a
a     kill 1 KILL           => 0
a     kill 1 TERM           => 0
init  kill 1 KILL           => 0             # itself
init  kill @init TERM       => 0
init  getpid                => 1
init  wait                  => 0             # a is still its child, alive
init  exit 0                => EPERM
init  exit 1                => EPERM
init  getpid                => 1
init  fork                  => 3  as b
b     getppid               => 1
invariants
