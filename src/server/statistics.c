/* The federal youth welfare statistics (domain.md): exports "statistics"
 * and "statistics-missing" (export.c), on the worker in the export's
 * snapshot.
 *
 * One file holds both statistics of domain.md, a row per record, told
 * apart by its first column, Erhebung: "Teil I" for a help due in the
 * year (erzieherische Hilfen, §§ 27-35a, 41), "§ 8a" for a § 8a procedure
 * completed in it. The columns are the union of the two, empty where one
 * does not apply. Every code is domain.md's: the codes of the measure's
 * and the case's choices (their stored names, "01".."12", "10".."19"),
 * Art der Hilfe from the service's help_type, the words domain.md uses
 * where it gives no number (sex, ja / nein, the § 8a result, the parents'
 * age groups), and for who made a § 8a matter known the office's own list
 * (the configuration's reporters: domain.md has no fixed list).
 *
 * Due (§ 101 SGB VIII, as the committee report counts helps): a measure
 * approved at some time, of a service with an Art der Hilfe, that ended in
 * the year (the day it ended, else the end of its approved period) or runs
 * on 31.12. A § 8a procedure: a risk assessment dated in the year (saving
 * one completes the procedure).
 *
 * The statistics are anonymous: no name, no case number, no login. The
 * young person is their sex, birth month and birth year: the case's person
 * (role junger Mensch) the measure names, by first name and birth year (or
 * the only young person of the case born in that year); the child of a
 * § 8a procedure is the case's person of the assessment's name.
 *
 * "statistics-missing" is the same pass: per record, the fields the
 * statistics need that have no value (or "unbekannt" where domain.md has
 * no code for it: § 8a vorausgegangen), named by their column, with the
 * case's number and its lead, sorted by lead; what `sozialraum-admin
 * statistics check` prints. */
#include <stdlib.h>
#include <string.h>

#include "model/case.h"
#include "model/csv.h"
#include "model/date.h"
#include "model/domain.h"
#include "model/measure.h"
#include "model/rights.h"
#include "model/text.h"
#include "server.h"

/* The columns after Erhebung: their German headers, once. */
#define STATISTICS_COLUMNS(X)                               \
	X(SEX, "Geschlecht")                                \
	X(BIRTH_MONTH, "Geburtsmonat")                      \
	X(BIRTH_YEAR, "Geburtsjahr")                        \
	X(HELP_TYPE, "Art der Hilfe")                       \
	X(REASON, "Hauptgrund")                             \
	X(REASON2, "2. Grund")                              \
	X(REASON3, "3. Grund")                              \
	X(INITIATOR, "Anregende Institution")               \
	X(PRECEDED_8A, "§ 8a vorausgegangen")               \
	X(COURT_1666, "§ 1666 BGB")                         \
	X(COURT_1631B, "§ 1631b BGB")                       \
	X(AFTER_CUSTODY, "nach Inobhutnahme")               \
	X(OTHER_HELP, "weitere Hilfe gleichzeitig")         \
	X(FAMILY, "Situation in der Herkunftsfamilie")      \
	X(FOREIGN_ORIGIN, "ausländische Herkunft")          \
	X(GERMAN_HOME, "vorrangig Deutsch")                 \
	X(TRANSFER, "Transferleistungen")                   \
	X(PLACE, "Ort der Durchführung")                    \
	X(LIVED_BEFORE, "Aufenthalt vor der Hilfe")         \
	X(PROVIDER_KIND, "Art des Trägers")                 \
	X(HOURS, "Stunden je Woche")                        \
	X(BEGIN_MONTH, "Beginn Monat")                      \
	X(BEGIN_YEAR, "Beginn Jahr")                        \
	X(RUNNING, "andauernd am 31.12.")                   \
	X(END_MONTH, "Ende Monat")                          \
	X(END_YEAR, "Ende Jahr")                            \
	X(END_REASON, "Beendigungsgrund")                   \
	X(LIVED_AFTER, "Aufenthalt nach der Hilfe")         \
	X(FOLLOWING, "nachfolgende Hilfe")                  \
	X(DONE_MONTH, "Einschätzung Monat")                 \
	X(DONE_YEAR, "Einschätzung Jahr")                   \
	X(RESULT, "Ergebnis")                               \
	X(NEGLECT, "Vernachlässigung")                      \
	X(PHYSICAL, "körperliche Misshandlung")             \
	X(PSYCHOLOGICAL, "psychische Misshandlung")         \
	X(SEXUAL, "sexuelle Gewalt")                        \
	X(REPORTER, "bekannt geworden durch")               \
	X(REPEATED, "wiederholte Meldung")                  \
	X(MOTHER_AGE, "Alter der Mutter")                   \
	X(FATHER_AGE, "Alter des Vaters")                   \
	X(USES_FAMILY, "Leistung §§ 16-19")                 \
	X(USES_AMBULANT, "Leistung ambulant §§ 27-32, 35")  \
	X(USES_RESIDENTIAL, "Leistung stationär §§ 33-35a") \
	X(USES_NONE, "keine Leistung")                      \
	X(NEW_HELP, "neue Hilfe")                           \
	X(FAMILY_COURT, "Familiengericht angerufen")        \
	X(CUSTODY, "Inobhutnahme § 42")

