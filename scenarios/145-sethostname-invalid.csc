# sethostname refuses everything that is not 1 to 64 characters of
# [A-Za-z0-9.-] with EINVAL, and the refused call leaves the hostname alone.
# ABI 3: "1-64 characters of `[A-Za-z0-9.-]`, else `EINVAL`"; ABI 2: "A failed
#   call changes nothing."
boot hostname=before
init  sethostname ""        => EINVAL        # empty
init  sethostname a_b       => EINVAL        # '_' is a word character, not a hostname one
init  sethostname a/b       => EINVAL
init  sethostname a:b       => EINVAL
init  sethostname "a b"     => EINVAL
init  sethostname "a\tb"    => EINVAL
init  sethostname "line\n"  => EINVAL
init  sethostname "caf\xC3\xA9" => EINVAL
init  sethostname "a\x00"   => EINVAL
init  sethostname "quote\"" => EINVAL
# 65 characters
init  sethostname abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-x => EINVAL
init  gethostname           => before
init  fork                  => 2  as a
a     sethostname ""        => EINVAL
a     gethostname           => before
invariants
