---------------------------- MODULE AssertFails ----------------------------
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == /\ Assert(x < 2, "x must stay below 2")
        /\ x' = x + 1
=============================================================================
