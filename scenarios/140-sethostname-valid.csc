# sethostname accepts 1 to 64 characters of [A-Za-z0-9.-], as a word or a
# quoted string, and gethostname returns exactly what was set.
# ABI 3: "1-64 characters of `[A-Za-z0-9.-]`, else `EINVAL`".
boot
init  sethostname x         => 0
init  gethostname           => x
init  sethostname A-9.z     => 0
init  gethostname           => A-9.z
init  sethostname "quoted-name" => 0
init  gethostname           => quoted-name
init  sethostname "-"       => 0             # any of the characters, anywhere
init  gethostname           => "-"
init  sethostname ".."      => 0
init  gethostname           => ".."
init  sethostname 123       => 0             # digits only
init  gethostname           => "123"
init  sethostname UPPER.lower-09 => 0
init  gethostname           => UPPER.lower-09
# exactly 64 characters
init  sethostname abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.- => 0
init  gethostname           => abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-
init  fork                  => 2  as a
a     gethostname           => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"
invariants
