/* Unit tests of dates: calendar rules, parsing, formatting, day counts. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "model/date.h"

/* Parses TEXT and checks the status and, when OK, the date. */
static void check_parse(const char *text, enum status want_status, int32_t want_date)
{
	int32_t date = -1;
	enum status status = date_parse(text, &date);

	if (status != want_status)
		printf("#   input \"%s\"\n", text ? text : "(null)");
	CHECK_INT(status, want_status);
	CHECK_INT(date, want_status == STATUS_OK ? want_date : -1); /* untouched on error */
}

static void ok(const char *text, int32_t date)
{
	check_parse(text, STATUS_OK, date);
}

static void invalid(const char *text)
{
	check_parse(text, STATUS_ERR_INVALID, 0);
}

static void range(const char *text)
{
	check_parse(text, STATUS_ERR_RANGE, 0);
}

static void test_leap_years(void)
{
	CHECK(!date_is_leap_year(1900));
	CHECK(date_is_leap_year(2000));
	CHECK(date_is_leap_year(2024));
	CHECK(!date_is_leap_year(2025));
	CHECK(!date_is_leap_year(2100));
	CHECK(date_is_leap_year(2104));
	CHECK(!date_is_leap_year(2200));
	CHECK(date_is_leap_year(2400));
}

static void test_days_in_month(void)
{
	static const int want[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	for (int m = 1; m <= 12; m++)
		CHECK_INT(date_days_in_month(2025, m), want[m - 1]);
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(2000, 2), 29);
	CHECK_INT(date_days_in_month(1900, 2), 28);
	CHECK_INT(date_days_in_month(2100, 2), 28);
	CHECK_INT(date_days_in_month(2025, 0), 0);
	CHECK_INT(date_days_in_month(2025, 13), 0);
	CHECK_INT(date_days_in_month(2025, -1), 0);
}

static void test_valid(void)
{
	CHECK(date_valid(2026, 11, 25));
	CHECK(date_valid(2024, 2, 29));
	CHECK(date_valid(2000, 2, 29));
	CHECK(!date_valid(1900, 2, 29));
	CHECK(!date_valid(2100, 2, 29));
	CHECK(!date_valid(2025, 2, 29));
	CHECK(!date_valid(2026, 2, 31));
	CHECK(!date_valid(2026, 4, 31));
	CHECK(date_valid(2026, 12, 31));
	CHECK(!date_valid(2026, 0, 1));
	CHECK(!date_valid(2026, 13, 1));
	CHECK(!date_valid(2026, 1, 0));
	CHECK(!date_valid(2026, 1, 32));
	CHECK(date_valid(1900, 1, 1));
	CHECK(date_valid(2199, 12, 31));
	CHECK(!date_valid(1899, 12, 31));
	CHECK(!date_valid(2200, 1, 1));
}

static void test_parse_german(void)
{
	ok("25.11.2026", DATE_MAKE(2026, 11, 25));
	ok("1.2.2026", DATE_MAKE(2026, 2, 1));
	ok("01.02.2026", DATE_MAKE(2026, 2, 1));
	ok("1.12.2026", DATE_MAKE(2026, 12, 1));
	ok("31.1.2026", DATE_MAKE(2026, 1, 31));
	ok("29.02.2024", DATE_MAKE(2024, 2, 29));
	ok("29.02.2000", DATE_MAKE(2000, 2, 29));
	ok("31.12.2026", DATE_MAKE(2026, 12, 31));
	ok("01.01.1900", DATE_MAKE(1900, 1, 1));
	ok("31.12.2199", DATE_MAKE(2199, 12, 31));
	ok("  25.11.2026 ", DATE_MAKE(2026, 11, 25));
	ok("\t25.11.2026\t", DATE_MAKE(2026, 11, 25));
}

