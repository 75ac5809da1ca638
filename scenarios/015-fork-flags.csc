# fork with namespace flags: each flag puts the child in a new namespace of that
# kind; flags that are not namespace flags are refused; a refused fork uses up
# no pid number.
# ABI 3: "`fork [FLAGS]` ... FLAGS put the child in new namespaces (like clone)";
#   "Namespace flags: newpid newuts newns newipc newnet newuser"; ABI 2: "A failed
#   call changes nothing. ... a refused `fork` uses up no pid number."
boot
init  fork newuts               => 2  as u
init  fork newns                => 3  as m
init  fork newipc               => 4  as i
init  fork newnet               => 5  as n
init  fork newuser              => 6  as s
init  fork newpid               => 7  as p
p     getpid                    => 1
init  fork newuts|newns|newipc|newnet|newuser => 8 as all
all   getpid                    => 8     # no newpid: same pid namespace
all   getppid                   => 1
invariants
# destroy_on_close is a container flag, not a namespace flag (clone: EINVAL)
init  fork destroy_on_close     => EINVAL
init  fork newuts|destroy_on_close => EINVAL
init  fork                      => 9     # the refused forks used no pid
invariants
