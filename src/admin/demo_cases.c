/* demo --cases N: realistic, deterministic cases with their persons,
 * journal and follow-ups. Names are German and of the families the office
 * meets (umlauts, Turkish, Polish, Vietnamese, Serbian, Greek letters),
 * addresses come from the street directory, and a case is filled in by
 * the writer's own rules (case_def.fill: the year's number, the district
 * and team from the address) as of the day it was opened. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin_private.h"
#include "model/case.h"
#include "model/date.h"
#include "model/domain.h"
#include "store/store.h"

static const char *const family_names[] = {
        "Müller",   "Schröder", "Yılmaz",       "Öztürk",    "Nowak",  "Kowalczyk", "Nguyễn",
        "Ivanova",  "Đorđević", "Papadopoulos", "Schulz",    "Jäger",  "Weiß",      "Krüger",
        "Hoffmann", "Şahin",    "Popescu",      "Kovačević", "Becker", "Αλεξίου",
};
static const char *const child_names[] = {"Emre",  "Lena", "Mia",   "Jonas", "Aylin", "Ben",
                                          "Zofia", "Minh", "Lukas", "Amira", "Noah",  "Elif"};
static const char *const adult_names[] = {"Andrea", "Thomas", "Fatma",     "Piotr", "Olga",
                                          "Sabine", "Ahmed",  "Katarzyna", "Hùng",  "Maria"};
static const char *const journal_texts[] = {
        "Erstgespräch im Jugendamt: die Mutter schildert die Lage zu Hause.",
        "Hausbesuch: Wohnung aufgeräumt, Kinder wirken versorgt.",
        "Telefonat mit der Schule: häufige Fehlzeiten seit den Ferien.",
        "Fallkonferenz mit Kita und Beratungsstelle: nächste Schritte besprochen.",
        "Vermerk: Termin abgesagt, neuer Termin vereinbart.",
        "Gespräch mit dem Vater über Regeln und Zeiten am Wochenende.",
};
static const char *const will_texts[] = {
        "Wir wollen, dass es zu Hause wieder ruhiger wird.",
        "Ich möchte, dass mein Sohn wieder gern zur Schule geht.",
        "Wir brauchen Hilfe, bis die neue Wohnung gefunden ist.",
};
static const char *const resource_texts[] = {
        "Die Großmutter wohnt in der Nähe und hilft bei der Betreuung.",
        "Der Vater hat feste Arbeitszeiten und kann nachmittags da sein.",
        "Die Familie ist im Sportverein gut eingebunden.",
};

/* A house of a random line of the street directory. */
static void demo_address(const struct config *config, unsigned r1, unsigned r2, char *buf,
                         size_t size)
{
	const struct cfg_street *s = &config->streets[r1 % config->nstreets];
	int32_t n = 1 + (int32_t)(r2 % 99);

	if (s->from > 0) {
		n = s->from + (int32_t)(r2 % (unsigned)(s->to - s->from + 1));
		if ((s->parity == PARITY_ODD && n % 2 == 0) || (s->parity == PARITY_EVEN && n % 2))
			n = n < s->to ? n + 1 : n - 1;
	}
	snprintf(buf, size, "%s %d", s->name, (int)n);
}

/* A caseworker of TEAM (the R-th of them), or the first staff member. */
static const struct cfg_staff *caseworker(const struct config *config, const char *team, unsigned r)
{
	int t = config_find_team(config, team);
	size_t n = 0;

	for (size_t i = 0; i < config->nstaff; i++)
		n += config->staff[i].team == t && config->staff[i].role == ROLE_FACHKRAFT;
	for (size_t i = 0, k = 0; n && i < config->nstaff; i++)
		if (config->staff[i].team == t && config->staff[i].role == ROLE_FACHKRAFT &&
		    k++ == r % n)
			return &config->staff[i];
	return &config->staff[0];
}

static enum status next_in_txn(void *ctx, const char *sequence, uint64_t *value)
{
	return store_seq_next(ctx, sequence, value);
}

/* Seconds since 1970 of DATE at HOUR, local time. */
static int64_t moment(int32_t date, int hour)
{
	struct tm tm = {.tm_year = DATE_YEAR(date) - 1900,
	                .tm_mon = DATE_MONTH(date) - 1,
	                .tm_mday = DATE_DAY(date),
	                .tm_hour = hour,
	                .tm_isdst = -1};

	return (int64_t)mktime(&tm);
}