enum statistics_column {
	COL_SURVEY,
#define X(id, header) COL_##id,
	STATISTICS_COLUMNS(X)
#undef X
	        COL_COUNT
};

const char statistics_header[] = "Erhebung"
#define X(id, header) ";" header
        STATISTICS_COLUMNS(X)
#undef X
        ;

static const char *const column_headers[COL_COUNT] = {"Erhebung",
#define X(id, header) header,
                                                      STATISTICS_COLUMNS(X)
#undef X
};

/* The § 8a result in domain.md's words, by enum risk_result. */
static const char *const result_words[] = {
        "akute Kindeswohlgefährdung", "latente Kindeswohlgefährdung",
        "keine Kindeswohlgefährdung, aber Hilfe-/Unterstützungsbedarf",
        "keine Kindeswohlgefährdung und kein Hilfebedarf"};

#define CELL_SIZE          CONFIG_NAME_SIZE
#define MISSING_SIZE       512
#define WHAT_SIZE          96
#define PARENT_AGE_UNKNOWN 3 /* "unbekannt": no group of domain.md */

/* One record of either statistics, and what it lacks. */
struct statistics_record {
	char cells[COL_COUNT][CELL_SIZE];
	char missing[MISSING_SIZE]; /* the missing fields' names, ", " between */
};

/* A line of "statistics-missing". */
struct missing_row {
	char lead[CONFIG_LOGIN_SIZE];
	char number[CASE_NUMBER_SIZE];
	char what[WHAT_SIZE];
	char missing[MISSING_SIZE];
};

struct statistics_job {
	struct store_txn *txn;
	const struct config *config;
	const struct cfg_staff *who;
	struct csv *csv;
	const char *district; /* "": all */
	int year;
	bool missing_only; /* "statistics-missing" */
	struct missing_row *rows;
	size_t nrows, cap;
	enum status st;
};

/* --- cells --- */

static void put(struct statistics_record *r, enum statistics_column col, const char *text)
{
	text_copy(r->cells[col], CELL_SIZE, text ? text : "");
}

static void put_int(struct statistics_record *r, enum statistics_column col, int value)
{
	snprintf(r->cells[col], CELL_SIZE, "%d", value);
}

static void put_yes(struct statistics_record *r, enum statistics_column col, bool yes)
{
	put(r, col, yes ? "ja" : "nein");
}

static void add_missing(struct statistics_record *r, const char *name)
{
	size_t n = strlen(r->missing);

	snprintf(r->missing + n, MISSING_SIZE - n, "%s%s", n ? ", " : "", name);
}

/* The code of choice VALUE of DEF's FIELD (its stored name), or NULL. */
static const char *code_of(const struct record_def *def, const char *field, int value)
{
	const struct field_def *f = record_field(def, field);

	for (int i = 0; f && f->choices && f->choices[i]; i++)
		if (i == value)
			return f->choices[i];
	return NULL;
}

static const char *label_of(const struct record_def *def, const char *field, int value)
{
	const struct field_def *f = record_field(def, field);

	for (int i = 0; f && f->choice_labels && f->choice_labels[i]; i++)
		if (i == value)
			return f->choice_labels[i];
	return NULL;
}

/* A coded field: its code, or missing when it has none. */
static void put_code(struct statistics_record *r, enum statistics_column col,
                     const struct record_def *def, const char *field, int value)
{
	const char *code = code_of(def, field, value);

	put(r, col, code);
	if (!code)
		add_missing(r, column_headers[col]);
}

/* --- the young person --- */

struct person_search {
	const char *first_name; /* folded; NULL: by the name NAME */
	const char *name;       /* folded */
	int birth_year;         /* 0: any */
	struct person found;
	int by_name, by_year; /* how many matched each way */
	struct person only_of_year;
};