static void test_parse_two_digit_year(void)
{
	ok("25.11.26", DATE_MAKE(2026, 11, 25));
	ok("1.1.00", DATE_MAKE(2000, 1, 1));
	ok("1.1.69", DATE_MAKE(2069, 1, 1));
	ok("1.1.70", DATE_MAKE(1970, 1, 1));
	ok("31.12.99", DATE_MAKE(1999, 12, 31));
	ok("29.2.24", DATE_MAKE(2024, 2, 29));
	ok("29.2.00", DATE_MAKE(2000, 2, 29));
	invalid("29.2.25");
	invalid("29.2.1900");
	invalid("25.11.6");   /* one-digit year */
	invalid("25.11.026"); /* three-digit year */
}

static void test_parse_iso(void)
{
	ok("2026-11-25", DATE_MAKE(2026, 11, 25));
	ok(" 2026-11-25 ", DATE_MAKE(2026, 11, 25));
	ok("2024-02-29", DATE_MAKE(2024, 2, 29));
	ok("1900-01-01", DATE_MAKE(1900, 1, 1));
	invalid("2026-13-01");
	invalid("2026-00-01");
	invalid("2026-02-30");
	invalid("2025-02-29");
	invalid("2100-02-29");
	invalid("2026-1-5"); /* ISO has two digits each */
	invalid("2026-11-5");
	invalid("2026-11-255");
	invalid("2026-11");
	invalid("2026-11-25T10:00");
	invalid("20261125");
	range("1899-12-31");
	range("2200-01-01");
}

static void test_parse_refused(void)
{
	invalid("31.02.2026");
	invalid("30.02.2024");
	invalid("29.02.2025");
	invalid("29.02.1900");
	invalid("29.02.2100");
	invalid("31.04.2026");
	invalid("00.01.2026");
	invalid("01.00.2026");
	invalid("32.01.2026");
	invalid("01.13.2026");
	invalid("25.11.");
	invalid("25.11");
	invalid("25.11.2026.");
	invalid("25/11/2026");
	invalid("25-11-2026");
	invalid("25 11 2026");
	invalid("25.11.2026x");
	invalid("25.11.2026 x");
	invalid("x25.11.2026");
	invalid("25..2026");
	invalid(".11.2026");
	invalid("123.11.2026");
	invalid("25.011.2026");
	invalid("25.11.20266");
	invalid("-1.11.2026");
	invalid("+1.11.2026");
	invalid("25. 11. 2026");
	invalid("");
	invalid("   ");
	invalid("heute");
	invalid(NULL);
	range("31.12.1899");
	range("01.01.2200");
	range("01.01.0001");
	range("01.01.9999");
}

static void check_format(int32_t date, const char *want, const char *want_iso)
{
	char buf[DATE_BUFSIZE];

	CHECK_INT(date_format(date, buf, sizeof buf), strlen(want));
	CHECK_STR(buf, want);
	CHECK_INT(date_format_iso(date, buf, sizeof buf), strlen(want_iso));
	CHECK_STR(buf, want_iso);
}

static void test_format(void)
{
	char buf[10];

	check_format(DATE_MAKE(2026, 11, 25), "25.11.2026", "2026-11-25");
	check_format(DATE_MAKE(2026, 2, 1), "01.02.2026", "2026-02-01");
	check_format(DATE_MAKE(1900, 1, 1), "01.01.1900", "1900-01-01");
	check_format(0, "", "");
	/* a date that does not fit is left out, not cut */
	CHECK_INT(date_format(DATE_MAKE(2026, 11, 25), buf, sizeof buf), 0);
	CHECK_STR(buf, "");
	CHECK_INT(date_format_iso(DATE_MAKE(2026, 11, 25), buf, sizeof buf), 0);
	CHECK_STR(buf, "");
	buf[0] = 'x';
	CHECK_INT(date_format(DATE_MAKE(2026, 11, 25), buf, 0), 0);
	CHECK(buf[0] == 'x');
}

