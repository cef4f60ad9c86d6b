/* Unit tests of the budget arithmetic of a measure (cost.h): integers to
 * the cent, each month rounded once. */
#include "check.h"
#include "model/cost.h"
#include "model/date.h"
#include "model/measure.h"

/* 3.000,00 € a month from 15 January to 14 March: 17/31 of January,
 * all of February, 14/31 of March, each rounded on its own. */
static void test_monthly_mid_month(void)
{
	struct cost_segment s = {.from = 20260115, .to = 20260314, .rate = 300000};

	CHECK_INT(cost_between(COST_MONTHLY, &s, 1, 20260101, 20260131), 164516); /* 164516,13 */
	CHECK_INT(cost_between(COST_MONTHLY, &s, 1, 20260201, 20260228), 300000);
	CHECK_INT(cost_between(COST_MONTHLY, &s, 1, 20260301, 20260331), 135484); /* 135483,87 */
	CHECK_INT(cost_total(COST_MONTHLY, &s, 1), 164516 + 300000 + 135484);
	CHECK_INT(cost_in_year(COST_MONTHLY, &s, 1, 2026), 600000);
	CHECK_INT(cost_in_year(COST_MONTHLY, &s, 1, 2025), 0);
}

/* A leap February has 29 days: all of it is a month's rate, half of it
 * 15/29. */
static void test_leap_february(void)
{
	struct cost_segment whole = {.from = 20280201, .to = 20280229, .rate = 300000};
	struct cost_segment half = {.from = 20280215, .to = 20280229, .rate = 300000};

	CHECK_INT(cost_total(COST_MONTHLY, &whole, 1), 300000);
	CHECK_INT(cost_total(COST_MONTHLY, &half, 1), 155172); /* 155172,41 */
}

/* 168,00 € a day from 20 December to 10 January: 12 days in the old year,
 * 10 in the new. */
static void test_daily_year_end(void)
{
	struct cost_segment s = {.from = 20261220, .to = 20270110, .rate = 16800};

	CHECK_INT(cost_in_year(COST_DAILY, &s, 1, 2026), 12 * 16800);
	CHECK_INT(cost_in_year(COST_DAILY, &s, 1, 2027), 10 * 16800);
	CHECK_INT(cost_total(COST_DAILY, &s, 1), 22 * 16800);
}

/* 3 hours a week at 68,50 € from 29 January to 3 February: three days in
 * each month, 3 x 6850 x 3 / 7 = 8807,14 rounded in each. */
static void test_hourly_month_boundary(void)
{
	struct cost_segment s = {.from = 20260129, .to = 20260203, .rate = 6850, .hours = 300};

	CHECK_INT(cost_between(COST_HOURLY, &s, 1, 20260101, 20260131), 8807);
	CHECK_INT(cost_between(COST_HOURLY, &s, 1, 20260201, 20260228), 8807);
	CHECK_INT(cost_total(COST_HOURLY, &s, 1), 17614);
	/* rounded in each month, not once over the period: 2 days of 1,00 €
	 * an hour for an hour a week in each month are 0,29 € twice (0,57 €
	 * over the period) */
	s = (struct cost_segment){.from = 20260130, .to = 20260202, .rate = 100, .hours = 100};
	CHECK_INT(cost_total(COST_HOURLY, &s, 1), 58);
	/* 2,5 hours a week for a whole week: 2,5 x 6850 */
	s = (struct cost_segment){.from = 20260302, .to = 20260308, .rate = 6850, .hours = 250};
	CHECK_INT(cost_total(COST_HOURLY, &s, 1), 17125);
}

/* A one-off counts whole on its day. */
static void test_one_off(void)
{
	struct cost_segment s = {.from = 20260310, .to = 20260310, .rate = 35000};

	CHECK_INT(cost_in_year(COST_ONE_OFF, &s, 1, 2026), 35000);
	CHECK_INT(cost_in_year(COST_ONE_OFF, &s, 1, 2027), 0);
	CHECK_INT(cost_between(COST_ONE_OFF, &s, 1, 20260311, 20261231), 0);
	CHECK_INT(cost_total(COST_ONE_OFF, &s, 1), 35000);
}

/* An extension at a new rate from 11 April: April is rounded once over
 * both, (3000 x 10 + 3200 x 20) / 30 = 3133,33 €. */
static void test_extension_new_rate(void)
{
	struct cost_segment s[] = {{.from = 20260101, .to = 20260410, .rate = 300000},
	                           {.from = 20260411, .to = 20260630, .rate = 320000}};

	CHECK_INT(cost_between(COST_MONTHLY, s, 2, 20260401, 20260430), 313333);
	CHECK_INT(cost_total(COST_MONTHLY, s, 2), 3 * 300000 + 313333 + 2 * 320000);
}

/* Nothing outside the period; an empty list costs nothing. */
static void test_outside(void)
{
	struct cost_segment s = {.from = 20260601, .to = 20260630, .rate = 300000};

	CHECK_INT(cost_between(COST_MONTHLY, &s, 1, 20260101, 20260531), 0);
	CHECK_INT(cost_between(COST_MONTHLY, &s, 1, 20260701, 20261231), 0);
	CHECK_INT(cost_total(COST_MONTHLY, NULL, 0), 0);
}

/* A measure's approvals as segments: approved to March, extended to
 * June, a new rate from May, a change rejected; ended on 15 May: each
 * later one replaces the earlier from its first day, nothing after the
 * end counts. */
static void test_measure_segments(void)
{
	struct measure m = {.start = 20270101, .approved_to = 20270630};
	struct approval a[] = {
	        {.decision = DECISION_GRANTED, .from = 20270101, .to = 20270331, .rate = 6850},
	        {.decision = DECISION_GRANTED, .from = 20270401, .to = 20270630, .rate = 6850},
	        {.decision = DECISION_REJECTED, .from = 20270301, .to = 20270630, .rate = 9000},
	        {.decision = DECISION_GRANTED, .from = 20270501, .to = 20270630, .rate = 7500},
	};
	struct cost_segment s[8];
	size_t n = measure_segments(&m, a, 4, s, 8);

	CHECK_INT(n, 3);
	CHECK_INT(s[0].to, 20270331);
	CHECK_INT(s[1].from, 20270401);
	CHECK_INT(s[1].to, 20270430);
	CHECK_INT(s[2].from, 20270501);
	CHECK_INT(s[2].rate, 7500);
	m.ended = 20270515;
	n = measure_segments(&m, a, 4, s, 8);
	CHECK_INT(n, 3);
	CHECK_INT(s[2].to, 20270515);
	m.ended = 20270415; /* before the new rate began: its segment falls */
	n = measure_segments(&m, a, 4, s, 8);
	CHECK_INT(n, 2);
	CHECK_INT(s[1].to, 20270415);
	m.ended = 0;
	m.approved_to = 20270531; /* shortened: approved to the end of May */
	n = measure_segments(&m, a, 4, s, 8);
	CHECK_INT(s[n - 1].to, 20270531);
}

int main(void)
{
	RUN(test_monthly_mid_month);
	RUN(test_leap_february);
	RUN(test_daily_year_end);
	RUN(test_hourly_month_boundary);
	RUN(test_one_off);
	RUN(test_extension_new_rate);
	RUN(test_outside);
	RUN(test_measure_segments);
	return CHECK_EXIT();
}