static void first_word(const char *text, char *out, size_t size)
{
	size_t n = strcspn(text, " ");

	snprintf(out, size, "%.*s", (int)n, text);
}

static int match_person(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct person_search *s = ctx;
	const struct person *p = rec;
	const char *role = code_of(&person_def, "role", p->role);
	char folded[2 * CASE_TEXT_SIZE], first[2 * CASE_TEXT_SIZE];
	bool year = !s->birth_year || DATE_YEAR(p->birth) == s->birth_year;

	(void)pos;
	if (!role || strcmp(role, "jung") != 0 || !year)
		return 0;
	text_fold(p->name, folded, sizeof(folded));
	first_word(folded, first, sizeof(first));
	if (s->first_name ? strcmp(first, s->first_name) == 0 : strcmp(folded, s->name) == 0) {
		s->found = *p;
		s->by_name++;
	}
	if (s->by_year++ == 0)
		s->only_of_year = *p;
	return 0;
}

/* The young person of a help (RECIPIENT "Lena M.", born in BIRTH_YEAR)
 * or of a § 8a procedure (CHILD, the full name) among the persons of
 * case CASE_ID; false when none is certain. */
static bool find_person(struct statistics_job *job, uint64_t case_id, const char *recipient,
                        int birth_year, const char *child, struct person *out)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key};
	char name[2 * CASE_TEXT_SIZE], first[2 * CASE_TEXT_SIZE];
	struct person_search s = {.birth_year = birth_year};

	text_fold(recipient ? recipient : child, name, sizeof(name));
	first_word(name, first, sizeof(first));
	if (recipient)
		s.first_name = first;
	else
		s.name = name;
	range.prefix_len = (size_t)index_put_id(key, sizeof(key), case_id);
	if (store_walk(job->txn, &person_def, &range, match_person, &s) != STATUS_OK)
		return false;
	if (s.by_name == 1)
		*out = s.found;
	else if (recipient && !s.by_name && s.by_year == 1)
		*out = s.only_of_year;
	else
		return false;
	return true;
}

/* Sex and birth month of the person (missing without one); the birth
 * year the help's when it says one. */
static void put_person(struct statistics_record *r, const struct person *p, int birth_year)
{
	const char *sex = p ? label_of(&person_def, "sex", p->sex) : NULL;

	put(r, COL_SEX, sex);
	if (!sex)
		add_missing(r, column_headers[COL_SEX]);
	if (p && DATE_MONTH(p->birth))
		put_int(r, COL_BIRTH_MONTH, DATE_MONTH(p->birth));
	else
		add_missing(r, column_headers[COL_BIRTH_MONTH]);
	if (birth_year || (p && p->birth))
		put_int(r, COL_BIRTH_YEAR, birth_year ? birth_year : DATE_YEAR(p->birth));
	else
		add_missing(r, column_headers[COL_BIRTH_YEAR]);
}

/* --- Teil I: the helps --- */

/* The service of a help as the statistics count it: approved at some
 * time, of a service with an Art der Hilfe (the configuration's
 * help_type, one of help_type_names); NULL for any other measure. */
static const struct cfg_service *help_service(const struct statistics_job *job,
                                              const struct measure *m)
{
	int s = config_find_service(job->config, m->service);

	if (s < 0 || !m->approved_to || job->config->services[s].help_type < 0)
		return NULL;
	return &job->config->services[s];
}

struct other_help {
	const struct statistics_job *job;
	const struct measure *m;
	bool found;
};

static int overlapping_help(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct other_help *o = ctx;
	const struct measure *x = rec;

	(void)pos;
	if (x->head.id != o->m->head.id && help_service(o->job, x) &&
	    x->start <= measure_help_end(o->m) && measure_help_end(x) >= o->m->start)
		o->found = true;
	return o->found;
}

/* Another help of the case runs at some time of this one. */
static bool other_help(struct statistics_job *job, const struct measure *m)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key};
	struct other_help o = {.job = job, .m = m};

	range.prefix_len = (size_t)index_put_id(key, sizeof(key), m->case_id);
	store_walk(job->txn, &measure_def, &range, overlapping_help, &o);
	return o.found;
}