/* Every valid date of the accepted range formats and parses back. */
static void test_format_parse_round_trip(void)
{
	char buf[DATE_BUFSIZE];
	int failures = 0;

	for (int y = 1900; y <= 2199; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= date_days_in_month(y, m); d++) {
				int32_t date = DATE_MAKE(y, m, d), back = 0;

				date_format(date, buf, sizeof buf);
				failures += date_parse(buf, &back) != STATUS_OK || back != date;
				date_format_iso(date, buf, sizeof buf);
				failures += date_parse(buf, &back) != STATUS_OK || back != date;
			}
	CHECK_INT(failures, 0);
}

static void test_days_known(void)
{
	CHECK_INT(date_to_days(DATE_MAKE(1970, 1, 1)), 0);
	CHECK_INT(date_to_days(DATE_MAKE(1969, 12, 31)), -1);
	CHECK_INT(date_to_days(DATE_MAKE(1900, 1, 1)), -25567);
	CHECK_INT(date_to_days(DATE_MAKE(2000, 1, 1)), 10957);
	CHECK_INT(date_to_days(DATE_MAKE(2000, 2, 29)), 11016);
	CHECK_INT(date_to_days(DATE_MAKE(2026, 11, 25)), 20782);
	CHECK_INT(date_to_days(DATE_MAKE(2199, 12, 31)), 84005);
	CHECK_INT(date_to_days(DATE_MAKE(1, 1, 1)), -719162);
	CHECK_INT(date_to_days(DATE_MAKE(9999, 12, 31)), 2932896);
	CHECK_INT(date_from_days(0), DATE_MAKE(1970, 1, 1));
	CHECK_INT(date_from_days(-1), DATE_MAKE(1969, 12, 31));
	CHECK_INT(date_from_days(20782), DATE_MAKE(2026, 11, 25));
	CHECK_INT(date_from_days(-719162), DATE_MAKE(1, 1, 1));
	CHECK_INT(date_from_days(2932896), DATE_MAKE(9999, 12, 31));
	/* outside what yyyymmdd can hold: "no date" */
	CHECK_INT(date_from_days(-719163), 0);
	CHECK_INT(date_from_days(INT64_MAX), 0);
	CHECK_INT(date_from_days(INT64_MIN), 0);
}

/* Day by day from 1900-01-01 to 2199-12-31: the count goes up by one and
 * date_from_days is its exact inverse. */
static void test_days_round_trip(void)
{
	int64_t expect = date_to_days(DATE_MAKE(1900, 1, 1));
	int failures = 0, count = 0;

	for (int y = 1900; y <= 2199; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= date_days_in_month(y, m); d++) {
				int32_t date = DATE_MAKE(y, m, d);
				int64_t days = date_to_days(date);

				failures += days != expect;
				failures += date_from_days(days) != date;
				expect++;
				count++;
			}
	CHECK_INT(failures, 0);
	CHECK_INT(count, 300 * 365 + 73); /* 75 multiples of 4, less 1900 and 2100 */
	CHECK_INT(expect, date_to_days(DATE_MAKE(2200, 1, 1)));
}

/* The inverse also holds far beyond the accepted range. */
static void test_days_wide(void)
{
	int failures = 0;

	for (int64_t days = -719162; days <= 2932896 * 20; days += 97) {
		int32_t date = date_from_days(days);

		failures += date == 0 || date_to_days(date) != days;
	}
	CHECK_INT(failures, 0);
}

static void test_today(void)
{
	int32_t today = date_today();

	CHECK(date_valid(DATE_YEAR(today), DATE_MONTH(today), DATE_DAY(today)));
	CHECK(today >= DATE_MAKE(2024, 1, 1));
}

int main(void)
{
	RUN(test_leap_years);
	RUN(test_days_in_month);
	RUN(test_valid);
	RUN(test_parse_german);
	RUN(test_parse_two_digit_year);
	RUN(test_parse_iso);
	RUN(test_parse_refused);
	RUN(test_format);
	RUN(test_format_parse_round_trip);
	RUN(test_days_known);
	RUN(test_days_round_trip);
	RUN(test_days_wide);
	RUN(test_today);
	return CHECK_EXIT();
}
