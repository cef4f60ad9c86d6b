/* The dashboard's budget: a line per district the user may see the
 * budget of (a team's, or every one for the head of office, the budget
 * clerks and controlling) with what the year is forecast to cost against
 * its plan, from the aggregates the server keeps (budget.h): one index
 * page per district, no booking summed. */
#include <stdio.h>
#include <string.h>

#include "model/budget.h"
#include "model/date.h"
#include "model/money.h"
#include "model/rights.h"
#include "dashboard.h"

struct year_sum {
	struct budget_figure sum;
};

static void add_line(void *ctx, const void *rec)
{
	struct year_sum *y = ctx;
	const struct budget_figure *f = rec;

	if (f->service[0])
		return; /* the services' rows split the lines' */
	y->sum.committed += f->committed;
	y->sum.spent += f->spent;
	y->sum.open += f->open;
}

static void load_district(struct ui *ui, struct dashboard *d, size_t district, int year)
{
	const struct config *config = ui_config(ui);
	struct year_sum y = {0};
	struct ui_page_pos pos = {0};
	struct codec_buf *req = ui_record_list(ui, &budget_figure_def);
	uint8_t key[INDEX_KEY_MAX];
	int len = index_put_text_day(key, sizeof(key), config->districts[district].id, year);
	int64_t planned = 0, forecast;
	char plan[MONEY_BUFSIZE];
	bool more;

	codec_put_str(req, WF_INDEX, "district_year");
	codec_put_bytes(req, WF_KEY, key, (size_t)len);
	if (ui_record_page(ui, req, &budget_figure_def, &pos, NULL, add_line, &y, &more) !=
	    STATUS_OK)
		return;
	for (int line = 0; line < BUDGET_LINE_COUNT; line++)
		planned += config_budget_planned(config, year, (int)district, line);
	forecast = budget_forecast(&y.sum);
	money_format(planned, plan, sizeof(plan));
	snprintf(d->budget[d->nbudget++], OFFER_NAME_W, "%-3s Prognose %3lld %% von %s%s",
	         config->districts[district].id,
	         planned ? (long long)money_mul_div(forecast, 100, planned) : 0LL, plan,
	         forecast > planned ? "  ÜBER PLAN" : "");
}

void dash_load_budget(struct ui *ui, struct dashboard *d)
{
	const struct cfg_staff *me = ui_staff(ui);
	const struct config *config = ui_config(ui);
	int year = DATE_YEAR(date_today());

	d->nbudget = 0;
	if (!rights_may(me, &budget_figure_def, VERB_LIST))
		return;
	for (size_t i = 0; i < config->ndistricts && d->nbudget < MAX_BUDGET; i++) {
		struct budget_figure probe = {0};

		snprintf(probe.district, sizeof(probe.district), "%s", config->districts[i].id);
		if (rights_allow(config, me, &budget_figure_def, VERB_LIST, &probe))
			load_district(ui, d, i, year);
	}
}