/* The family's answers of the case (Situation, the three questions). */
static void put_family(struct statistics_record *r, const struct case_file *c)
{
	put_code(r, COL_FAMILY, &case_def, "family", c ? c->family : -1);
	put_code(r, COL_FOREIGN_ORIGIN, &case_def, "foreign_origin", c ? c->foreign_origin : -1);
	put_code(r, COL_GERMAN_HOME, &case_def, "german_home", c ? c->german_home : -1);
	put_code(r, COL_TRANSFER, &case_def, "transfer_payments", c ? c->transfer_payments : -1);
}

static void put_help_start(struct statistics_record *r, const struct measure *m,
                           const struct cfg_service *s)
{
	put(r, COL_SURVEY, "Teil I");
	put(r, COL_HELP_TYPE, help_type_names[s->help_type]);
	put_code(r, COL_REASON, &measure_def, "reason", m->reason);
	put(r, COL_REASON2, code_of(&measure_def, "reason2", m->reason2));
	put(r, COL_REASON3, code_of(&measure_def, "reason3", m->reason3));
	put_code(r, COL_INITIATOR, &measure_def, "initiator", m->initiator);
	if (m->preceded_8a == CASE_YES || m->preceded_8a == CASE_NO)
		put_yes(r, COL_PRECEDED_8A, m->preceded_8a == CASE_YES);
	else /* unbekannt: the statistics ask ja or nein */
		add_missing(r, column_headers[COL_PRECEDED_8A]);
	put_yes(r, COL_COURT_1666, m->court_1666);
	put_yes(r, COL_COURT_1631B, m->court_1631b);
	put_yes(r, COL_AFTER_CUSTODY, m->after_custody);
	put_code(r, COL_PLACE, &measure_def, "place", m->place);
	put_code(r, COL_LIVED_BEFORE, &measure_def, "lived_before", m->lived_before);
	if (m->provider_kind < 0 && !m->provider[0]) /* the office itself */
		put(r, COL_PROVIDER_KIND, "10");
	else
		put_code(r, COL_PROVIDER_KIND, &measure_def, "provider_kind", m->provider_kind);
	if (s->cost_model == COST_HOURLY)
		snprintf(r->cells[COL_HOURS], CELL_SIZE, "%lld,%02lld",
		         (long long)(m->approved_hours / 100),
		         (long long)(m->approved_hours % 100));
	put_int(r, COL_BEGIN_MONTH, DATE_MONTH(m->start));
	put_int(r, COL_BEGIN_YEAR, DATE_YEAR(m->start));
}

static void put_help_end(struct statistics_record *r, const struct measure *m, bool running)
{
	int32_t end = measure_help_end(m);

	put_yes(r, COL_RUNNING, running);
	if (running)
		return;
	put_int(r, COL_END_MONTH, DATE_MONTH(end));
	put_int(r, COL_END_YEAR, DATE_YEAR(end));
	if (m->status != MEASURE_ENDED) /* its approval ran out: end it in the form */
		add_missing(r, record_field(&measure_def, "ended")->label);
	put_code(r, COL_END_REASON, &measure_def, "end_reason", m->end_reason);
	put_code(r, COL_LIVED_AFTER, &measure_def, "lived_after", m->lived_after);
	put_code(r, COL_FOLLOWING, &measure_def, "following_help", m->following_help);
}

static void emit(struct statistics_job *job, const struct statistics_record *r, const char *number,
                 const char *lead, const char *what);

static int statistics_help(void *ctx, const void *rec)
{
	struct statistics_job *job = ctx;
	const struct measure *m = rec;
	const struct cfg_service *s = help_service(job, m);
	struct statistics_record r = {0};
	struct case_file c;
	struct person p;
	bool running, have_case, have_person;
	char what[WHAT_SIZE], start[DATE_BUFSIZE];

	if (!s || (!measure_runs_at_year_end(m, job->year) && !measure_ended_in(m, job->year)) ||
	    (job->district[0] && strcmp(m->district, job->district) != 0) ||
	    !rights_statistics_allow(job->config, job->who, m))
		return 0;
	running = measure_runs_at_year_end(m, job->year);
	have_case = store_get(job->txn, &case_def, m->case_id, &c) == STATUS_OK;
	have_person = find_person(job, m->case_id, m->recipient, (int)m->birth_year, NULL, &p);
	put_person(&r, have_person ? &p : NULL, (int)m->birth_year);
	put_help_start(&r, m, s);
	put_yes(&r, COL_OTHER_HELP, other_help(job, m));
	put_family(&r, have_case ? &c : NULL);
	put_help_end(&r, m, running);
	date_format(m->start, start, sizeof(start));
	snprintf(what, sizeof(what), "Hilfe %llu (%s, ab %s)", (unsigned long long)m->head.id,
	         m->service, start);
	emit(job, &r, m->case_number, have_case ? c.lead : m->lead, what);
	return job->st != STATUS_OK;
}

