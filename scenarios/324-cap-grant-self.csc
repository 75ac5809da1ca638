# Granting to oneself is allowed: the child lands in one's own table.
# The interface: "Granting to oneself is allowed".
boot
init  ns_open 1 uts          => 0
init  cap_grant 0 1          => 1
init  cap_rights 1           => "r|x|grant"
init  cap_revoke 0           => 1
init  cap_rights 1           => EBADF
invariants
