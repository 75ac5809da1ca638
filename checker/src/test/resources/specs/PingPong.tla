---------------------------- MODULE PingPong ----------------------------
(* Two players hit a ball in turn until each has hit it Max times; then the
   referee resets the score and either player may serve. From the initial
   state (ping serves) the reachable states are the 2 * (2 * Max + 1) pairs of
   server and rally position: 10 distinct states for Max = 2. Each state has
   one successor except the two full-score states, which have two (Reset to
   either server): 1 + 8 + 4 = 13 states generated. Written for Capsid's
   checker tests. *)
EXTENDS Integers

CONSTANTS Max, Referee

VARIABLES ball, score, ref

vars == <<ball, score, ref>>

Init == /\ ball = "ping"
        /\ score = [ping |-> 0, pong |-> 0]
        /\ ref = Referee

Ping == /\ ball = "ping"
        /\ score.ping < Max
        /\ ball' = "pong"
        /\ score' = [score EXCEPT !.ping = @ + 1]
        /\ UNCHANGED ref

Pong == /\ ball = "pong"
        /\ score.pong < Max
        /\ ball' = "ping"
        /\ score' = [score EXCEPT !.pong = @ + 1]
        /\ UNCHANGED ref

Reset(server) == /\ score.ping = Max
                 /\ score.pong = Max
                 /\ ball' = server
                 /\ score' = [ping |-> 0, pong |-> 0]
                 /\ UNCHANGED ref

Next == Ping \/ Pong \/ \E s \in {"ping", "pong"} : Reset(s)

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

TypeOK == /\ ball \in {"ping", "pong"}
          /\ score \in [ping : 0..Max, pong : 0..Max]
          /\ ref = Referee

\* Nobody gets two hits ahead.
Fair == score.ping - score.pong \in {-1, 0, 1}

\* Holds under weak fairness of Next.
EventuallyReset == []<>(score = [ping |-> 0, pong |-> 0])
=============================================================================
