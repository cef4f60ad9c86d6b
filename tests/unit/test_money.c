/* Unit tests of money: parsing, formatting and proration arithmetic. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "model/money.h"

/* Parses TEXT and checks the status and, when OK, the cents. */
static void check_parse(const char *text, enum status want_status, int64_t want_cents)
{
	int64_t cents = -4242;
	enum status status = money_parse(text, &cents);

	if (status != want_status)
		printf("#   input \"%s\"\n", text ? text : "(null)");
	CHECK_INT(status, want_status);
	if (want_status == STATUS_OK)
		CHECK_INT(cents, want_cents);
	else
		CHECK_INT(cents, -4242); /* untouched on error */
}

static void ok(const char *text, int64_t cents)
{
	check_parse(text, STATUS_OK, cents);
}

static void invalid(const char *text)
{
	check_parse(text, STATUS_ERR_INVALID, 0);
}

static void range(const char *text)
{
	check_parse(text, STATUS_ERR_RANGE, 0);
}

static void test_parse_forms(void)
{
	ok("1234,56", 123456);
	ok("1.234,56", 123456);
	ok("1234", 123400);
	ok("1234,5", 123450);
	ok("-12,50", -1250);
	ok("0", 0);
	ok("0,00", 0);
	ok("-0", 0);
	ok("-0,00", 0);
	ok("0,05", 5);
	ok("-0,05", -5);
	ok("0,5", 50);
	ok("1.234", 123400);
	ok("12.345", 1234500);
	ok("123.456", 12345600);
	ok("1.234.567,89", 123456789);
	ok("-1.234.567,89", -123456789);
	ok("1234567", 123456700);
	ok("007", 700); /* leading zeros without grouping are harmless */
	ok("100,00", 10000);
}

static void test_parse_decoration(void)
{
	ok(" 1234,56", 123456);
	ok("1234,56 ", 123456);
	ok("\t 1.234,56 \t", 123456);
	ok("1.234,56 €", 123456);
	ok("1.234,56€", 123456);
	ok("1.234,56  € ", 123456);
	ok(" -12,50 €", -1250);
	ok("5€", 500);
	invalid("€");
	invalid(" € ");
	invalid("€ 5");
	invalid("5 € €");
	invalid("5 EUR");
	invalid("5 \xe2\x82"); /* half a euro sign */
}

static void test_parse_refused(void)
{
	invalid("");
	invalid("   ");
	invalid(NULL);
	invalid(",50"); /* a euro digit is required */
	invalid("-,50");
	invalid("12,"); /* a comma needs decimals */
	invalid("12,345");
	invalid("1,2,3");
	invalid("1.23,45");
	invalid("1.2345");
	invalid("12.34"); /* English decimal point, not a group */
	invalid("12.3");
	invalid("12.");
	invalid(".123");
	invalid("1234.567"); /* first group longer than three */
	invalid("1.234.56");
	invalid("1..234");
	invalid("0.500"); /* a group after 0 would be a decimal */
	invalid("01.234");
	invalid("abc");
	invalid("12a");
	invalid("a12");
	invalid("-");
	invalid("--5");
	invalid("+5");
	invalid("- 5");
	invalid("1 234");
	invalid("1'234");
	invalid("12,3a");
	invalid("0x10");
	invalid("1e3");
	invalid("1,-5");
}

static void test_parse_limits(void)
{
	ok("92233720368547758,07", INT64_MAX);
	ok("92.233.720.368.547.758,07", INT64_MAX);
	range("92233720368547758,08");
	range("92233720368547759");
	range("92233720368547758,1");
	ok("-92233720368547758,08", INT64_MIN);
	ok("-92.233.720.368.547.758,08 €", INT64_MIN);
	range("-92233720368547758,09");
	range("99999999999999999999999999");
	range("-99999999999999999999999999");
	range("184467440737095516,16");   /* 2^64 cents: wraps if unchecked */
	invalid("99999999999999999999x"); /* malformed wins over too large */
	invalid("99999999999999999999,123");
}

/* Formats CENTS both ways and checks the text and the returned length. */
static void check_format(int64_t cents, const char *want, const char *want_plain)
{
	char buf[MONEY_BUFSIZE];

	CHECK_INT(money_format(cents, buf, sizeof buf), strlen(want));
	CHECK_STR(buf, want);
	CHECK_INT(money_format_plain(cents, buf, sizeof buf), strlen(want_plain));
	CHECK_STR(buf, want_plain);
}

static void test_format(void)
{
	check_format(0, "0,00 €", "0,00");
	check_format(5, "0,05 €", "0,05");
	check_format(-5, "-0,05 €", "-0,05");
	check_format(50, "0,50 €", "0,50");
	check_format(100, "1,00 €", "1,00");
	check_format(99999, "999,99 €", "999,99");
	check_format(100000, "1.000,00 €", "1000,00");
	check_format(123456, "1.234,56 €", "1234,56");
	check_format(-123456, "-1.234,56 €", "-1234,56");
	check_format(12345678, "123.456,78 €", "123456,78");
	check_format(-123456789, "-1.234.567,89 €", "-1234567,89");
	check_format(INT64_MAX, "92.233.720.368.547.758,07 €", "92233720368547758,07");
	check_format(INT64_MIN, "-92.233.720.368.547.758,08 €", "-92233720368547758,08");
}

