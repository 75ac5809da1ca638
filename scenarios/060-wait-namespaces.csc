# wait returns the pid of the reaped child as the caller sees it, and wait PID
# takes the caller's numbers, also for a child in another pid namespace.
# ABI 3: "pid of the reaped zombie child"; pids are "in the caller's namespace".
boot
init  fork                  => 2  as a
a     unshare newpid        => 0
a     fork                  => 3  as b       # b: pid 1 inside
a     fork                  => 4  as c       # c: pid 2 inside
b     fork                  => 3  as d       # d: pid 3 inside, root pid 5
d     exit 0
b     wait                  => 3             # b's number for d
c     exit 0
a     wait 2                => ECHILD        # 2 is a itself in a's namespace
a     wait @c               => 4
invariants
init  fork newpid           => 6  as x
x     fork newpid           => 2  as y
y     fork                  => 2  as z
z     exit 0
y     wait @z               => 2
y     exit 0                                 # y is an init: its death empties its namespace
x     wait                  => 2
invariants
