#!/usr/bin/env bash
# The typed field macros of model/record.h refuse, at compile time, a field
# whose C member is not of the type its field type stores.
. "$(dirname "$0")/../lib.sh"

need cc

compiles() { # compiles MEMBER-TYPE MACRO: a field table with that pair
	cat >"$TMP/t.c" <<C
#include "model/record.h"
struct r { struct record_head head; $1 m; };
static const struct field_def f[] = {{.tag = 2, .name = "m", .label = "M", $2(struct r, m)}};
const struct field_def *g(void) { return f; }
C
	cc -std=gnu11 -fsyntax-only -I"$SRCDIR/include" "$TMP/t.c" 2>"$TMP/err"
}

for pair in "int64_t FIELD_INT" "int64_t FIELD_MONEY" "int64_t FIELD_TIME" "int32_t FIELD_DATE" \
	"uint64_t FIELD_ID" "bool FIELD_BOOL" "int FIELD_CHOICE"; do
	set -- $pair
	compiles "$1" "$2" && ok "field macros: $2 on $1 compiles" ||
		{ sed 's/^/#   /' "$TMP/err"; not_ok "field macros: $2 on $1 compiles"; }
done
compiles "char" "FIELD_TEXT" && not_ok "field macros: FIELD_TEXT on a char must not compile" ||
	ok "field macros: FIELD_TEXT on a char does not compile"
for pair in "int32_t FIELD_INT" "int64_t FIELD_DATE" "int FIELD_BOOL" "int64_t FIELD_ID" \
	"uint8_t FIELD_CHOICE" "int32_t FIELD_MONEY" "int FIELD_TIME"; do
	set -- $pair
	compiles "$1" "$2" && not_ok "field macros: $2 on $1 must not compile" ||
		ok "field macros: $2 on $1 does not compile"
done
cat >"$TMP/t.c" <<C
#include "model/record.h"
struct r { struct record_head head; char m[40]; int n[40]; };
static const struct field_def f[] = {{.tag = 2, .name = "m", .label = "M", FIELD_TEXT(struct r, m)}};
static const struct field_def g[] = {{.tag = 2, .name = "n", .label = "N", FIELD_REF(struct r, n)}};
C
cc -std=gnu11 -fsyntax-only -I"$SRCDIR/include" "$TMP/t.c" 2>"$TMP/err"
grep -q "negative" "$TMP/err" && grep -q "t.c:4:" "$TMP/err" && ! grep -q "t.c:3:" "$TMP/err" &&
	ok "field macros: FIELD_TEXT takes a char array, FIELD_REF refuses an int array" ||
	{ sed 's/^/#   /' "$TMP/err"; not_ok "field macros: FIELD_TEXT takes a char array, FIELD_REF refuses an int array"; }
finish
