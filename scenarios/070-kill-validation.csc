# kill argument checks: SIG must be KILL, TERM or 0 (docs/abi-notes.md: also
# Linux's numbers 9 and 15); PID <= 0 is EINVAL; EINVAL comes before ESRCH; a
# failed kill changes nothing.
# ABI 3: "SIG is `KILL`, `TERM` or `0`, any other `EINVAL`; PID <= 0 is `EINVAL`
#   (no process groups)"; Finer points: "Errors, when several apply, in this
#   order: ... `EINVAL` ..., `ESRCH`/`ENOENT`".
boot
init  fork                  => 2  as a
init  kill @a 1             => EINVAL
init  kill @a 2             => EINVAL
init  kill @a HUP           => EINVAL
init  kill @a STOP          => EINVAL
init  kill @a -9            => EINVAL
init  kill 0 KILL           => EINVAL
init  kill -1 KILL          => EINVAL
init  kill -2 TERM          => EINVAL
init  kill 0 0              => EINVAL
init  kill 999 HUP          => EINVAL        # EINVAL before ESRCH
init  kill -5 HUP           => EINVAL
init  kill 999 KILL         => ESRCH
init  kill 999 0            => ESRCH
a     getpid                => 2             # none of the above touched a
invariants
init  kill @a 0             => 0
init  kill @a 9             => 0             # 9 is KILL
init  wait                  => 2
init  fork                  => 3  as b
init  kill @b 15            => 0             # 15 is TERM
init  wait @b               => 3
init  kill @b 0             => ESRCH         # reaped: gone
invariants
