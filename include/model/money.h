/* Money: an integer number of cents (int64_t), never a float.
 *
 * Typed as "1234,56", "1.234,56", "1234" or "-12,50" (an optional trailing
 * "€" is accepted); shown as "1.234,56 €"; written to CSV as "1234,56".
 */
#ifndef MODEL_MONEY_H
#define MODEL_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "model/status.h"

/* Enough for "-92.233.720.368.547.758,08 €" and its terminating NUL. */
#define MONEY_BUFSIZE 40

/* Parses TEXT into *CENTS. Returns STATUS_ERR_INVALID for anything that is
 * not a well-formed amount (thousands dots must group by three, at most two
 * decimals) and STATUS_ERR_RANGE when it does not fit in int64_t. */
enum status money_parse(const char *text, int64_t *cents);

/* Writes "1.234,56 €" into BUF; returns the length written. */
size_t money_format(int64_t cents, char *buf, size_t size);

/* Writes "1234,56" (no grouping, no sign of currency) for CSV cells. */
size_t money_format_plain(int64_t cents, char *buf, size_t size);

/* A * B / C rounded half away from zero, without overflow in between
 * (128-bit intermediate). C must not be 0. Used for proration. */
int64_t money_mul_div(int64_t a, int64_t b, int64_t c);

#endif
