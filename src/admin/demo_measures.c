/* demo --measures N: help measures on the demo's cases in a realistic
 * mix (domain.md: SPFH and other hours of Fachleistungsstunden, day
 * groups, foster care and residential care at their rates), most running
 * and approved, some ended, proposed, rejected, some across the year end,
 * each with its decision and its help plan. Each measure goes to the
 * district whose committed cost is furthest below its plan of the three
 * cases drawn for it, so the districts fill their budgets alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin_private.h"
#include "model/date.h"
#include "model/measure.h"
#include "model/money.h"
#include "store/store.h"

/* The mix, in twentieths: service code and its share. */
static const struct {
	const char *code;
	unsigned share;
	int months; /* typical length */
} mix[] = {
        {"31", 6, 16}, {"30", 3, 12}, {"27.2", 2, 9}, {"35a-amb", 2, 12}, {"32", 1, 12},
        {"33", 2, 24}, {"34", 2, 18}, {"35", 1, 9},   {"29", 1, 6},
};
static const char *const first_names[] = {"Lena",  "Emre", "Mia",  "Jonas", "Aylin", "Ben",
                                          "Zofia", "Minh", "Noah", "Amira", "Lukas", "Elif"};

struct demo_budget {
	int64_t committed[64]; /* by district, in the current year */
	int year;
};

static const char *pick_service(unsigned r)
{
	unsigned total = 0, k;

	for (size_t i = 0; i < sizeof(mix) / sizeof(mix[0]); i++)
		total += mix[i].share;
	k = r % total;
	for (size_t i = 0; i < sizeof(mix) / sizeof(mix[0]); i++) {
		if (k < mix[i].share)
			return mix[i].code;
		k -= mix[i].share;
	}
	return mix[0].code;
}

static int months_of(const char *code)
{
	for (size_t i = 0; i < sizeof(mix) / sizeof(mix[0]); i++)
		if (strcmp(mix[i].code, code) == 0)
			return mix[i].months;
	return 12;
}

/* How far district D's committed cost is along its plan, in thousandths. */
static int64_t filled(const struct config *config, const struct demo_budget *b, int d)
{
	int64_t plan = config_budget_planned(config, b->year, d, LINE_CASE_SPECIFIC);

	return plan > 0 ? b->committed[d] * 1000 / plan : INT64_MAX;
}

/* Of three cases drawn, the open one of the district least filled. */
static bool pick_case(struct store_txn *txn, const struct config *config,
                      const struct demo_budget *b, uint64_t ncases, unsigned long long *rnd,
                      struct case_file *out)
{
	struct case_file c;
	bool found = false;

	for (int k = 0; k < 3; k++) {
		int d;

		if (store_get(txn, &case_def, 1 + demo_random(rnd) % ncases, &c) != STATUS_OK ||
		    c.status != CASE_OPEN || !c.lead[0] ||
		    (d = config_find_district(config, c.district)) < 0 || d >= 64)
			continue;
		if (!found ||
		    filled(config, b, d) <
		            filled(config, b, config_find_district(config, out->district)))
			*out = c;
		found = true;
	}
	return found;
}

/* Who decides: the team lead within the limit, the head of office above. */
static const char *decider(const struct config *config, const struct measure *m, int32_t today)
{
	bool above = measure_limit_amount(m, config, today) > config->team_approval_limit;
	int t = config_find_team(config, m->team);

	for (size_t i = 0; i < config->nstaff; i++)
		if ((above && config->staff[i].role == ROLE_AMTSLEITUNG) ||
		    (!above && config->staff[i].role == ROLE_TEAMLEITUNG &&
		     config->staff[i].team == t))
			return config->staff[i].login;
	return "";
}

/* The first character of NAME (UTF-8: one to four bytes) into OUT[5]. */
static void initial(const char *name, char *out)
{
	size_t n = 1;

	while (n < 4 && ((unsigned char)name[n] & 0xc0) == 0x80)
		n++;
	memcpy(out, name, n);
	out[n] = '\0';
}

/* The case's first young person (role "jung"): whom its measures help. */
static int first_young(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct person *out = ctx;
	const struct person *p = rec;

	(void)pos;
	if (p->role != 0) /* "jung", the first of the person's roles */
		return 0;
	*out = *p;
	return 1;
}

static bool young_person(struct store_txn *txn, const struct case_file *c, struct person *out)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key};

	out->head.id = 0;
	range.prefix_len = (size_t)index_put_id(key, sizeof(key), c->head.id);
	return store_walk(txn, &person_def, &range, first_young, out) == STATUS_OK && out->head.id;
}

