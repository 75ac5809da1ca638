# The forms of a step: `=> EXPECTED` as a number, word, quoted string, `$NAME`
# or `_`; `as NAME` binding a process (fork) or a value (any other call); a step
# without `=>`; `exit CODE` without `=>`; the `%PID` actor; `step N`.
# ABI 1: "`_` (any result that is not an errno). A step without `=>` passes
#   unless it is a script error, and prints its result." "`%PID`: the live process
#   whose pid in the root namespace is PID." "`exit CODE` never returns: write it
#   without `=>`."
boot
init  fork                  => _  as a       # any pid; a is bound to the process
a     getpid                => 2
init  fork                  as b             # no `=>`: passes, prints 3
%3    getpid                => 3             # b, reached by its root pid
%2    getppid               => 1             # a, reached by its root pid
a     ns_open 1 uts         => 0  as f       # a value binding: f = 0
a     dup $f                => 1  as g
a     close $g              => 0
a     dup $f                => $g            # lowest free again: the number g had
a     getpid                                 # no `=>` on a read-only call
a     gethostname           => "capsid"
a     gethostname           => capsid
step 5                                       # no programs yet: a no-op
b     exit 0                                 # exit is written without `=>`
init  wait                  => 3
invariants
a     exit 7
init  wait                  => _
init  wait                  => ECHILD
invariants
