# Every capability call on a free, negative or revoked fd is EBADF.
# ABI 3: "A closed or revoked fd is `EBADF`."
boot
init  cap_rights 0           => EBADF
init  cap_badge 0            => EBADF
init  cap_revoke 0           => EBADF
init  cap_derive 0 r         => EBADF
init  cap_grant 0 1          => EBADF
init  cap_rights -1          => EBADF
init  ns_open 1 uts          => 0
init  cap_derive 0 r         => 1
init  cap_revoke 0           => 1
init  cap_badge 1            => EBADF
init  close 1                => EBADF
invariants
