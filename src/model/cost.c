/* The budget arithmetic of a measure (cost.h). */
#include "model/cost.h"
#include "model/date.h"
#include "model/money.h"

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* Days of SEG within [FROM, TO] (day numbers), 0 when none. */
static int64_t overlap(const struct cost_segment *seg, int64_t from, int64_t to)
{
	int64_t a = max64(date_to_days(seg->from), from), b = min64(date_to_days(seg->to), to);

	return b >= a ? b - a + 1 : 0;
}

/* One month's share of the prorated models, rounded once over every
 * segment that has days in [FROM, TO], which lie in one month of DAYS. */
static int64_t month_share(enum cost_model model, const struct cost_segment *segs, size_t n,
                           int64_t from, int64_t to, int days)
{
	int64_t sum = 0;

	for (size_t i = 0; i < n; i++) {
		int64_t d = overlap(&segs[i], from, to);

		if (d)
			sum += model == COST_HOURLY ? d * segs[i].rate * segs[i].hours
			                            : d * segs[i].rate;
	}
	return money_mul_div(sum, 1, model == COST_HOURLY ? 7 * 100 : days);
}

int64_t cost_between(enum cost_model model, const struct cost_segment *segs, size_t n, int32_t from,
                     int32_t to)
{
	int64_t first = date_to_days(from), last = date_to_days(to), total = 0;

	for (size_t i = 0; model == COST_DAILY && i < n; i++)
		total += overlap(&segs[i], first, last) * segs[i].rate;
	for (size_t i = 0; model == COST_ONE_OFF && i < n; i++)
		if (segs[i].from >= from && segs[i].from <= to)
			total += segs[i].rate;
	if (model != COST_MONTHLY && model != COST_HOURLY)
		return total;
	/* month by month from the first day asked for to the last */
	for (int64_t day = first; day <= last;) {
		int32_t date = date_from_days(day);
		int days = date_days_in_month(DATE_YEAR(date), DATE_MONTH(date));
		int64_t month_end = day + (days - DATE_DAY(date));

		total += month_share(model, segs, n, day, min64(month_end, last), days);
		day = month_end + 1;
	}
	return total;
}

int64_t cost_in_year(enum cost_model model, const struct cost_segment *segs, size_t n, int year)
{
	return cost_between(model, segs, n, DATE_MAKE(year, 1, 1), DATE_MAKE(year, 12, 31));
}

int64_t cost_total(enum cost_model model, const struct cost_segment *segs, size_t n)
{
	int32_t from = 0, to = 0;

	for (size_t i = 0; i < n; i++) {
		if (!from || segs[i].from < from)
			from = segs[i].from;
		if (segs[i].to > to)
			to = segs[i].to;
	}
	return n ? cost_between(model, segs, n, from, to > from ? to : from) : 0;
}
