/* The dashboard's sections that name cases (dashboard.h): the open § 8a
 * alerts, the user's own cases, the team's cases without a lead, the
 * cases of a colleague the user stands in for, the teams side by side for
 * the head of office, the follow-ups due within a week. Each is one page
 * of an index (or a count) the server keeps for it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/absence.h"
#include "model/case.h"
#include "model/date.h"
#include "model/rights.h"
#include "dashboard.h"

static void add_alert(void *ctx, const void *rec)
{
	struct dashboard *d = ctx;

	if (d->nalerts < MAX_ALERTS)
		d->alerts[d->nalerts++] = *(const struct case_file *)rec;
	else
		d->more_alerts = true;
}

/* (dashboard.h) */
bool dash_load_page(struct ui *ui, const struct record_def *def, const char *index, const char *key,
                    bool backward, void (*add)(void *ctx, const void *rec), void *ctx)
{
	struct ui_page_pos pos = {0};
	struct codec_buf *req = ui_record_list(ui, def);
	uint8_t buf[INDEX_KEY_MAX];
	int len = key ? index_put_text(buf, sizeof(buf), key) : 0;
	bool more = false;

	if (backward)
		codec_put_u64(req, WF_BACKWARD, 1);
	if (index && (!key || len > 1)) {
		codec_put_str(req, WF_INDEX, index);
		if (len > 1)
			codec_put_bytes(req, WF_KEY, buf, (size_t)len);
	}
	ui_record_page(ui, req, def, &pos, NULL, add, ctx, &more);
	return more;
}

static int alert_older(const void *a, const void *b)
{
	int64_t x = ((const struct case_file *)a)->alert_since;
	int64_t y = ((const struct case_file *)b)->alert_since;

	return (x > y) - (x < y);
}

/* The open § 8a alerts of the cases the user may see (the index holds
 * only those), for the roles that answer for them. */
static void load_alerts(struct ui *ui, struct dashboard *d)
{
	d->nalerts = 0;
	d->more_alerts = false;
	if (!rights_may(ui_staff(ui), &case_def, VERB_LIST) ||
	    !rights_sees(ui_staff(ui), PRIVACY_SENSITIVE) ||
	    (!d->alerts && !(d->alerts = calloc(MAX_ALERTS, sizeof(*d->alerts)))))
		return;
	if (dash_load_page(ui, &case_def, "alert", NULL, false, add_alert, d))
		d->more_alerts = true;
	qsort(d->alerts, d->nalerts, sizeof(*d->alerts), alert_older);
}

/* (dashboard.h) */
bool dash_add_line(struct case_lines *l, uint64_t id, const char *fmt, ...)
{
	va_list ap;

	if (l->n == MAX_MINE) {
		l->more = true;
		return false;
	}
	va_start(ap, fmt);
	vsnprintf(l->text[l->n], OFFER_NAME_W, fmt, ap);
	va_end(ap);
	l->id[l->n++] = id;
	return true;
}

static void add_case(void *ctx, const void *rec)
{
	const struct case_file *c = rec;

	if (c->status == CASE_OPEN)
		dash_add_line(ctx, c->head.id, "%s %s  %.100s", c->number, c->district, c->title);
}

/* The open cases the user leads ("Meine Fälle"): one page of the lead
 * index, which holds the cases in the order they were made. */
static void load_mine(struct ui *ui, struct dashboard *d)
{
	d->mine = (struct case_lines){0};
	if (rights_may(ui_staff(ui), &case_def, VERB_LIST) &&
	    dash_load_page(ui, &case_def, "lead", ui_me(ui)->login, true, add_case, &d->mine))
		d->mine.more = true;
}

struct stand_in_ctx {
	int32_t today;
	struct absence first; /* the first absence that lasts today */
	bool found;
};

static void add_absence(void *ctx, const void *rec)
{
	struct stand_in_ctx *c = ctx;

	if (!c->found && absence_covers(rec, c->today)) {
		c->first = *(const struct absence *)rec;
		c->found = true;
	}
}

/* The open cases of a colleague away whom the user stands in for today
 * (one at a time: the first absence that lasts today). */
