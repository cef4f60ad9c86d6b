/* What a help measure costs, by the budget arithmetic of design.md: in
 * whole cents, never a float.
 *
 * A measure's approved versions are segments of its period, each with its
 * rate (an extension at a new rate is a second segment). Per month:
 *   monthly rate: rate x days of the month in the period / days of the
 *                 month, rounded once per month (half away from zero);
 *   hourly (Fachleistungsstunde): hours per week x rate x days / 7,
 *                 rounded once per month as above;
 *   daily rate:   days x rate;
 *   one-off:      the amount, on its day (the segment's first).
 * A month in which two segments meet is rounded once, over both. */
#ifndef MODEL_COST_H
#define MODEL_COST_H

#include <stddef.h>
#include <stdint.h>

#include "model/domain.h"

struct cost_segment {
	int32_t from, to; /* yyyymmdd, both days included */
	int64_t rate;     /* cents per month, day or hour; a one-off's amount */
	int32_t hours;    /* hourly: hours per week x 100 (2,5 h = 250) */
};

/* The cost of the part of the segments' period that lies between FROM and
 * TO (both included): a year (0101 to 1231), a month, the whole period. */
int64_t cost_between(enum cost_model model, const struct cost_segment *segs, size_t n, int32_t from,
                     int32_t to);

/* ... within YEAR. */
int64_t cost_in_year(enum cost_model model, const struct cost_segment *segs, size_t n, int year);

/* ... over their whole period. */
int64_t cost_total(enum cost_model model, const struct cost_segment *segs, size_t n);

#endif