/* --- § 8a: the procedures --- */

struct earlier_report {
	const struct risk_assessment *a;
	const char *child; /* folded */
	bool found;
};

static int earlier_assessment(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct earlier_report *e = ctx;
	const struct risk_assessment *x = rec;
	char child[2 * CASE_TEXT_SIZE];

	(void)pos;
	text_fold(x->child, child, sizeof(child));
	if (x->head.id != e->a->head.id && DATE_YEAR(x->date) == DATE_YEAR(e->a->date) &&
	    (x->date < e->a->date || (x->date == e->a->date && x->head.id < e->a->head.id)) &&
	    strcmp(child, e->child) == 0)
		e->found = true;
	return e->found;
}

/* The same child was reported before in the year (a repeat report). */
static bool repeated(struct statistics_job *job, const struct risk_assessment *a)
{
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key};
	char child[2 * CASE_TEXT_SIZE];
	struct earlier_report e = {.a = a, .child = child};

	text_fold(a->child, child, sizeof(child));
	range.prefix_len = (size_t)index_put_id(key, sizeof(key), a->case_id);
	store_walk(job->txn, &risk_assessment_def, &range, earlier_assessment, &e);
	return e.found;
}

static void put_parent_age(struct statistics_record *r, enum statistics_column col, int age)
{
	if (age == PARENT_AGE_UNKNOWN) /* an answer; domain.md has no code for it */
		return;
	put(r, col,
	    label_of(&risk_assessment_def, col == COL_MOTHER_AGE ? "mother_age" : "father_age",
	             age));
	if (!r->cells[col][0])
		add_missing(r, column_headers[col]);
}

static void put_procedure(struct statistics_job *job, struct statistics_record *r,
                          const struct risk_assessment *a)
{
	bool risk = a->result == RISK_ACUTE || a->result == RISK_LATENT;
	int reporter = config_find_reporter(job->config, a->reporter);

	put(r, COL_SURVEY, "§ 8a");
	put_int(r, COL_DONE_MONTH, DATE_MONTH(a->date));
	put_int(r, COL_DONE_YEAR, DATE_YEAR(a->date));
	if (a->result >= RISK_ACUTE && a->result <= RISK_NONE)
		put(r, COL_RESULT, result_words[a->result]);
	else
		add_missing(r, column_headers[COL_RESULT]);
	if (risk) {
		put_yes(r, COL_NEGLECT, a->neglect);
		put_yes(r, COL_PHYSICAL, a->physical);
		put_yes(r, COL_PSYCHOLOGICAL, a->psychological);
		put_yes(r, COL_SEXUAL, a->sexual);
		if (!a->neglect && !a->physical && !a->psychological && !a->sexual)
			add_missing(r, "Art der Gefährdung");
	}
	put(r, COL_REPORTER, reporter >= 0 ? job->config->reporters[reporter].name : NULL);
	if (reporter < 0)
		add_missing(r, column_headers[COL_REPORTER]);
	put_yes(r, COL_REPEATED, repeated(job, a));
	put_parent_age(r, COL_MOTHER_AGE, a->mother_age);
	put_parent_age(r, COL_FATHER_AGE, a->father_age);
	put_yes(r, COL_USES_FAMILY, a->uses_family);
	put_yes(r, COL_USES_AMBULANT, a->uses_ambulant);
	put_yes(r, COL_USES_RESIDENTIAL, a->uses_residential);
	put_yes(r, COL_USES_NONE, a->uses_none);
	if (!a->uses_family && !a->uses_ambulant && !a->uses_residential && !a->uses_none)
		add_missing(r, "Leistungen zur Zeit der Einschätzung");
	put_yes(r, COL_NEW_HELP, a->new_help);
	put_yes(r, COL_FAMILY_COURT, a->family_court);
	put_yes(r, COL_CUSTODY, a->custody);
}