/* A measure of case C for its young person CHILD (NULL: one made up). */
static void fill_measure(struct measure *m, const struct config *config, const struct case_file *c,
                         const struct person *child, int32_t today, unsigned long long *rnd)
{
	char letter[5];
	const char *code = pick_service(demo_random(rnd));
	/* days since it began: after the case was opened */
	int64_t age = (int64_t)(demo_random(rnd) %
	                        (unsigned)(date_to_days(today) - date_to_days(c->opened) + 1));
	int months = months_of(code) / 2 + (int)(demo_random(rnd) % (unsigned)months_of(code));
	const char *first;
	int64_t birth_year;

	m->case_id = c->head.id;
	snprintf(m->case_number, sizeof(m->case_number), "%s", c->number);
	snprintf(m->district, sizeof(m->district), "%s", c->district);
	snprintf(m->team, sizeof(m->team), "%s", c->team);
	snprintf(m->lead, sizeof(m->lead), "%s", c->lead);
	snprintf(m->proposed_by, sizeof(m->proposed_by), "%s", c->lead);
	initial(c->title + strlen("Familie "), letter);
	first = PICK(first_names, demo_random(rnd));
	birth_year = DATE_YEAR(today) - 3 - (int64_t)(demo_random(rnd) % 15);
	if (child) { /* "Lena Brandt": "Lena B.", born when she was */
		first = child->name;
		birth_year = DATE_YEAR(child->birth);
	}
	snprintf(m->recipient, sizeof(m->recipient), "%.*s %s.", (int)strcspn(first, " "), first,
	         letter);
	m->birth_year = birth_year;
	snprintf(m->service, sizeof(m->service), "%s", code);
	if (config->nproviders)
		snprintf(m->provider, sizeof(m->provider), "%s",
		         config->providers[demo_random(rnd) % config->nproviders].id);
	m->start = date_from_days(date_to_days(today) - age);
	m->end = date_add_months(m->start, months > 0 ? months : 1);
	m->hours = (4 + (int64_t)(demo_random(rnd) % 13)) * 100;
	m->rate = 0;
	measure_def.derive(m, config);
	if (demo_random(rnd) % 5 == 0) /* an agreed rate 5 % above the list */
		m->rate += m->rate / 20;
	measure_def.derive(m, config);
	m->initiator = c->initiator;
	m->reason = c->reason;
	m->reason2 = c->reason2;
	m->reason3 = c->reason3;
	m->preceded_8a = c->assessed ? CASE_YES : CASE_NO;
	m->place = (int)(demo_random(rnd) % 12);
	m->lived_before = 0;
	m->provider_kind = (int)(demo_random(rnd) % 12);
	m->end_reason = m->lived_after = m->following_help = -1;
}

struct running {
	int32_t today;
	bool any;
};

static int help_running(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct running *r = ctx;
	const struct measure *m = rec;

	(void)pos;
	r->any = r->any || (m->status != MEASURE_ENDED && m->status != MEASURE_REJECTED &&
	                    measure_help_end(m) >= r->today);
	return r->any;
}

/* A help that ended as planned a while ago ends its case too, two weeks
 * later, when no other help of it runs: the closed cases with helps of
 * the statistics and of the retention periods. */
static enum status close_after(struct store_txn *txn, struct case_file *c, const struct measure *m,
                               int32_t today)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key};
	int32_t closed = date_from_days(date_to_days(m->ended) + 14);
	struct running running = {.today = today};
	enum status st;

	if (m->status != MEASURE_ENDED || m->end_reason != 0 || closed >= today ||
	    closed < c->opened || c->alert)
		return STATUS_OK;
	range.prefix_len = (size_t)index_put_id(key, sizeof(key), c->head.id);
	st = store_walk(txn, &measure_def, &range, help_running, &running);
	if (st != STATUS_OK || running.any)
		return st;
	c->status = CASE_CLOSED;
	c->closed = closed;
	snprintf(c->close_reason, sizeof(c->close_reason), "Hilfe beendet, Ziele erreicht");
	return store_update(txn, &case_def, c);
}

