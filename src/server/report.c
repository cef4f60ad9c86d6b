/* The committee report's figures (export "committee"): per district and
 * for the city, the year's and the previous year's, as comparison rings
 * define them (domain.md). One pass over cases, measures, § 8a
 * assessments, offers and their monthly counts, in the export's snapshot;
 * the money comes from the budget's aggregates, never from summing
 * bookings. Only the districts whose budget the caller may export are
 * reported, and the city only to one who may export them all. */
#include <stdlib.h>
#include <string.h>

#include "model/budget.h"
#include "model/case.h"
#include "model/csv.h"
#include "model/date.h"
#include "model/domain.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/rights.h"
#include "server.h"

#define YEARS 2 /* [0] the year, [1] the one before */

/* Art der Hilfe (help_type_names, the 2007 codes) by index */
enum {
	HT_EB_LAST = 2,      /* 01-03 § 28 Erziehungsberatung */
	HT_FOSTER = 8,       /* 09 § 33 Vollzeitpflege */
	HT_FOSTER_SPECIAL,   /* 10 § 33 besondere Pflegeformen */
	HT_RESIDENTIAL,      /* 11 § 34 */
	HT_INTEGRATION = 12, /* 13 § 35a */
	HT_COUNT = 16,
};
#define PLANNED_END 0 /* end_reason "10": gemäß Hilfeplan */
#define HANDED_OVER 5 /* end_reason "40": Abgabe an anderes Jugendamt */

struct durations {
	int32_t *months; /* hundredths of a month */
	size_t n, cap;
};

/* One area (a district or the city) in one year. */
struct tally {
	int64_t cases_open, cases_new, cases_ended;
	int64_t helps_running, helps_new, helps_ended;
	int64_t by_type[HT_COUNT]; /* running on 31.12. or ended in the year */
	int64_t eck, eck_ambulant, eck_stationary;
	int64_t basis_running, ambulant_running; /* of the Eckwert's helps, on 31.12. */
	int64_t foster_running, foster_basis;
	int64_t ended_counted, ended_planned; /* formally ended, hand-overs left out */
	struct durations durations;
	int64_t stationary_days;
	int64_t results[4], kinds[4]; /* § 8a: by result; kinds of acute and latent */
	int64_t offers, people;
	int64_t *provider_offers, *provider_people; /* per provider of the configuration */
};

struct offer_place {
	uint64_t id;
	int district, provider;
};

struct report_job {
	struct store_txn *txn;
	const struct config *config;
	struct csv *csv;
	int year;
	int32_t today;
	size_t nareas; /* the districts, then the city */
	struct tally (*t)[YEARS];
	struct offer_place *offers;
	size_t noffers, offers_cap;
	enum status st;
};

static int32_t year_start(int year)
{
	return DATE_MAKE(year, 1, 1);
}
static int32_t year_end(int year)
{
	return DATE_MAKE(year, 12, 31);
}

static int64_t days_between(int32_t from, int32_t to) /* both days counted */
{
	return (int64_t)date_to_days(to) - date_to_days(from) + 1;
}

static void add_duration(struct report_job *job, struct durations *d, int32_t months)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 256;
		int32_t *p = realloc(d->months, cap * sizeof(*p));

		if (!p) {
			job->st = STATUS_ERR_NOMEM;
			return;
		}
		d->months = p;
		d->cap = cap;
	}
	d->months[d->n++] = months;
}

/* Calls FN on the district's tally and the city's of year Y. */
#define EACH_AREA(job, d, y, t, body)                  \
	do {                                           \
		struct tally *t = &(job)->t[(d)][(y)]; \
		body;                                  \
		t = &(job)->t[(job)->nareas - 1][(y)]; \
		body;                                  \
	} while (0)

