# exit takes any code (kept modulo 256, docs/abi-notes.md) and never returns;
# the exited process is a zombie its parent reaps; exit is written without `=>`.
# ABI 1: "`exit CODE` never returns: write it without `=>`"; ABI 3: "`exit
#   CODE` | never returns; children are reparented".
boot
init  fork                  => 2  as a
init  fork                  => 3  as b
init  fork                  => 4  as c
init  fork                  => 5  as d
a     exit 0
b     exit 255
c     exit 256
d     exit -1
invariants
init  wait                  => 2
init  wait                  => 3
init  wait                  => 4
init  wait                  => 5
init  wait                  => ECHILD
invariants