/* The persons of C; CHILD gets the first child's name. */
static enum status add_persons(struct store_txn *txn, const struct case_file *c, const char *family,
                               char *child_name, size_t size, unsigned long long *rnd)
{
	unsigned children = 1 + demo_random(rnd) % 2, adults = 1 + demo_random(rnd) % 2;
	enum status st = STATUS_OK;

	for (unsigned i = 0; i < children + adults && st == STATUS_OK; i++) {
		bool child = i < children;
		struct person p = {.case_id = c->head.id,
		                   .role = child ? 0 : 1 + (int)(demo_random(rnd) % 3),
		                   .sex = (int)(demo_random(rnd) % 4)};
		int year = child ? 2007 + (int)(demo_random(rnd) % 18)
		                 : 1972 + (int)(demo_random(rnd) % 24);

		p.birth = DATE_MAKE(year, 1 + (int)(demo_random(rnd) % 12),
		                    1 + (int)(demo_random(rnd) % 28));
		if (!child && demo_random(rnd) % 8 == 0) /* only month and year known */
			p.birth -= DATE_DAY(p.birth);
		snprintf(p.name, sizeof(p.name), "%s %s",
		         child ? PICK(child_names, demo_random(rnd))
		               : PICK(adult_names, demo_random(rnd)),
		         family);
		if (!child)
			snprintf(p.phone, sizeof(p.phone), "040 %04u %04u",
			         demo_random(rnd) % 10000, demo_random(rnd) % 10000);
		if (i == 0)
			snprintf(child_name, size, "%s", p.name);
		st = store_insert(txn, &person_def, &p);
	}
	return st;
}

/* Journal entries between the opening and the end (or today), a
 * follow-up or two for an open case. */
static enum status add_work(struct store_txn *txn, const struct case_file *c, int32_t today,
                            unsigned long long *rnd)
{
	int64_t from = date_to_days(c->opened), to = date_to_days(c->closed ? c->closed : today);
	unsigned entries = 1 + demo_random(rnd) % 6;
	enum status st = STATUS_OK;

	for (unsigned i = 0; i < entries && st == STATUS_OK; i++) {
		struct journal_entry j = {.case_id = c->head.id,
		                          .kind = (int)(demo_random(rnd) % 5)};

		j.date = date_from_days(
		        from + (to > from ? (int64_t)(demo_random(rnd) % (to - from + 1)) : 0));
		snprintf(j.author, sizeof(j.author), "%s", c->lead);
		snprintf(j.text, sizeof(j.text), "%s", PICK(journal_texts, demo_random(rnd)));
		st = store_insert(txn, &journal_def, &j);
	}
	for (unsigned i = 0; c->status == CASE_OPEN && i < demo_random(rnd) % 3 && st == STATUS_OK;
	     i++) {
		struct follow_up f = {.case_id = c->head.id,
		                      .due = date_from_days(date_to_days(today) - 10 +
		                                            (int64_t)(demo_random(rnd) % 40))};

		snprintf(f.text, sizeof(f.text), "%s",
		         i ? "Rückmeldung der Schule einholen" : "Hilfeplangespräch vorbereiten");
		snprintf(f.lead, sizeof(f.lead), "%s", c->lead);
		snprintf(f.case_number, sizeof(f.case_number), "%s", c->number);
		st = store_insert(txn, &follow_up_def, &f);
	}
	return st;
}

/* The assessment that completed C's § 8a procedure raised at RAISED, a
 * few days later, by its lead and the team lead. */
static enum status add_assessment(struct store_txn *txn, const struct config *config,
                                  const struct case_file *c, const char *child, int64_t raised,
                                  unsigned long long *rnd)
{
	struct risk_assessment r = {.case_id = c->head.id,
	                            .result = (int)(demo_random(rnd) % 4),
	                            .mother_age = (int)(demo_random(rnd) % 4),
	                            .father_age = (int)(demo_random(rnd) % 4),
	                            .raised = raised};
	int t = config_find_team(config, c->team);

	r.date = date_from_days(date_to_days(c->opened) + (int64_t)(demo_random(rnd) % 4));
	if (r.date > date_today()) /* a case opened in the last days: assessed today */
		r.date = date_today();
	snprintf(r.child, sizeof(r.child), "%s", child);
	snprintf(r.professional1, sizeof(r.professional1), "%s", c->lead);
	for (size_t i = 0; i < config->nstaff; i++)
		if (config->staff[i].team == t && strcmp(config->staff[i].login, c->lead) != 0)
			snprintf(r.professional2, sizeof(r.professional2), "%s",
			         config->staff[i].login);
	snprintf(r.author, sizeof(r.author), "%s", c->lead);
	if (config->nreporters)
		snprintf(r.reporter, sizeof(r.reporter), "%s",
		         config->reporters[demo_random(rnd) % config->nreporters].id);
	if (r.result == RISK_ACUTE || r.result == RISK_LATENT) {
		r.neglect = demo_random(rnd) % 2;
		r.psychological = demo_random(rnd) % 3 == 0;
		r.physical = !r.neglect && !r.psychological ? true : demo_random(rnd) % 5 == 0;
		r.new_help = true;
		r.family_court = r.result == RISK_ACUTE && demo_random(rnd) % 3 == 0;
		r.custody = r.result == RISK_ACUTE && demo_random(rnd) % 4 == 0;
	}
	r.uses_ambulant = demo_random(rnd) % 4 == 0;
	r.uses_none = !r.uses_ambulant;
	snprintf(r.notes, sizeof(r.notes), "%s",
	         r.result <= RISK_LATENT
	                 ? "Gewichtige Anhaltspunkte bestätigt; Schutzplan vereinbart."
	                 : "Anhaltspunkte nach Hausbesuch nicht bestätigt.");
	return store_insert(txn, &risk_assessment_def, &r);
}