static int tally_case(void *ctx, const void *rec)
{
	struct report_job *job = ctx;
	const struct case_file *c = rec;
	int d = config_find_district(job->config, c->district);

	if (d < 0)
		return 0;
	for (int y = 0; y < YEARS; y++) {
		int year = job->year - y;
		bool open =
		        c->opened <= year_end(year) && (!c->closed || c->closed > year_end(year));
		bool opened = DATE_YEAR(c->opened) == year;
		bool closed = c->closed && DATE_YEAR(c->closed) == year;

		EACH_AREA(job, d, y, t, {
			t->cases_open += open;
			t->cases_new += opened;
			t->cases_ended += closed;
		});
	}
	return 0;
}

/* A help as the statistics count it (measure_help_end): approved at some
 * time, of a service that is a Hilfe zur Erziehung or § 35a. */
static void tally_help(struct report_job *job, const struct measure *m, const struct cfg_service *s,
                       int d, int y)
{
	int year = job->year - y;
	int32_t end = measure_help_end(m);
	bool running = measure_runs_at_year_end(m, year);
	bool ended = measure_ended_in(m, year);
	bool counted = s->help_type > HT_EB_LAST && s->help_type != HT_INTEGRATION;
	bool stationary = s->setting == SETTING_STATIONARY;
	bool foster = s->help_type == HT_FOSTER || s->help_type == HT_FOSTER_SPECIAL;
	bool foster_basis = foster || s->help_type == HT_RESIDENTIAL ||
	                    (s->help_type == HT_INTEGRATION && stationary);
	bool formal = m->status == MEASURE_ENDED && ended && m->end_reason != HANDED_OVER;
	/* the days of care up to today: what the year's spending has paid */
	int32_t last = year_end(year) < job->today ? year_end(year) : job->today;
	int64_t days = 0;

	if (stationary && m->start <= last && end >= year_start(year))
		days = days_between(m->start > year_start(year) ? m->start : year_start(year),
		                    end < last ? end : last);
	EACH_AREA(job, d, y, t, {
		t->helps_running += running;
		t->helps_new += DATE_YEAR(m->start) == year;
		t->helps_ended += ended;
		t->by_type[s->help_type] += running || ended;
		if (counted) {
			t->eck += running || ended;
			t->eck_stationary += (running || ended) && stationary;
			t->eck_ambulant += (running || ended) && !stationary;
			t->basis_running += running;
			t->ambulant_running += running && !stationary;
		}
		t->foster_running += running && foster;
		t->foster_basis += running && foster_basis;
		t->ended_counted += formal;
		t->ended_planned += formal && m->end_reason == PLANNED_END;
		t->stationary_days += days;
		if (ended)
			add_duration(job, &t->durations,
			             (int32_t)(days_between(m->start, end) * 10000 / 3044));
	});
}

static int tally_measure(void *ctx, const void *rec)
{
	struct report_job *job = ctx;
	const struct measure *m = rec;
	int d = config_find_district(job->config, m->district);
	int s = config_find_service(job->config, m->service);

	if (d < 0 || s < 0 || !m->approved_to || job->config->services[s].help_type < 0 ||
	    job->config->services[s].help_type >= HT_COUNT)
		return 0;
	for (int y = 0; y < YEARS; y++)
		tally_help(job, m, &job->config->services[s], d, y);
	return job->st != STATUS_OK;
}

static int tally_assessment(void *ctx, const void *rec)
{
	struct report_job *job = ctx;
	const struct risk_assessment *a = rec;
	struct case_file c;
	int d, y = job->year - DATE_YEAR(a->date);

	if (y < 0 || y >= YEARS || a->result < 0 || a->result > RISK_NONE ||
	    store_get(job->txn, &case_def, a->case_id, &c) != STATUS_OK ||
	    (d = config_find_district(job->config, c.district)) < 0)
		return 0;
	EACH_AREA(job, d, y, t, {
		t->results[a->result]++;
		if (a->result == RISK_ACUTE || a->result == RISK_LATENT) {
			t->kinds[0] += a->neglect;
			t->kinds[1] += a->physical;
			t->kinds[2] += a->psychological;
			t->kinds[3] += a->sexual;
		}
	});
	return 0;
}

