# SIG accepts exactly KILL, TERM and 0 (and, by docs/abi-notes.md, Linux's
# numbers 9 and 15); every other SIG is EINVAL, Linux's SIGKILL/SIGTERM
# spellings and other cases included.
# ABI 3: "SIG is `KILL`, `TERM` or `0`, any other `EINVAL`".
boot
init  fork                  => 2  as a
init  kill @a SIGKILL       => EINVAL
init  kill @a SIGTERM       => EINVAL
init  kill @a kill          => EINVAL        # names are case-sensitive (passes today)
a     getpid                => 2             # a was not killed
init  wait                  => 0
invariants