/* One case with its persons and work, in one transaction: one in twelve
 * is a § 8a matter, completed by an assessment, or for a quarter of the
 * open ones still being assessed (some overdue). */
static enum status add_case(struct store *store, const struct config *config, int32_t today,
                            unsigned long long *rnd)
{
	struct case_file c = {.reason2 = -1, .reason3 = -1};
	const char *family = PICK(family_names, demo_random(rnd));
	int64_t age = (int64_t)(demo_random(rnd) % 1000); /* days since it was opened */
	struct record_fill fill = {.config = config, .who = &config->staff[0], .next = next_in_txn};
	struct field_error err = {0};
	struct store_txn *txn;
	enum status st;
	unsigned r1 = demo_random(rnd), r2 = demo_random(rnd);
	char child[CASE_TEXT_SIZE] = "";
	int64_t raised = 0;
	bool assessed = false;

	snprintf(c.title, sizeof(c.title), "Familie %s", family);
	demo_address(config, r1, r2, c.address, sizeof(c.address));
	c.initiator = (int)(demo_random(rnd) % 8);
	c.reason = (int)(demo_random(rnd) % 10);
	if (demo_random(rnd) % 2)
		c.reason2 = (c.reason + 1 + (int)(demo_random(rnd) % 9)) % 10;
	c.family = (int)(demo_random(rnd) % 5);
	c.foreign_origin = (int)(demo_random(rnd) % 3);
	c.german_home = (int)(demo_random(rnd) % 3);
	c.transfer_payments = (int)(demo_random(rnd) % 3);
	snprintf(c.will, sizeof(c.will), "%s", PICK(will_texts, demo_random(rnd)));
	snprintf(c.resources, sizeof(c.resources), "%s", PICK(resource_texts, demo_random(rnd)));
	c.alert = demo_random(rnd) % 12 == 0;
	if ((st = store_begin(store, "demo", &txn)) != STATUS_OK)
		return st;
	fill.ctx = txn;
	fill.now =
	        moment(date_from_days(date_to_days(today) - age), 8 + (int)(demo_random(rnd) % 9));
	st = case_def.fill(&c, &fill, &err);
	if (st == STATUS_OK) {
		snprintf(c.lead, sizeof(c.lead), "%s", caseworker(config, c.team, r1)->login);
		if (age > 60 && demo_random(rnd) % 3 == 0) { /* a third of the older ones ended */
			c.status = CASE_CLOSED;
			c.closed = date_from_days(date_to_days(c.opened) + 30 + age / 2);
			snprintf(c.close_reason, sizeof(c.close_reason), "Ziele erreicht");
		}
		raised = c.alert_since;
		if ((assessed = c.alert && (c.status == CASE_CLOSED || demo_random(rnd) % 4))) {
			c.alert = false;
			c.alert_since = 0;
		} else if (c.alert) { /* still being assessed: raised in the last four days */
			c.alert_since =
			        (int64_t)time(NULL) - (int64_t)(demo_random(rnd) % (96 * 3600));
		}
		st = store_insert(txn, &case_def, &c);
	}
	if (st == STATUS_OK)
		st = add_persons(txn, &c, family, child, sizeof(child), rnd);
	if (st == STATUS_OK && raised && assessed)
		st = add_assessment(txn, config, &c, child, raised, rnd);
	if (st == STATUS_OK)
		st = add_work(txn, &c, today, rnd);
	if (st == STATUS_OK)
		return store_commit(txn);
	store_abort(txn);
	return st;
}

enum status demo_cases(struct store *store, const struct config *config, size_t n,
                       unsigned long long *rnd)
{
	int32_t today = date_today();
	enum status st = STATUS_OK;

	if (!config->nstreets || !config->nstaff)
		return STATUS_ERR_INVALID;
	for (size_t i = 0; i < n && st == STATUS_OK; i++)
		st = add_case(store, config, today, rnd);
	return st;
}