static int tally_offer(void *ctx, const void *rec)
{
	struct report_job *job = ctx;
	const struct offer *o = rec;
	int d = config_find_district(job->config, o->district);
	int p = o->provider[0] ? config_find_provider(job->config, o->provider) : -1;

	if (d < 0)
		return 0;
	if (job->noffers == job->offers_cap) {
		size_t cap = job->offers_cap ? 2 * job->offers_cap : 256;
		struct offer_place *q = realloc(job->offers, cap * sizeof(*q));

		if (!q) {
			job->st = STATUS_ERR_NOMEM;
			return 1;
		}
		job->offers = q;
		job->offers_cap = cap;
	}
	job->offers[job->noffers++] = (struct offer_place){o->head.id, d, p};
	for (int y = 0; y < YEARS; y++) {
		int year = job->year - y;
		bool active = o->active_from <= year_end(year) &&
		              (!o->active_to || o->active_to >= year_start(year));

		EACH_AREA(job, d, y, t, {
			t->offers += active;
			if (p >= 0)
				t->provider_offers[p] += active;
		});
	}
	return 0;
}

static int compare_offer(const void *a, const void *b)
{
	uint64_t x = ((const struct offer_place *)a)->id, y = ((const struct offer_place *)b)->id;

	return (x > y) - (x < y);
}

static int tally_offer_count(void *ctx, const void *rec)
{
	struct report_job *job = ctx;
	const struct offer_count *c = rec;
	struct offer_place key = {.id = c->offer}, *o;
	int y = job->year - DATE_YEAR(c->month);

	if (y < 0 || y >= YEARS ||
	    !(o = bsearch(&key, job->offers, job->noffers, sizeof(key), compare_offer)))
		return 0;
	EACH_AREA(job, o->district, y, t, {
		t->people += c->people;
		if (o->provider >= 0)
			t->provider_people[o->provider] += c->people;
	});
	return 0;
}

/* --- the rows --- */

static void row(struct report_job *job, const char *section, const char *figure, size_t area,
                const char *unit, int64_t value, int64_t previous, bool hundredths)
{
	struct csv *csv = job->csv;

	csv_text(csv, section);
	csv_text(csv, figure);
	csv_text(csv, area + 1 < job->nareas ? job->config->districts[area].id : "Stadt");
	csv_text(csv, unit);
	if (hundredths) {
		csv_money(csv, value);
		csv_money(csv, previous);
	} else {
		csv_int(csv, value);
		csv_int(csv, previous);
	}
	csv_end_row(csv);
}

#define COUNT(section, figure, field) \
	row(job, section, figure, a, "Anzahl", t[0].field, t[1].field, false)

static int64_t ratio(int64_t part, int64_t whole, int64_t scale) /* rounded, in hundredths */
{
	return whole ? (part * scale * 100 + whole / 2) / whole : 0;
}

static int compare_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

static int64_t median(struct durations *d)
{
	if (!d->n)
		return 0;
	qsort(d->months, d->n, sizeof(*d->months), compare_i32);
	return d->n % 2 ? d->months[d->n / 2]
	                : ((int64_t)d->months[d->n / 2 - 1] + d->months[d->n / 2]) / 2;
}

static int64_t mean(const struct durations *d)
{
	int64_t sum = 0;

	for (size_t i = 0; i < d->n; i++)
		sum += d->months[i];
	return d->n ? sum / (int64_t)d->n : 0;
}

/* The area's residents under 21: the district's, or all of them. */
static int64_t residents(const struct report_job *job, size_t a)
{
	int64_t n = 0;

	for (size_t d = 0; d < job->config->ndistricts; d++)
		if (a == d || a + 1 == job->nareas)
			n += job->config->districts[d].residents_u21;
	return n;
}

