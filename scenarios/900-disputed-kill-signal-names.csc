# DISPUTED (kernel vs ABI.md): SIG accepts exactly KILL, TERM and 0 (and, by
# docs/abi-notes.md, Linux's numbers 9 and 15); every other SIG is EINVAL. The
# kernel's Signals.number (kernel/src/main/java/capsid/kernel/call/Signals.java)
# also accepts the names SIGKILL and SIGTERM, so these kills succeed instead.
# ABI 3: "SIG is `KILL`, `TERM` or `0`, any other `EINVAL`"; abi-notes: "scripts
#   may write `KILL`, `TERM`, `0` or Linux's numbers `9` and `15`; anything else
#   is `EINVAL`."
boot
init  fork                  => 2  as a
init  kill @a SIGKILL       => EINVAL
init  kill @a SIGTERM       => EINVAL
init  kill @a kill          => EINVAL        # names are case-sensitive (passes today)
a     getpid                => 2             # a was not killed
init  wait                  => 0
invariants