static void test_format_small_buffer(void)
{
	char buf[9];

	CHECK_INT(money_format(123, buf, sizeof buf), 8); /* exactly fits */
	CHECK_STR(buf, "1,23 €");
	CHECK_INT(money_format(1234, buf, sizeof buf), 0); /* never a cut amount */
	CHECK_STR(buf, "");
	CHECK_INT(money_format_plain(123456789, buf, sizeof buf), 0);
	CHECK_STR(buf, "");
	CHECK_INT(money_format_plain(123456, buf, sizeof buf), 7);
	CHECK_STR(buf, "1234,56");
	buf[0] = 'x';
	CHECK_INT(money_format(1, buf, 0), 0);
	CHECK(buf[0] == 'x');
}

/* parse(format(x)) == x and parse(format_plain(x)) == x. */
static void check_round_trip(int64_t cents)
{
	char buf[MONEY_BUFSIZE];
	int64_t back = 0;

	money_format_plain(cents, buf, sizeof buf);
	CHECK_INT(money_parse(buf, &back), STATUS_OK);
	CHECK_INT(back, cents);
	back = 0;
	money_format(cents, buf, sizeof buf);
	CHECK_INT(money_parse(buf, &back), STATUS_OK);
	CHECK_INT(back, cents);
}

static void test_round_trip(void)
{
	static const int64_t values[] = {
	        0,
	        1,
	        -1,
	        9,
	        10,
	        99,
	        100,
	        101,
	        999,
	        1000,
	        99999,
	        100000,
	        123456,
	        -123456,
	        INT64_MAX,
	        INT64_MAX - 1,
	        INT64_MIN,
	        INT64_MIN + 1,
	        INT64_MAX / 100,
	        -(INT64_MAX / 100),
	};

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		check_round_trip(values[i]);
	for (int64_t x = -100000; x <= 100000; x += 7)
		check_round_trip(x);
	/* every power of ten and its neighbours, both signs */
	for (int64_t p = 1; p <= INT64_MAX / 10; p *= 10) {
		check_round_trip(p - 1);
		check_round_trip(p);
		check_round_trip(p + 1);
		check_round_trip(-p);
		check_round_trip(-p - 1);
	}
	/* a deterministic spread over the whole range (LCG) */
	uint64_t state = 42;
	for (int i = 0; i < 100000; i++) {
		state = state * 6364136223846793005u + 1442695040888963407u;
		check_round_trip((int64_t)(state >> 1) * (state & 1 ? -1 : 1));
	}
}

static void test_mul_div(void)
{
	CHECK_INT(money_mul_div(3100, 15, 31), 1500);
	CHECK_INT(money_mul_div(1, 1, 2), 1); /* half rounds away from zero */
	CHECK_INT(money_mul_div(-1, 1, 2), -1);
	CHECK_INT(money_mul_div(1, -1, 2), -1);
	CHECK_INT(money_mul_div(1, 1, -2), -1);
	CHECK_INT(money_mul_div(-1, -1, 2), 1);
	CHECK_INT(money_mul_div(-1, 1, -2), 1);
	CHECK_INT(money_mul_div(1, 1, 3), 0); /* a third rounds down */
	CHECK_INT(money_mul_div(2, 1, 3), 1); /* two thirds round up */
	CHECK_INT(money_mul_div(-2, 1, 3), -1);
	CHECK_INT(money_mul_div(-1, 1, 3), 0);
	CHECK_INT(money_mul_div(5, 1, 10), 1);
	CHECK_INT(money_mul_div(4, 1, 10), 0);
	CHECK_INT(money_mul_div(-5, 1, 10), -1);
	CHECK_INT(money_mul_div(0, 5, 7), 0);
	CHECK_INT(money_mul_div(7, 0, 7), 0);
	/* a monthly rate of 1.234,56 € for 10 of 30 days: 411,52 € */
	CHECK_INT(money_mul_div(123456, 10, 30), 41152);
	/* FLS: 5 h/week × 68,50 € × 31 days / 7 = 1.516,79 € (1.516,7857..) */
	CHECK_INT(money_mul_div(5 * 6850, 31, 7), 151679);
	/* the product overflows int64_t but the result does not */
	CHECK_INT(money_mul_div(INT64_MAX, 31, 31), INT64_MAX);
	CHECK_INT(money_mul_div(INT64_MIN, 28, 28), INT64_MIN);
	CHECK_INT(money_mul_div(INT64_MAX, INT64_MAX, INT64_MAX), INT64_MAX);
	CHECK_INT(money_mul_div(INT64_MIN, INT64_MIN, INT64_MIN), INT64_MIN);
	CHECK_INT(money_mul_div(INT64_MAX, 2, 4), INT64_MAX / 2 + 1);
	/* results beyond int64_t saturate */
	CHECK_INT(money_mul_div(INT64_MAX, 2, 1), INT64_MAX);
	CHECK_INT(money_mul_div(INT64_MIN, 2, 1), INT64_MIN);
	CHECK_INT(money_mul_div(INT64_MIN, -1, 1), INT64_MAX);
}

/* The months of a period prorated one by one add up to about the whole. */
static void test_mul_div_months(void)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t rate = 123456, sum = 0;

	for (int m = 0; m < 12; m++)
		sum += money_mul_div(rate, days[m], days[m]);
	CHECK_INT(sum, 12 * rate);
	CHECK_INT(money_mul_div(rate, 0, 31), 0);
	for (int d = 0; d <= 31; d++) {
		int64_t part = money_mul_div(rate, d, 31);
		CHECK(part >= 0 && part <= rate);
	}
}

int main(void)
{
	RUN(test_parse_forms);
	RUN(test_parse_decoration);
	RUN(test_parse_refused);
	RUN(test_parse_limits);
	RUN(test_format);
	RUN(test_format_small_buffer);
	RUN(test_round_trip);
	RUN(test_mul_div);
	RUN(test_mul_div_months);
	return CHECK_EXIT();
}