static void helps_rows(struct report_job *job, size_t a)
{
	struct tally *t = job->t[a];
	int64_t u21 = residents(job, a);

	COUNT("Fälle", "Fälle offen am 31.12.", cases_open);
	COUNT("Fälle", "Fälle neu im Jahr", cases_new);
	COUNT("Fälle", "Fälle beendet im Jahr", cases_ended);
	COUNT("Hilfen", "Hilfen am 31.12.", helps_running);
	COUNT("Hilfen", "Hilfen neu im Jahr", helps_new);
	COUNT("Hilfen", "Hilfen beendet im Jahr", helps_ended);
	for (int h = 0; h < HT_COUNT; h++)
		if (t[0].by_type[h] || t[1].by_type[h]) {
			char figure[128];

			snprintf(figure, sizeof(figure), "Hilfen nach Art: %s",
			         help_type_labels[h]);
			row(job, "Hilfen", figure, a, "Anzahl", t[0].by_type[h], t[1].by_type[h],
			    false);
		}
	row(job, "Hilfen", "Eckwert", a, "je 10.000", ratio(t[0].eck, u21, 10000),
	    ratio(t[1].eck, u21, 10000), true);
	row(job, "Hilfen", "Eckwert ambulant und teilstationär", a, "je 10.000",
	    ratio(t[0].eck_ambulant, u21, 10000), ratio(t[1].eck_ambulant, u21, 10000), true);
	row(job, "Hilfen", "Eckwert stationär", a, "je 10.000",
	    ratio(t[0].eck_stationary, u21, 10000), ratio(t[1].eck_stationary, u21, 10000), true);
	row(job, "Hilfen", "Ambulantisierungsquote", a, "%",
	    ratio(t[0].ambulant_running, t[0].basis_running, 100),
	    ratio(t[1].ambulant_running, t[1].basis_running, 100), true);
	row(job, "Hilfen", "Vollzeitpflegequote", a, "%",
	    ratio(t[0].foster_running, t[0].foster_basis, 100),
	    ratio(t[1].foster_running, t[1].foster_basis, 100), true);
	row(job, "Hilfen", "Dauer beendeter Hilfen (Median)", a, "Monate", median(&t[0].durations),
	    median(&t[1].durations), true);
	row(job, "Hilfen", "Dauer beendeter Hilfen (Mittel)", a, "Monate", mean(&t[0].durations),
	    mean(&t[1].durations), true);
	row(job, "Hilfen", "Anteil gemäß Hilfeplan beendet", a, "%",
	    ratio(t[0].ended_planned, t[0].ended_counted, 100),
	    ratio(t[1].ended_planned, t[1].ended_counted, 100), true);
}

/* The budget's figures of the area and year: planned from the
 * configuration, the rest from the aggregates. */
struct money {
	int64_t planned[BUDGET_LINE_COUNT], spent[BUDGET_LINE_COUNT], open[BUDGET_LINE_COUNT],
	        forecast[BUDGET_LINE_COUNT], stationary_spent;
};

static enum status figure_of(struct report_job *job, size_t d, int year, int line,
                             const char *service, struct budget_figure *f)
{
	enum status st;

	*f = (struct budget_figure){.year = year, .line = line};
	snprintf(f->district, sizeof(f->district), "%s", job->config->districts[d].id);
	snprintf(f->service, sizeof(f->service), "%s", service);
	st = store_get(job->txn, &budget_figure_def, budget_figure_def.make_id(f), f);
	if (st == STATUS_ERR_NOT_FOUND) { /* nothing committed or spent */
		f->committed = f->spent = f->open = 0;
		st = STATUS_OK;
	}
	return st;
}

static enum status money_of(struct report_job *job, size_t a, int year, struct money *m)
{
	const struct config *config = job->config;
	enum status st = STATUS_OK;

