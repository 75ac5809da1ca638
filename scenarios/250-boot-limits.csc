# Boot limits (an addition to ABI.md section 1's boot directive, see
# docs/abi-notes.md): pid_max, pid_reserved, pidns_levels and fd_max shrink the
# kernel's limits so that scripts (and model checking) reach every boundary with
# a handful of processes. The rules are the same as at full size:
# "Pids are allocated sequentially per namespace; a freed number is not reused
# until the numbers wrap" (here at 6, back to 3), "creating the 33rd [level] is
# ENOSPC" (here the 2nd), and a full table is EMFILE.
boot pid_max=6 pid_reserved=3
init  fork            => 2  as a
init  fork            => 3  as b
init  fork            => 4  as c
a     exit 0
init  wait            => 2
init  fork            => 5  as d        # 2 is free but the numbers have not wrapped yet
b     exit 0
init  wait            => 3
init  fork            => 3  as e        # wrapped at 6, back to 3 (the cursor passed 3)
init  fork            => EAGAIN         # 2 lies below the reserved start; 4, 5, 3 are taken
init  getpid          => 1
invariants

boot pidns_levels=1
init  fork newpid     => 2  as p
p     getpid          => 1
p     fork newpid     => ENOSPC         # a 2nd level below the root
p     unshare newpid  => ENOSPC
p     fork            => 2              # plain forks still work
invariants

boot fd_max=2
init  ns_open 1 uts   => 0
init  dup 0           => 1
init  dup 0           => EMFILE
init  fork            => 2  as q
q     ns_open 1 pid   => EMFILE         # the copied table keeps the limit
q     close 1         => 0
q     ns_open 1 pid   => 1
invariants
