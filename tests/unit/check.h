/* A small unit-test harness: each test function runs, and the program prints
 * "ok NAME" or "not ok NAME" per test (tests/run counts these lines) with
 * the failed checks as "#" lines above. Exit status 0 when all passed. */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_current_failed;
static int check_any_failed;

#define CHECK(cond)                                                                         \
	do {                                                                                \
		if (!(cond)) {                                                              \
			printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
			check_current_failed = 1;                                           \
		}                                                                           \
	} while (0)

#define CHECK_STR(got, want)                                                               \
	do {                                                                               \
		const char *check_got_ = (got), *check_want_ = (want);                     \
		if (strcmp(check_got_, check_want_) != 0) {                                \
			printf("#   %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
			       check_got_, check_want_);                                   \
			check_current_failed = 1;                                          \
		}                                                                          \
	} while (0)

#define CHECK_INT(got, want)                                                                   \
	do {                                                                                   \
		long long check_got_ = (long long)(got), check_want_ = (long long)(want);      \
		if (check_got_ != check_want_) {                                               \
			printf("#   %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, \
			       check_got_, check_want_);                                       \
			check_current_failed = 1;                                              \
		}                                                                              \
	} while (0)

#define RUN(test)                                                                 \
	do {                                                                      \
		check_current_failed = 0;                                         \
		test();                                                           \
		printf("%s %s\n", check_current_failed ? "not ok" : "ok", #test); \
		fflush(stdout);                                                   \
		check_any_failed |= check_current_failed;                         \
	} while (0)

#define CHECK_EXIT() (check_any_failed ? 1 : 0)

#endif