/* One measure with its decision and its plan, in one transaction. */
static enum status add_measure(struct store *store, const struct config *config, int32_t today,
                               uint64_t ncases, struct demo_budget *b, unsigned long long *rnd)
{
	struct measure m = {0};
	struct approval a = {0};
	struct plan_entry p = {0};
	struct case_file c;
	struct person child;
	struct cost_segment seg;
	struct store_txn *txn;
	unsigned kind = demo_random(rnd) % 20;
	enum status st = store_begin(store, "demo", &txn);

	if (st != STATUS_OK)
		return st;
	if (!pick_case(txn, config, b, ncases, rnd, &c)) {
		store_abort(txn);
		return STATUS_OK; /* three closed cases drawn: no measure this time */
	}
	fill_measure(&m, config, &c, young_person(txn, &c, &child) ? &child : NULL, today, rnd);
	a.decision = kind == 2 ? DECISION_REJECTED : DECISION_GRANTED;
	a.from = m.start;
	a.to = m.end;
	a.rate = m.rate;
	a.hours = m.hours;
	a.amount = measure_limit_amount(&m, config, m.start);
	a.measure_version = 1;
	snprintf(a.proposed_by, sizeof(a.proposed_by), "%s", m.proposed_by);
	snprintf(a.decided_by, sizeof(a.decided_by), "%s", decider(config, &m, m.start));
	a.decided_at = (int64_t)time(NULL) - (date_to_days(today) - date_to_days(m.start)) * 86400;
	snprintf(m.decided_by, sizeof(m.decided_by), "%s", a.decided_by);
	if (kind < 2) { /* proposed, waiting */
		m.status = MEASURE_PROPOSED;
		m.decided_by[0] = '\0';
	} else if (kind == 2) {
		m.status = MEASURE_REJECTED;
		snprintf(a.reason, sizeof(a.reason), "Vorrangig ambulante Hilfe prüfen");
		snprintf(m.reject_reason, sizeof(m.reject_reason), "%s", a.reason);
	} else {
		m.status = MEASURE_APPROVED;
		m.approved_to = m.end;
		m.approved_rate = m.rate;
		m.approved_hours = m.hours;
		if (kind < 6 || m.end < today) { /* ended: as planned, or early */
			m.ended = kind < 5 && m.end > today
			                  ? date_from_days(date_to_days(today) - 7)
			                  : m.end;
			if (m.ended < m.start)
				m.ended = m.start;
			m.status = MEASURE_ENDED;
			m.end_reason = kind < 5 && m.end > today ? 1 : 0;
			m.lived_after = 0;
			m.following_help = 5;
		}
	}
	if (m.status == MEASURE_APPROVED) { /* the plan, reviewed every so many months */
		p.kind = PLAN_AGREED;
		p.date = m.start;
		snprintf(p.present, sizeof(p.present), "Familie, %s, Träger", m.lead);
		snprintf(p.goals, sizeof(p.goals), "Der Alltag gelingt wieder ohne Streit.");
		snprintf(p.tasks, sizeof(p.tasks),
		         "Familie: Termine einhalten. Träger: wöchentlich "
		         "begleiten. Jugendamt: Überprüfung.");
		snprintf(p.author, sizeof(p.author), "%s", m.lead);
		p.next_review = date_add_months(p.date, config->followup.plan_review_months);
		while (p.next_review < date_from_days(date_to_days(today) - 20))
			p.next_review =
			        date_add_months(p.next_review, config->followup.plan_review_months);
		m.next_review = p.next_review;
	}
	if (m.status != MEASURE_APPROVED && m.status != MEASURE_ENDED)
		m.decided_by[0] = '\0';
	if (m.status == MEASURE_REJECTED)
		snprintf(m.decided_by, sizeof(m.decided_by), "%s", a.decided_by);
	st = store_insert(txn, &measure_def, &m);
	a.measure_id = p.measure_id = m.head.id;
	if (st == STATUS_OK && m.status != MEASURE_PROPOSED)
		st = store_insert(txn, &approval_def, &a);
	if (st == STATUS_OK && p.date)
		st = store_insert(txn, &plan_def, &p);
	if (st == STATUS_OK)
		st = close_after(txn, &c, &m, today);
	if (st != STATUS_OK) {
		store_abort(txn);
		return st;
	}
	if (m.status == MEASURE_APPROVED || m.status == MEASURE_ENDED) {
		size_t n = measure_segments(&m, &a, 1, &seg, 1);

		b->committed[config_find_district(config, m.district)] +=
		        cost_in_year(m.cost_model, &seg, n, b->year);
	}
	return store_commit(txn);
}

enum status demo_measures(struct store *store, const struct config *config, size_t n,
                          uint64_t ncases, unsigned long long *rnd)
{
	int32_t today = date_today();
	struct demo_budget *b = calloc(1, sizeof(*b));
	char committed[MONEY_BUFSIZE], planned[MONEY_BUFSIZE];
	enum status st = b ? STATUS_OK : STATUS_ERR_NOMEM;

	if (!ncases || !b) {
		free(b);
		return b ? STATUS_ERR_INVALID : st;
	}
	b->year = DATE_YEAR(today);
	for (size_t i = 0; i < n && st == STATUS_OK; i++)
		st = add_measure(store, config, today, ncases, b, rnd);
	for (size_t d = 0; st == STATUS_OK && d < config->ndistricts && d < 64; d++) {
		money_format(b->committed[d], committed, sizeof(committed));
		money_format(config_budget_planned(config, b->year, (int)d, LINE_CASE_SPECIFIC),
		             planned, sizeof(planned));
		printf("demo: %s committed in %d: %s of %s planned (fallspezifisch)\n",
		       config->districts[d].id, b->year, committed, planned);
	}
	free(b);
	return st;
}
