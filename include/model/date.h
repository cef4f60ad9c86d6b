/* Dates: stored as an int32_t in ISO 8601 basic form yyyymmdd (20261125);
 * 0 means "no date". Shown as TT.MM.JJJJ; typed as TT.MM.JJJJ, TT.MM.JJ or
 * JJJJ-MM-TT. An impossible date (31.02.) is refused.
 */
#ifndef MODEL_DATE_H
#define MODEL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/status.h"

#define DATE_BUFSIZE 16

#define DATE_MAKE(y, m, d) ((int32_t)((y)*10000 + (m)*100 + (d)))
#define DATE_YEAR(date)    ((int)((date) / 10000))
#define DATE_MONTH(date)   ((int)((date) / 100 % 100))
#define DATE_DAY(date)     ((int)((date) % 100))

bool date_is_leap_year(int year);
int date_days_in_month(int year, int month);
bool date_valid(int year, int month, int day);

/* Parses TEXT (surrounding blanks allowed). Two-digit years are 2000+JJ
 * when JJ <= 69 and 1900+JJ otherwise. Accepted years: 1900..2199.
 * STATUS_ERR_INVALID for malformed or impossible dates. */
enum status date_parse(const char *text, int32_t *date);

/* "25.11.2026"; an empty string for 0. Returns the length written. */
size_t date_format(int32_t date, char *buf, size_t size);

/* "2026-11-25"; an empty string for 0. */
size_t date_format_iso(int32_t date, char *buf, size_t size);

/* Days since 1970-01-01 and back (proleptic Gregorian). */
int64_t date_to_days(int32_t date);
int32_t date_from_days(int64_t days);

/* Today in the local time zone; the local day of moment T (seconds since
 * 1970); 0 when it cannot be told. */
int32_t date_today(void);

/* DATE moved N months on (back for a negative N), the day kept or, where
 * the month is shorter, its last (31.08. + 6 = 28.02.). */
int32_t date_add_months(int32_t date, int n);
int32_t date_from_time(int64_t t);

/* A point in time (seconds since 1970 UTC) shown in the local time zone as
 * "25.11.2026 14:05"; an empty string for 0. */
size_t date_time_format(int64_t time, char *buf, size_t size);
/* Parses "TT.MM.JJJJ HH:MM" (or a date alone: midnight) in the local time
 * zone. STATUS_ERR_INVALID for anything else. */
enum status date_time_parse(const char *text, int64_t *time);

#endif