static int statistics_procedure(void *ctx, const void *rec)
{
	struct statistics_job *job = ctx;
	const struct risk_assessment *a = rec;
	struct statistics_record r = {0};
	struct measure scope = {0};
	struct case_file c;
	struct person p;
	char what[WHAT_SIZE], date[DATE_BUFSIZE];

	if (DATE_YEAR(a->date) != job->year ||
	    store_get(job->txn, &case_def, a->case_id, &c) != STATUS_OK ||
	    (job->district[0] && strcmp(c.district, job->district) != 0))
		return 0;
	/* its scope: the case's district and lead, as a measure of it has */
	text_copy(scope.district, sizeof(scope.district), c.district);
	text_copy(scope.lead, sizeof(scope.lead), c.lead);
	if (!rights_statistics_allow(job->config, job->who, &scope))
		return 0;
	put_person(&r, find_person(job, a->case_id, NULL, 0, a->child, &p) ? &p : NULL, 0);
	put_procedure(job, &r, a);
	date_format(a->date, date, sizeof(date));
	snprintf(what, sizeof(what), "§ 8a-Einschätzung %llu vom %s",
	         (unsigned long long)a->head.id, date);
	emit(job, &r, c.number, c.lead, what);
	return job->st != STATUS_OK;
}

/* --- the rows --- */

/* The record as a row of "statistics", or its missing fields as one of
 * "statistics-missing" (kept to be sorted by lead). */
static void emit(struct statistics_job *job, const struct statistics_record *r, const char *number,
                 const char *lead, const char *what)
{
	struct missing_row *row;

	if (!job->missing_only) {
		for (int col = 0; col < COL_COUNT; col++)
			csv_text(job->csv, r->cells[col]);
		csv_end_row(job->csv);
		if (csv_status(job->csv) != STATUS_OK)
			job->st = csv_status(job->csv);
		return;
	}
	if (!r->missing[0])
		return;
	if (job->nrows == job->cap) {
		size_t cap = job->cap ? 2 * job->cap : 64;
		struct missing_row *rows = realloc(job->rows, cap * sizeof(*rows));

		if (!rows) {
			job->st = STATUS_ERR_NOMEM;
			return;
		}
		job->rows = rows;
		job->cap = cap;
	}
	row = &job->rows[job->nrows++];
	text_copy(row->lead, sizeof(row->lead), lead);
	text_copy(row->number, sizeof(row->number), number);
	text_copy(row->what, sizeof(row->what), what);
	text_copy(row->missing, sizeof(row->missing), r->missing);
}

/* By lead (cases without one last), then case number, then what. */
static int compare_missing(const void *a, const void *b)
{
	const struct missing_row *x = a, *y = b;
	int c;

	if (!x->lead[0] != !y->lead[0])
		return x->lead[0] ? -1 : 1;
	if ((c = strcmp(x->lead, y->lead)) != 0 || (c = strcmp(x->number, y->number)) != 0)
		return c;
	return strcmp(x->what, y->what);
}

static void write_missing(struct statistics_job *job)
{
	if (job->nrows) /* (qsort's array must not be NULL, even when empty) */
		qsort(job->rows, job->nrows, sizeof(*job->rows), compare_missing);
	for (size_t i = 0; i < job->nrows; i++) {
		const struct missing_row *row = &job->rows[i];
		int s = row->lead[0] ? config_find_staff(job->config, row->lead) : -1;

		csv_text(job->csv, row->number);
		csv_text(job->csv, row->lead);
		csv_text(job->csv, s >= 0 ? job->config->staff[s].name : "");
		csv_text(job->csv, row->what);
		csv_text(job->csv, row->missing);
		csv_end_row(job->csv);
	}
}

static enum status statistics_pass(struct statistics_job *job)
{
	enum status st;

	if (!rights_statistics_may(job->who))
		return STATUS_ERR_DENIED;
	st = store_scan(job->txn, &measure_def, 0, statistics_help, job);
	if (st == STATUS_OK && job->st == STATUS_OK)
		st = store_scan(job->txn, &risk_assessment_def, 0, statistics_procedure, job);
	if (st == STATUS_OK && job->st == STATUS_OK && job->missing_only)
		write_missing(job);
	free(job->rows);
	if (st != STATUS_OK)
		return st;
	return job->st != STATUS_OK ? job->st : csv_status(job->csv);
}

enum status statistics_rows(struct store_txn *txn, const struct config *config,
                            const struct cfg_staff *who, struct csv *csv, int year,
                            const char *district, bool missing_only)
{
	struct statistics_job job = {.txn = txn,
	                             .config = config,
	                             .who = who,
	                             .csv = csv,
	                             .district = district,
	                             .year = year,
	                             .missing_only = missing_only};

	return statistics_pass(&job);
}
