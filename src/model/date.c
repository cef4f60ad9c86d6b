/* Dates as yyyymmdd in an int32_t, and their arithmetic in days.
 *
 * Parsing takes the three forms people type (25.11.2026, 1.2.26,
 * 2026-11-25) and nothing looser: a date that could be misread is refused.
 * Only years 1900..2199 are accepted, which holds every birth date and
 * every measure period and catches a mistyped year (2062 for 2026 is still
 * possible, 20026 is not).
 *
 * Day counts use the civil-from-days algorithms of Howard Hinnant
 * ("chrono-compatible low-level date algorithms"): the year is shifted to
 * start in March so that the leap day is the last day of the year, and the
 * proleptic Gregorian calendar repeats every 400 years (146097 days).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/date.h"
#include "model/text.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2199
/* Two-digit years up to this one are 20JJ, later ones 19JJ. */
#define TWO_DIGIT_PIVOT 69

#define DAYS_PER_ERA            146097 /* days in 400 Gregorian years */
#define DAYS_0000_03_01_TO_1970 719468 /* from 0000-03-01 to 1970-01-01 */
/* date_from_days works for years 1..YEAR_ENCODABLE (int32_t yyyymmdd);
 * this bound on days keeps its intermediate values far from overflow. */
#define YEAR_ENCODABLE 214747
#define DAYS_BOUND     80000000

bool date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap_year(year))
		return 29;
	return days[month - 1];
}

