# fork copies the caller's table: the child has the same fd numbers naming the
# same namespaces and can setns with them; afterwards the two tables are
# separate (closing or opening in one does not touch the other).
# ABI 3: "`fork` copies the caller's table (each copy is a sibling, as `dup`)".
boot
init  fork newuts           => 2  as a
a     sethostname ayy       => 0
init  ns_open @a uts        => 0  as fa
init  ns_open 1 uts         => 1  as fr
init  fork                  => 3  as c
c     setns $fa             => 0             # the inherited copy works
c     gethostname           => ayy
c     close $fr             => 0
init  dup $fr               => 2             # init's fd 1 still exists
c     ns_open 1 net         => 1             # c's hole at 1, not init's table
init  close $fa             => 0
c     dup $fa               => 2             # c's copy of 0 survived init's close
invariants
c     fork                  => 4  as d       # d copies c's table: 0, 1, 2
d     close 0               => 0
d     close 1               => 0
d     close 2               => 0
d     close 3               => EBADF
c     dup 2                 => 3             # c's table is untouched by d
invariants