	memset(m, 0, sizeof(*m));
	for (size_t d = 0; d < config->ndistricts && st == STATUS_OK; d++) {
		if (d != a && a + 1 != job->nareas)
			continue;
		for (int line = 0; line < BUDGET_LINE_COUNT && st == STATUS_OK; line++) {
			struct budget_figure f;

			if ((st = figure_of(job, d, year, line, "", &f)) != STATUS_OK)
				break;
			m->planned[line] += config_budget_planned(config, year, (int)d, line);
			m->spent[line] += f.spent;
			m->open[line] += f.open;
			m->forecast[line] += budget_forecast(&f);
		}
		for (size_t s = 0; s < config->nservices && st == STATUS_OK; s++) {
			struct budget_figure f;
			const struct cfg_service *svc = &config->services[s];

			if (svc->setting != SETTING_STATIONARY)
				continue;
			st = figure_of(job, d, year, -1, svc->code, &f); /* a service's: line -1 */
			m->stationary_spent += f.spent;
		}
	}
	return st;
}

static enum status money_rows(struct report_job *job, size_t a)
{
	struct money m[YEARS];
	int64_t spent[YEARS] = {0}, u21 = residents(job, a);
	struct tally *t = job->t[a];
	enum status st = STATUS_OK;

	for (int y = 0; y < YEARS && st == STATUS_OK; y++)
		st = money_of(job, a, job->year - y, &m[y]);
	if (st != STATUS_OK)
		return st;
	for (int line = 0; line < BUDGET_LINE_COUNT; line++) {
		static const char *const what[] = {"Plan", "Ausgegeben", "Offen", "Prognose"};
		const int64_t *now[] = {m[0].planned, m[0].spent, m[0].open, m[0].forecast};
		const int64_t *before[] = {m[1].planned, m[1].spent, m[1].open, m[1].forecast};

		for (int w = 0; w < 4; w++) {
			char figure[128];

			snprintf(figure, sizeof(figure), "%s: %s", what[w],
			         budget_line_labels[line]);
			row(job, "Geld", figure, a, "€", now[w][line], before[w][line], true);
		}
		spent[0] += m[0].spent[line];
		spent[1] += m[1].spent[line];
	}
	row(job, "Geld", "Ausgaben je Einwohner unter 21", a, "€", u21 ? spent[0] / u21 : 0,
	    u21 ? spent[1] / u21 : 0, true);
	row(job, "Geld", "Kosten je Tag stationärer Hilfe", a, "€",
	    t[0].stationary_days ? m[0].stationary_spent / t[0].stationary_days : 0,
	    t[1].stationary_days ? m[1].stationary_spent / t[1].stationary_days : 0, true);
	return STATUS_OK;
}

static void protection_rows(struct report_job *job, size_t a)
{
	static const char *const results[] = {"§ 8a: akute Kindeswohlgefährdung",
	                                      "§ 8a: latente Kindeswohlgefährdung",
	                                      "§ 8a: keine Gefährdung, aber Hilfebedarf",
	                                      "§ 8a: keine Gefährdung, kein Hilfebedarf"};
	static const char *const kinds[] = {
	        "§ 8a: Vernachlässigung", "§ 8a: körperliche Misshandlung",
	        "§ 8a: psychische Misshandlung", "§ 8a: sexuelle Gewalt"};
	struct tally *t = job->t[a];

	for (int r = 0; r < 4; r++)
		row(job, "§ 8a", results[r], a, "Anzahl", t[0].results[r], t[1].results[r], false);
	for (int k = 0; k < 4; k++)
		row(job, "§ 8a", kinds[k], a, "Anzahl", t[0].kinds[k], t[1].kinds[k], false);
}

