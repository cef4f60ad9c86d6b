/* Money as an integer number of cents.
 *
 * Parsing is strict because a misread amount is worse than a refused one: a
 * dot is only ever a thousands separator and must be followed by exactly
 * three digits, so "12.34" (an English decimal point) is refused instead of
 * being read as 1.234 € or 12,34 €. The value is collected as an unsigned
 * magnitude so that INT64_MIN, whose magnitude has no positive int64_t,
 * parses and formats like every other amount.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "model/money.h"

#define CENTS_PER_EURO 100
#define EURO_SIGN      "\xe2\x82\xac" /* U+20AC in UTF-8 */
#define GROUP_DIGITS   3
#define MAX_DECIMALS   2
/* Room for the largest uint64_t in groups, "18.446.744.073.709.551.615". */
#define EUROS_BUFSIZE 32

/* The scanner's position in the text and the value read so far. */
struct amount_scan {
	const char *p, *end;
	bool overflow;
	uint64_t magnitude; /* the euros while they are read, then the cents */
	uint64_t limit;     /* largest magnitude allowed for the sign */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Multiplies the magnitude by FACTOR and adds DIGIT, noting overflow past
 * the limit instead of stopping, so that the syntax is still checked. */
static void scan_accumulate(struct amount_scan *scan, unsigned factor, unsigned digit)
{
	if (scan->overflow || scan->magnitude > (scan->limit - digit) / factor) {
		scan->overflow = true;
		return;
	}
	scan->magnitude = scan->magnitude * factor + digit;
}

/* Reads up to MAX digits (0 for no limit) and returns how many it read. */
static size_t scan_digits(struct amount_scan *scan, size_t max)
{
	size_t n = 0;

	while (scan->p < scan->end && is_digit(*scan->p) && (max == 0 || n < max)) {
		scan_accumulate(scan, 10, (unsigned)(*scan->p - '0'));
		scan->p++;
		n++;
	}
	return n;
}

/* The euros: "1234", or groups "1.234.567" where the first group has one to
 * three digits and does not start with 0 ("0.500" would be a decimal). */
static bool scan_euros(struct amount_scan *scan)
{
	const char *start = scan->p;
	size_t n = scan_digits(scan, 0);

	if (n == 0)
		return false;
	if (scan->p == scan->end || *scan->p != '.')
		return true;
	if (n > GROUP_DIGITS || *start == '0')
		return false;
	while (scan->p < scan->end && *scan->p == '.') {
		scan->p++;
		if (scan_digits(scan, GROUP_DIGITS) != GROUP_DIGITS)
			return false;
		if (scan->p < scan->end && is_digit(*scan->p))
			return false; /* a group of four or more */
	}
	return true;
}

/* The cents: nothing, or ',' with one or two digits ("5" means 50 cents).
 * They are read apart from the euros because they are added, not shifted. */
static bool scan_cents(struct amount_scan *scan, unsigned *cents)
{
	size_t n = 0;

	*cents = 0;
	if (scan->p == scan->end)
		return true;
	if (*scan->p != ',')
		return false;
	scan->p++;
	while (n < MAX_DECIMALS && scan->p < scan->end && is_digit(*scan->p)) {
		*cents = *cents * 10 + (unsigned)(*scan->p - '0');
		scan->p++;
		n++;
	}
	if (n == 1)
		*cents *= 10;
	return n > 0;
}

/* Narrows [*BEGIN, *END) to the amount itself: without blanks around it and
 * without a trailing euro sign, which may stand after a blank. */
static void strip_decoration(const char **begin, const char **end)
{
	size_t sign_len = strlen(EURO_SIGN);

	while (*begin < *end && is_blank(**begin))
		(*begin)++;
	while (*end > *begin && is_blank((*end)[-1]))
		(*end)--;
	if ((size_t)(*end - *begin) >= sign_len &&
	    memcmp(*end - sign_len, EURO_SIGN, sign_len) == 0) {
		*end -= sign_len;
		while (*end > *begin && is_blank((*end)[-1]))
			(*end)--;
	}
}

enum status money_parse(const char *text, int64_t *cents)
{
	struct amount_scan scan = {.limit = INT64_MAX};
	bool negative;
	unsigned fraction;

	if (!text)
		return STATUS_ERR_INVALID;
	scan.p = text;
	scan.end = text + strlen(text);
	strip_decoration(&scan.p, &scan.end);
	negative = scan.p < scan.end && *scan.p == '-';
	if (negative) {
		scan.p++;
		scan.limit = (uint64_t)INT64_MAX + 1;
	}
	if (!scan_euros(&scan) || !scan_cents(&scan, &fraction) || scan.p != scan.end)
		return STATUS_ERR_INVALID;
	scan_accumulate(&scan, CENTS_PER_EURO, fraction);
	if (scan.overflow)
		return STATUS_ERR_RANGE;
	/* -(magnitude - 1) - 1 reaches INT64_MIN without a signed overflow */
	*cents = negative && scan.magnitude > 0 ? -(int64_t)(scan.magnitude - 1) - 1
	                                        : (int64_t)scan.magnitude;
	return STATUS_OK;
}

/* The magnitude of CENTS, also for INT64_MIN. */
static uint64_t magnitude_of(int64_t cents)
{
	return cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
}

/* Writes the decimal digits of EUROS into BUF, with a dot between groups of
 * three when GROUPED. BUF must hold EUROS_BUFSIZE bytes. */
static void format_euros(uint64_t euros, bool grouped, char *buf)
{
	char rev[EUROS_BUFSIZE];
	size_t n = 0, digits = 0;

	do {
		if (grouped && digits > 0 && digits % GROUP_DIGITS == 0)
			rev[n++] = '.';
		rev[n++] = (char)('0' + euros % 10);
		euros /= 10;
		digits++;
	} while (euros > 0);
	for (size_t i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
}

/* Formats CENTS as [-]EUROS,CC followed by SUFFIX. An amount that does not
 * fit is not cut (a cut amount would show a wrong number): BUF is left
 * empty and 0 returned. */
static size_t format_amount(int64_t cents, bool grouped, const char *suffix, char *buf, size_t size)
{
	uint64_t magnitude = magnitude_of(cents);
	char euros[EUROS_BUFSIZE];
	int n;

	if (size == 0)
		return 0;
	format_euros(magnitude / CENTS_PER_EURO, grouped, euros);
	n = snprintf(buf, size, "%s%s,%02u%s", cents < 0 ? "-" : "", euros,
	             (unsigned)(magnitude % CENTS_PER_EURO), suffix);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

size_t money_format(int64_t cents, char *buf, size_t size)
{
	return format_amount(cents, true, " " EURO_SIGN, buf, size);
}

size_t money_format_plain(int64_t cents, char *buf, size_t size)
{
	return format_amount(cents, false, "", buf, size);
}

int64_t money_mul_div(int64_t a, int64_t b, int64_t c)
{
	__int128 product = (__int128)a * b, quotient, remainder, twice;
	bool negative = (product < 0) != (c < 0);

	assert(c != 0);
	if (c == 0)
		return 0;
	quotient = product / c; /* truncated toward zero */
	remainder = product % c;
	twice = 2 * (remainder < 0 ? -remainder : remainder);
	if (twice >= (c < 0 ? -(__int128)c : (__int128)c))
		quotient += negative ? -1 : 1; /* half or more: away from zero */
	if (quotient > INT64_MAX)
		return INT64_MAX;
	if (quotient < INT64_MIN)
		return INT64_MIN;
	return (int64_t)quotient;
}
