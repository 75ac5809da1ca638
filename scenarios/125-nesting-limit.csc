# Nesting limit: 32 levels of pid namespaces below the root; creating the
# 33rd is ENOSPC, by `fork newpid` and by `unshare newpid` alike; a plain fork
# at level 32 works, and the refusals use up no pid. Built with a chain of
# `fork newpid`: l1 is init at level 1, ..., l32 init at level 32.
# ABI 3: "32 levels of pid namespaces below the root; creating the 33rd is
#   `ENOSPC`."
boot
init  fork newpid           => 2  as l1
l1    fork newpid           => 2  as l2
l2    fork newpid           => 2  as l3
l3    fork newpid           => 2  as l4
l4    fork newpid           => 2  as l5
l5    fork newpid           => 2  as l6
l6    fork newpid           => 2  as l7
l7    fork newpid           => 2  as l8
l8    fork newpid           => 2  as l9
l9    fork newpid           => 2  as l10
l10   fork newpid           => 2  as l11
l11   fork newpid           => 2  as l12
l12   fork newpid           => 2  as l13
l13   fork newpid           => 2  as l14
l14   fork newpid           => 2  as l15
l15   fork newpid           => 2  as l16
l16   fork newpid           => 2  as l17
l17   fork newpid           => 2  as l18
l18   fork newpid           => 2  as l19
l19   fork newpid           => 2  as l20
l20   fork newpid           => 2  as l21
l21   fork newpid           => 2  as l22
l22   fork newpid           => 2  as l23
l23   fork newpid           => 2  as l24
l24   fork newpid           => 2  as l25
l25   fork newpid           => 2  as l26
l26   fork newpid           => 2  as l27
l27   fork newpid           => 2  as l28
l28   fork newpid           => 2  as l29
l29   fork newpid           => 2  as l30
l30   fork newpid           => 2  as l31
l31   fork newpid           => 2  as l32
l32   getpid                => 1
l32   getppid               => 0
init  kill @l32 0           => 0             # visible from the root: root pid 33
invariants
l32   fork newpid           => ENOSPC
l32   unshare newpid        => ENOSPC
l32   fork newpid|newuts    => ENOSPC
l32   fork                  => 2  as leaf    # a plain fork at level 32 works
leaf  getppid               => 1
leaf  fork newpid           => ENOSPC
init  fork                  => 35            # 2..33 the chain, 34 leaf: no pid lost
l31   fork newpid           => 4  as side    # level 32 again; l31 numbers l32 2, leaf 3
side  getpid                => 1
invariants
# when several errors apply, ABI order: a jailed caller's EPERM, then EINVAL,
# then ENOSPC ("Errors, when several apply, in this order: ...")
l31   unshare newpid        => 0             # l31's namespace for children: level 32
l31   fork newpid           => EINVAL        # EINVAL (copy_pid_ns) before ENOSPC
l31   unshare newpid        => EINVAL
side  jail                  => 0
side  fork newpid           => EPERM         # jailed: EPERM before ENOSPC
side  unshare newpid        => EPERM
invariants
# KILL from an ancestor ends the deep part of the chain at once
l15   kill @l16 KILL        => 0
l15   wait                  => 2
init  kill @l32 0           => ESRCH
l15   fork newpid           => 21 as again   # level 16 again; 2..20 were l16..l32, leaf, side
again getpid                => 1
invariants