static void load_stand_in(struct ui *ui, struct dashboard *d)
{
	const struct config *config = ui_config(ui);
	struct stand_in_ctx c = {.today = date_today()};
	char to[DATE_BUFSIZE];
	int who;

	d->stand_in = (struct case_lines){0};
	if (!rights_may(ui_staff(ui), &absence_def, VERB_LIST) ||
	    !rights_may(ui_staff(ui), &case_def, VERB_LIST))
		return;
	/* the newest first: today's are among them however many went before */
	dash_load_page(ui, &absence_def, "stand_in", ui_me(ui)->login, true, add_absence, &c);
	if (!c.found || (who = config_find_staff(config, c.first.login)) < 0)
		return;
	date_format(c.first.to, to, sizeof(to));
	snprintf(d->stand_in_title, sizeof(d->stand_in_title), "Vertretung für %s bis %s",
	         config->staff[who].name, to);
	if (dash_load_page(ui, &case_def, "lead", c.first.login, true, add_case, &d->stand_in))
		d->stand_in.more = true;
}

/* The head of office's teams side by side: each team's cases without a
 * lead and open § 8a alerts (counted by the server). */
static void load_teams(struct ui *ui, struct dashboard *d)
{
	const struct config *config = ui_config(ui);
	bool more;

	d->nteams = 0;
	if (ui_staff(ui)->role != ROLE_AMTSLEITUNG)
		return;
	for (size_t t = 0; t < config->nteams && d->nteams < 8; t++) {
		const struct cfg_team *team = &config->teams[t];
		int64_t alerts = 0, n;
		int64_t unassigned =
		        ui_record_count(ui, &case_def, "unassigned", team->id, NULL, &more);

		for (size_t k = 0; k < team->ndistricts; k++)
			if ((n = ui_record_count(ui, &case_def, "alert",
			                         config->districts[team->districts[k]].id, NULL,
			                         &more)) > 0)
				alerts += n;
		snprintf(d->teams[d->nteams++], OFFER_NAME_W,
		         "%-6s ohne Fallführung %3lld  § 8a offen %3lld", team->id,
		         (long long)(unassigned < 0 ? 0 : unassigned), (long long)alerts);
	}
}

/* The open cases without a lead: a team lead's team's (a case taken in by
 * nobody of the team, one that moved here), the head of office's all. */
static void load_unassigned(struct ui *ui, struct dashboard *d)
{
	const struct cfg_staff *me = ui_staff(ui);
	const struct config *config = ui_config(ui);

	d->unassigned = (struct case_lines){0};
	if (me->role != ROLE_TEAMLEITUNG && me->role != ROLE_AMTSLEITUNG)
		return;
	if (dash_load_page(ui, &case_def, "unassigned",
	                   me->role == ROLE_TEAMLEITUNG && me->team >= 0
	                           ? config->teams[me->team].id
	                           : NULL,
	                   false, add_case, &d->unassigned))
		d->unassigned.more = true;
}

struct due_ctx {
	struct dashboard *d;
	int32_t today, until;
};

static void add_due(void *ctx, const void *rec)
{
	struct due_ctx *c = ctx;
	const struct follow_up *f = rec;
	char date[DATE_BUFSIZE];

	if (f->done || f->due > c->until)
		return;
	date_format(f->due, date, sizeof(date));
	dash_add_line(&c->d->due, f->case_id, "%s%s %s  %.90s",
	              f->due < c->today    ? "ÜBERFÄLLIG "
	              : f->due == c->today ? "heute "
	                                   : "",
	              date, f->case_number, f->text);
}

/* The user's open follow-ups due within a week, the earliest first: one
 * walk of the index of open ones by lead and day. */
static void load_due(struct ui *ui, struct dashboard *d)
{
	struct due_ctx c = {.d = d, .today = date_today()};

	d->due = (struct case_lines){0};
	c.until = date_from_days(date_to_days(c.today) + 7);
	if (rights_may(ui_staff(ui), &follow_up_def, VERB_LIST))
		dash_load_page(ui, &follow_up_def, "due", ui_me(ui)->login, false, add_due, &c);
}

void dash_load_cases(struct ui *ui, struct dashboard *d)
{
	load_alerts(ui, d);
	load_mine(ui, d);
	load_unassigned(ui, d);
	load_stand_in(ui, d);
	load_teams(ui, d);
	load_due(ui, d);
}
