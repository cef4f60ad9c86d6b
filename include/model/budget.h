/* The Sozialraumbudget's aggregates (design.md, "Budget arithmetic").
 *
 * What a measure commits is kept per year in a commitment record (a child
 * of the measure): the cost its granted decisions commit inside the year,
 * and what was booked against it in the year. The budget figures sum them
 * per district, year and line, and per district, year and service:
 * committed, spent, and open (per measure and year, committed less spent,
 * never below zero). Planned comes from the configuration; available and
 * forecast follow (budget_available, budget_forecast).
 *
 * Both are moved by the store's write hook (store/budget.h) in the
 * transaction of the decision, change or end that moves them, so that no
 * screen, export or report sums measures or bookings to show a budget;
 * verify recomputes them from the records. */
#ifndef MODEL_BUDGET_H
#define MODEL_BUDGET_H

#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

struct commitment {
	struct record_head head; /* id: budget_commitment_id(measure, year) */
	uint64_t measure_id;
	int64_t year;
	char district[CONFIG_ID_SIZE];
	int line; /* enum budget_line */
	char service[CONFIG_ID_SIZE];
	int64_t committed, spent; /* cents inside the year */
};
extern const struct record_def commitment_def;

/* A row of the budget: a line of a district's year (SERVICE empty), or a
 * service of it (LINE -1). */
struct budget_figure {
	struct record_head head; /* id: made of district, year, line, service */
	char district[CONFIG_ID_SIZE];
	int64_t year;
	int line;
	char service[CONFIG_ID_SIZE];
	int64_t committed, spent, open;
};
extern const struct record_def budget_figure_def;

uint64_t budget_commitment_id(uint64_t measure, int year);

/* The open part of a measure's year: committed less spent, not below 0. */
int64_t budget_open(int64_t committed, int64_t spent);

/* available = planned - spent - open; forecast (year end) = spent + open. */
int64_t budget_available(int64_t planned, const struct budget_figure *f);
int64_t budget_forecast(const struct budget_figure *f);

/* The line a service's measures are booked on: fallspezifisch, or
 * fallübergreifend for a service that is not case-specific. */
enum budget_line budget_line_of_service(const struct config *config, const char *service);

#endif
