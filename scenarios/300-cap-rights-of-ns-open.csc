# ns_open makes a root capability with rights r|x|grant and no badge.
# ABI 3: "`ns_open` r|x"; "A new capability has every right that fits its object plus `grant`".
boot
init  ns_open 1 uts          => 0
init  cap_rights 0           => "r|x|grant"
init  cap_badge 0            => 0
init  ns_open 1 pid          => 1
init  cap_rights 1           => "r|x|grant"
invariants
