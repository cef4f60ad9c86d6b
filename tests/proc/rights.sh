#!/usr/bin/env bash
# The rights table proven from outside: every role's requests for every
# record type and verb, sent straight to the socket as a user of the role,
# inside and outside the user's scope, allowed or refused as the table
# says, and nothing in any record a user gets of a class the role may not
# see (tests/proc/rights_sweep.c).
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
expect_exit 0 "rights: demo data with cases and measures" "${A[@]}" demo --cases 120 --measures 80
check "rights: server starts" start_server
"$BUILDDIR/tests/proc/rights_sweep" "$SOCK" "$C"
finish
