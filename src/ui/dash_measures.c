/* The dashboard's sections that name measures (dashboard.h): the
 * decisions waiting for the user (a team lead's within the team's limit,
 * the head of office's above it, never one's own proposal) and the help
 * plans due for review (the lead's, or the provider's for its staff).
 * Each is one page of an index the server keeps for it. */
#include <stdio.h>

#include "model/date.h"
#include "model/measure.h"
#include "model/money.h"
#include "model/rights.h"
#include "dashboard.h"
#include "desc.h"

struct decide_ctx {
	struct ui *ui;
	struct dashboard *d;
	int32_t today;
};

static void add_pending(void *ctx, const void *rec)
{
	struct decide_ctx *c = ctx;
	const struct measure *m = rec;
	char why[160], cost[MONEY_BUFSIZE];

	if (!measure_may_decide(m, ui_config(c->ui), ui_staff(c->ui), c->today, why, sizeof(why)))
		return;
	/* the head of office's desk: what only they decide (the team leads
	 * decide the rest; the list of measures has them all) */
	if (ui_staff(c->ui)->role == ROLE_AMTSLEITUNG &&
	    measure_limit_amount(m, ui_config(c->ui), c->today) <=
	            ui_config(c->ui)->team_approval_limit)
		return;
	money_format(m->cost_total, cost, sizeof(cost));
	dash_add_line(&c->d->approvals, m->head.id, "%s %s %-8s %12s  %.40s", m->case_number,
	              m->district, m->service, cost, m->recipient);
}

/* The measures waiting for a decision the user may make: a team lead's
 * team's, the head of office's of every team. */
static void load_approvals(struct ui *ui, struct dashboard *d)
{
	const struct cfg_staff *me = ui_staff(ui);
	const struct config *config = ui_config(ui);
	struct decide_ctx c = {.ui = ui, .d = d, .today = date_today()};

	d->approvals = (struct case_lines){.desc = &measure_desc};
	if (!rights_may(me, &approval_def, VERB_CREATE))
		return;
	if (dash_load_page(ui, &measure_def, "pending",
	                   me->role == ROLE_TEAMLEITUNG && me->team >= 0
	                           ? config->teams[me->team].id
	                           : NULL,
	                   false, add_pending, &c))
		d->approvals.more = true;
}

struct review_ctx {
	struct dashboard *d;
	int32_t today, until;
};

static void add_review(void *ctx, const void *rec)
{
	struct review_ctx *c = ctx;
	const struct measure *m = rec;
	char date[DATE_BUFSIZE];

	if (m->next_review > c->until)
		return;
	date_format(m->next_review, date, sizeof(date));
	dash_add_line(&c->d->reviews, m->head.id, "%s%s %s %-8s %.40s",
	              m->next_review < c->today ? "ÜBERFÄLLIG " : "", date, m->case_number,
	              m->service, m->recipient);
}

/* The reviews due within two weeks, the earliest first: the user's own
 * measures' (by lead), or for a provider's staff their provider's. */
static void load_reviews(struct ui *ui, struct dashboard *d)
{
	const struct cfg_staff *me = ui_staff(ui);
	const struct config *config = ui_config(ui);
	struct review_ctx c = {.d = d, .today = date_today()};

	d->reviews = (struct case_lines){.desc = &measure_desc};
	c.until = date_from_days(date_to_days(c.today) + 14);
	if (!rights_may(me, &measure_def, VERB_LIST))
		return;
	if (me->role == ROLE_TRAEGER && me->provider >= 0)
		dash_load_page(ui, &measure_def, "provider_review",
		               config->providers[me->provider].id, false, add_review, &c);
	else if (me->role == ROLE_FACHKRAFT || me->role == ROLE_TEAMLEITUNG)
		dash_load_page(ui, &measure_def, "review", me->login, false, add_review, &c);
}

void dash_load_measures(struct ui *ui, struct dashboard *d)
{
	load_approvals(ui, d);
	load_reviews(ui, d);
}
