#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets (tests/fuzz/build) and runs each for
# FUZZ_SECONDS seconds (default 20) over a copy of its seed corpus,
# tests/fuzz/corpus/TARGET/ (what the run adds stays in the copy, never in
# the repository), then runs every input of the grown corpus once more with
# leak checks. "ok fuzz: TARGET ..." when nothing was found; a crash, leak,
# timeout, undefined behaviour or broken invariant gives "not ok" with the
# report's first lines and the input that reproduces it:
#
#   BUILDDIR/TARGET REPRODUCER
#
# usage: tests/fuzz/run.sh [BUILDDIR]   (default $FUZZ_BUILDDIR, else a
# temporary folder; crash inputs are then kept in /tmp/sozialraum-fuzz.*).
# BUILDDIR/stats gets one line of figures per target (cov, exec/s). Under
# tests/run (900 s a test) keep FUZZ_SECONDS below about 250.
. "$(dirname "$0")/../lib.sh"
need clang
fuzzer_lib=$(clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a")
[ -f "$fuzzer_lib" ] || {
	echo "# skip: libFuzzer is not installed (package libclang-rt-14-dev)"
	exit 77
}

seconds=${FUZZ_SECONDS:-20}
targets=(fuzz_wire fuzz_record fuzz_config)
dir=${1:-${FUZZ_BUILDDIR:-$TMP/build}}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

if ! "$SRCDIR/tests/fuzz/build" "$dir" >"$TMP/build.log" 2>&1; then
	sed 's/^/#   /' "$TMP/build.log" | tail -30
	not_ok "fuzz: the targets build"
	finish
fi
ok "fuzz: the targets build"

# Crash inputs are kept beside the build, or, for a temporary build, in a
# folder of their own that outlives this test (made at the first).
case $dir in
"$TMP"/*) keep= ;;
*)
	keep=$dir/artifacts
	rm -rf "$keep"
	;;
esac

# fuzz TARGET LOG LEAKS OPTION...: runs TARGET on its corpus copy, with
# leak checks when LEAKS is 1; fails when it found something (the input is
# then in $TMP/artifacts/TARGET/).
fuzz() {
	local target=$1 log=$2 leaks=$3
	shift 3
	(cd "$TMP" && TMPDIR=$TMP \
		ASAN_OPTIONS=detect_leaks=$leaks:abort_on_error=1:symbolize=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		LSAN_OPTIONS=suppressions=$SRCDIR/tests/fuzz/lsan.supp:print_suppressions=0 \
		timeout $((seconds + 300)) "$dir/$target" -rss_limit_mb=2048 -timeout=10 \
		-error_exitcode=1 -timeout_exitcode=1 -artifact_prefix="$TMP/artifacts/$target/" \
		"$@" "$TMP/corpus/$target") >"$log" 2>&1 &&
		[ -z "$(find "$TMP/artifacts/$target" -type f)" ]
}

# report TARGET LOG: the report's first lines and where its input is kept.
report() {
	local target=$1 log=$2 found first
	first=$(grep -m 1 -n -E '==[0-9]+== ?ERROR|runtime error|fuzz: invariant|ERROR: libFuzzer|ALARM: working on the last Unit' "$log" | cut -d: -f1)
	tail -n +"${first:-1}" "$log" | sed '/^SUMMARY: /q' |
		grep -v -E '^ *#[0-9]+ 0x[0-9a-f]+ in (fuzzer::|__libc_start|_start|main |__sanitizer_print_stack_trace)|^ *0x[0-9a-f]+: |^NOTE: libFuzzer has rudimentary|^ +Combine libFuzzer with|^ *$' |
		head -n 25 | sed 's/^/#   /'
	found=$(find "$TMP/artifacts/$target" -type f | head -n 1)
	if [ -n "$found" ]; then
		[ -n "$keep" ] || keep=$(mktemp -d /tmp/sozialraum-fuzz.XXXXXX)
		mkdir -p "$keep"
		cp "$found" "$keep/$target-$(basename "$found")"
		echo "#   reproduce: $dir/$target $keep/$target-$(basename "$found")"
	else
		echo "#   no input was written; the whole log: $log (removed at exit)"
	fi
}

: >"$dir/stats"
for target in "${targets[@]}"; do
	mkdir -p "$TMP/corpus/$target" "$TMP/artifacts/$target"
	cp "$SRCDIR/tests/fuzz/corpus/$target/"* "$TMP/corpus/$target/"
	options=(-max_total_time="$seconds" -print_final_stats=1)
	[ -f "$SRCDIR/tests/fuzz/$target.dict" ] && options+=(-dict="$SRCDIR/tests/fuzz/$target.dict")
	# libconfig loses a string at some syntax errors (lsan.supp); each such
	# input made libFuzzer run a whole leak check, eight times slower. Leaks
	# are checked in the second pass over the corpus instead.
	leaks=1
	[ "$target" = fuzz_config ] && leaks=0
	start=$(date +%s)
	fuzz "$target" "$TMP/$target.log" "$leaks" "${options[@]}" -detect_leaks="$leaks"
	rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$TMP/$target.log" | tail -n 1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
	speed=$(sed -n 's/.* exec\/s: \([0-9]*\).*/\1/p' <<<"$done_line")
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/$target.log" | tail -n 1)
	# Second pass: every input of the grown corpus once, leaks checked.
	if [ "$rc" -eq 0 ]; then
		fuzz "$target" "$TMP/$target.leaks.log" 1 -runs=0
		rc=$?
		[ "$rc" -eq 0 ] || cp "$TMP/$target.leaks.log" "$TMP/$target.log"
	fi
	echo "$target: cov ${cov:-?}, ft ${ft:-?}, ${runs:-?} runs, ${speed:-?} exec/s, corpus $(find "$TMP/corpus/$target" -type f | wc -l) inputs, $(($(date +%s) - start)) s" |
		tee -a "$dir/stats" | sed 's/^/# /'
	if [ "$rc" -eq 0 ]; then
		ok "fuzz: $target, $seconds s"
	else
		report "$target" "$TMP/$target.log"
		not_ok "fuzz: $target, $seconds s"
	fi
done
finish