static void offer_rows(struct report_job *job, size_t a)
{
	struct tally *t = job->t[a];

	COUNT("Angebote", "Angebote", offers);
	COUNT("Angebote", "Erreichte Personen (anonym gezählt)", people);
	for (size_t p = 0; p < job->config->nproviders; p++) {
		char figure[160];

		if (!t[0].provider_offers[p] && !t[1].provider_offers[p])
			continue;
		snprintf(figure, sizeof(figure), "Angebote: %s", job->config->providers[p].name);
		row(job, "Angebote", figure, a, "Anzahl", t[0].provider_offers[p],
		    t[1].provider_offers[p], false);
		snprintf(figure, sizeof(figure), "Erreichte Personen: %s",
		         job->config->providers[p].name);
		row(job, "Angebote", figure, a, "Anzahl", t[0].provider_people[p],
		    t[1].provider_people[p], false);
	}
}

/* The districts whose budget WHO may export; the city when all. */
static bool area_allowed(const struct report_job *job, const struct cfg_staff *who, size_t a)
{
	for (size_t d = 0; d < job->config->ndistricts; d++) {
		struct budget_figure probe = {.year = job->year};

		if (d != a && a + 1 != job->nareas)
			continue;
		snprintf(probe.district, sizeof(probe.district), "%s",
		         job->config->districts[d].id);
		if (!rights_allow(job->config, who, &budget_figure_def, VERB_EXPORT, &probe))
			return false;
	}
	return true;
}

static enum status tally_all(struct report_job *job)
{
	enum status st = store_scan(job->txn, &case_def, 0, tally_case, job);

	if (st == STATUS_OK)
		st = store_scan(job->txn, &measure_def, 0, tally_measure, job);
	if (st == STATUS_OK)
		st = store_scan(job->txn, &risk_assessment_def, 0, tally_assessment, job);
	if (st == STATUS_OK)
		st = store_scan(job->txn, &offer_def, 0, tally_offer, job);
	if (st == STATUS_OK) {
		if (job->noffers) /* (qsort's and bsearch's array must not be NULL) */
			qsort(job->offers, job->noffers, sizeof(*job->offers), compare_offer);
		if (job->noffers)
			st = store_scan(job->txn, &offer_count_def, 0, tally_offer_count, job);
	}
	return st == STATUS_OK ? job->st : st;
}

static void free_tallies(struct report_job *job)
{
	for (size_t a = 0; job->t && a < job->nareas; a++)
		for (int y = 0; y < YEARS; y++) {
			free(job->t[a][y].durations.months);
			free(job->t[a][y].provider_offers);
			free(job->t[a][y].provider_people);
		}
	free(job->t);
	free(job->offers);
}

enum status report_committee_rows(struct store_txn *txn, const struct config *config,
                                  const struct cfg_staff *who, struct csv *csv, int year)
{
	struct report_job job = {
	        .txn = txn, .config = config, .csv = csv, .year = year, .today = date_today()};
	size_t nproviders = config->nproviders ? config->nproviders : 1;
	enum status st = STATUS_OK;

	job.nareas = config->ndistricts + 1;
	if (!(job.t = calloc(job.nareas, sizeof(*job.t))))
		return STATUS_ERR_NOMEM;
	for (size_t a = 0; a < job.nareas && st == STATUS_OK; a++)
		for (int y = 0; y < YEARS; y++)
			if (!(job.t[a][y].provider_offers = calloc(nproviders, sizeof(int64_t))) ||
			    !(job.t[a][y].provider_people = calloc(nproviders, sizeof(int64_t))))
				st = STATUS_ERR_NOMEM;
	if (st == STATUS_OK)
		st = tally_all(&job);
	for (size_t a = 0; a < job.nareas && st == STATUS_OK; a++) {
		if (!area_allowed(&job, who, a))
			continue;
		helps_rows(&job, a);
		st = money_rows(&job, a);
		protection_rows(&job, a);
		offer_rows(&job, a);
	}
	free_tallies(&job);
	return st == STATUS_OK ? csv_status(csv) : st;
}