bool date_valid(int year, int month, int day)
{
	if (year < YEAR_MIN || year > YEAR_MAX)
		return false;
	return day >= 1 && day <= date_days_in_month(year, month);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Reads MIN..MAX digits at *P into *VALUE and moves *P past them. */
static bool read_number(const char **p, int min, int max, int *value)
{
	int n = 0;

	*value = 0;
	while (n < max && is_digit(**p)) {
		*value = *value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min && !is_digit(**p);
}

/* Reads SEPARATOR at *P and moves past it. */
static bool read_char(const char **p, char separator)
{
	if (**p != separator)
		return false;
	(*p)++;
	return true;
}

/* "TT.MM.JJJJ" or "TT.MM.JJ", day and month with one or two digits. */
static bool read_german(const char **p, int *year, int *month, int *day)
{
	const char *year_start;

	if (!read_number(p, 1, 2, day) || !read_char(p, '.') || !read_number(p, 1, 2, month) ||
	    !read_char(p, '.'))
		return false;
	year_start = *p;
	if (!read_number(p, 2, 4, year))
		return false;
	switch (*p - year_start) {
	case 2:
		*year += *year <= TWO_DIGIT_PIVOT ? 2000 : 1900;
		return true;
	case 4:
		return true;
	default:
		return false; /* a three-digit year is a typing error */
	}
}

/* "JJJJ-MM-TT", exactly as ISO 8601 writes it. */
static bool read_iso(const char **p, int *year, int *month, int *day)
{
	return read_number(p, 4, 4, year) && read_char(p, '-') && read_number(p, 2, 2, month) &&
	       read_char(p, '-') && read_number(p, 2, 2, day);
}

/* The ISO form is told apart by its fifth character. */
static bool looks_iso(const char *p)
{
	for (int i = 0; i < 4; i++)
		if (!is_digit(p[i]))
			return false;
	return p[4] == '-';
}

enum status date_parse(const char *text, int32_t *date)
{
	int year, month, day;
	const char *p = text;
	bool read;

	if (!text)
		return STATUS_ERR_INVALID;
	while (is_blank(*p))
		p++;
	read = looks_iso(p) ? read_iso(&p, &year, &month, &day)
	                    : read_german(&p, &year, &month, &day);
	if (!read)
		return STATUS_ERR_INVALID;
	while (is_blank(*p))
		p++;
	if (*p != '\0')
		return STATUS_ERR_INVALID;
	if (year < YEAR_MIN || year > YEAR_MAX)
		return STATUS_ERR_RANGE;
	if (!date_valid(year, month, day))
		return STATUS_ERR_INVALID;
	*date = DATE_MAKE(year, month, day);
	return STATUS_OK;
}

/* Starts writing DATE into BUF: true when nothing is left to write (no
 * room at all, or the empty string of "no date"). */
static bool format_done(int32_t date, char *buf, size_t size)
{
	if (size == 0)
		return true;
	buf[0] = '\0';
	return date == 0;
}

/* The length snprintf wrote. A date that did not fit is not cut (25.11.20
 * would read as another date): BUF is left empty instead. */
static size_t format_result(int n, char *buf, size_t size)
{
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

size_t date_format(int32_t date, char *buf, size_t size)
{
	if (format_done(date, buf, size))
		return 0;
	return format_result(snprintf(buf, size, "%02d.%02d.%04d", DATE_DAY(date), DATE_MONTH(date),
	                              DATE_YEAR(date)),
	                     buf, size);
}

size_t date_format_iso(int32_t date, char *buf, size_t size)
{
	if (format_done(date, buf, size))
		return 0;
	return format_result(snprintf(buf, size, "%04d-%02d-%02d", DATE_YEAR(date),
	                              DATE_MONTH(date), DATE_DAY(date)),
	                     buf, size);
}

int64_t date_to_days(int32_t date)
{
	int64_t year = DATE_YEAR(date), month = DATE_MONTH(date), day = DATE_DAY(date);
	int64_t era, year_of_era, day_of_year, day_of_era;

	year -= month <= 2; /* January and February end the shifted year */
	era = (year >= 0 ? year : year - 399) / 400;
	year_of_era = year - era * 400;
	day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * DAYS_PER_ERA + day_of_era - DAYS_0000_03_01_TO_1970;
}

/* Returns 0 ("no date") when the result has no yyyymmdd form. */
int32_t date_from_days(int64_t days)
{
	int64_t z, era, day_of_era, year_of_era, day_of_year, march_month, year, month, day;

	if (days < -DAYS_BOUND || days > DAYS_BOUND)
		return 0;
	z = days + DAYS_0000_03_01_TO_1970;
	era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	day_of_era = z - era * DAYS_PER_ERA;
	year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
	               day_of_era / (DAYS_PER_ERA - 1)) /
	              365;
	day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	march_month = (5 * day_of_year + 2) / 153; /* 0 is March, 11 February */
	day = day_of_year - (153 * march_month + 2) / 5 + 1;
	month = march_month < 10 ? march_month + 3 : march_month - 9;
	year = year_of_era + era * 400 + (month <= 2);
	if (year < 1 || year > YEAR_ENCODABLE)
		return 0;
	return DATE_MAKE((int32_t)year, (int32_t)month, (int32_t)day);
}

int32_t date_from_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == -1 || !localtime_r(&tt, &tm))
		return 0;
	return DATE_MAKE(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int32_t date_today(void)
{
	return date_from_time((int64_t)time(NULL));
}

size_t date_time_format(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t n;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (t == 0 || !localtime_r(&tt, &tm))
		return 0;
	n = strftime(buf, size, "%d.%m.%Y %H:%M", &tm);
	if (n == 0)
		buf[0] = '\0'; /* too small: strftime may leave a part unterminated */
	return n;
}

enum status date_time_parse(const char *text, int64_t *out)
{
	char day[32];
	int hour = 0, minute = 0, n = 0;
	const char *blank = strrchr(text, ' ');
	int32_t date;
	struct tm tm = {0};
	time_t t;

	if (blank && blank != text) {
		if (sscanf(blank + 1, "%2d:%2d%n", &hour, &minute, &n) != 2 ||
		    blank[1 + n] != '\0' || hour < 0 || hour > 23 || minute < 0 || minute > 59)
			return STATUS_ERR_INVALID;
		if ((size_t)(blank - text) >= sizeof(day))
			return STATUS_ERR_INVALID;
		memcpy(day, text, (size_t)(blank - text));
		day[blank - text] = '\0';
	} else if (!text_copy(day, sizeof(day), text)) {
		return STATUS_ERR_INVALID;
	}
	if (date_parse(day, &date) != STATUS_OK)
		return STATUS_ERR_INVALID;
	tm.tm_year = DATE_YEAR(date) - 1900;
	tm.tm_mon = DATE_MONTH(date) - 1;
	tm.tm_mday = DATE_DAY(date);
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return STATUS_ERR_INVALID;
	*out = (int64_t)t;
	return STATUS_OK;
}

int32_t date_add_months(int32_t date, int n)
{
	int m = DATE_YEAR(date) * 12 + DATE_MONTH(date) - 1 + n;
	int year = m / 12, month = m % 12 + 1, day = DATE_DAY(date);
	int last = date_days_in_month(year, month);

	return DATE_MAKE(year, month, day > last ? last : day);
}
