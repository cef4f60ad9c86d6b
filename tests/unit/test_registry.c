/* Unit tests of the record type registry, every field table in it, the
 * rights table (walked for every role, record type and verb), redaction
 * and the word keys of names. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "demo_config.h"
#include "model/absence.h"
#include "model/audit.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/case.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/registry.h"
#include "model/rights.h"
#include "model/text.h"
#include "../sample.h"

static struct config *config;

static void load_config(void)
{
	config = demo_config_load();
}

static size_t count_names(const char *const *names)
{
	size_t n = 0;

	while (names && names[n] && n < 1000)
		n++;
	return n;
}

/* One field table: tags unique and >= 2 (0 and 1 are id and version),
 * names unique, labels present, sizes right, choices NULL-terminated with
 * as many labels, references with a source, privacy a known class. */
static void check_fields(const struct record_def *def)
{
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];

		if (f->tag < 2 || !f->name || !f->label || !f->label[0] || f->size == 0 ||
		    f->offset + f->size > def->size || f->privacy >= PRIVACY_COUNT)
			printf("#   %s.%s: tag, name, label, place or privacy wrong\n", def->table,
			       f->name ? f->name : "?");
		CHECK(f->tag >= 2 && f->name && f->label && f->label[0]);
		CHECK(f->offset + f->size <= def->size);
		for (size_t j = 0; j < i; j++) {
			CHECK(def->fields[j].tag != f->tag);
			CHECK(strcmp(def->fields[j].name, f->name) != 0);
		}
		if (f->type == FIELD_CHOICE) {
			size_t n = count_names(f->choices);

			CHECK(n > 0 && n < 1000); /* NULL-terminated within reason */
			if (f->choice_labels)
				CHECK_INT(count_names(f->choice_labels), n);
		}
		if (f->type == FIELD_REF)
			CHECK(f->source != SOURCE_NONE);
	}
}

/* The type's own declarations point at fields it has, of the right type. */
static void check_declarations(const struct record_def *def)
{
	const struct field_def *f;

	CHECK(def->table && def->name && def->label && def->plural && def->size > 0);
	CHECK(def->ids != IDS_COMPUTED || def->make_id);
	if (def->parent) {
		CHECK(record_type_find(def->parent->table) == def->parent);
		f = def->parent_field ? record_field(def, def->parent_field) : NULL;
		CHECK(f && f->type == FIELD_ID);
	}
	if (def->district_field)
		CHECK((f = record_field(def, def->district_field)) && f->type == FIELD_REF);
	if (def->provider_field)
		CHECK((f = record_field(def, def->provider_field)) && f->type == FIELD_REF);
	for (size_t i = 0; i < def->nindexes; i++) {
		const struct index_def *x = &def->indexes[i];

		CHECK(x->name && strcmp(x->name, "parent") != 0); /* the store's own */
		if (x->kind == INDEX_WORDS)
			CHECK((f = record_field(def, x->field)) && f->type == FIELD_TEXT);
		else
			CHECK(x->kind == INDEX_KEY && x->key);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(def->indexes[j].name, x->name) != 0);
	}
}

static void test_registry(void)
{
	CHECK(record_type_count >= 5);
	for (size_t i = 0; i < record_type_count; i++) {
		const struct record_def *def = record_types[i];

		check_fields(def);
		check_declarations(def);
		CHECK(record_type_find(def->table) == def);
		CHECK(record_type_by_kind(def->kind) == def);
		for (size_t j = 0; j < i; j++) {
			CHECK(record_types[j]->kind != def->kind);
			CHECK(strcmp(record_types[j]->table, def->table) != 0);
			CHECK(strcmp(record_types[j]->label, def->label) != 0);
		}
	}
	CHECK(record_type_find("nonsense") == NULL);
	CHECK_STR(offer_count_def.label, "Monatszahl");
}

/* A test record type with a required field of every type. */
struct every {
	struct record_head head;
	uint64_t id;
	int64_t number, money, time;
	int32_t date;
	bool yes;
	int choice;
	char text[16], ref[CONFIG_ID_SIZE];
};

static const char *const every_choices[] = {"a", "b", NULL};

static const struct field_def every_fields[] = {
        {.tag = 2, .name = "id", .label = "Nr", FIELD_ID(struct every, id), .required = true},
        {.tag = 3,
         .name = "number",
         .label = "Zahl",
         FIELD_INT(struct every, number),
         .required = true},
        {.tag = 4,
         .name = "money",
         .label = "Betrag",
         FIELD_MONEY(struct every, money),
         .required = true},
        {.tag = 5,
         .name = "time",
         .label = "Zeit",
         FIELD_TIME(struct every, time),
         .required = true},
        {.tag = 6,
         .name = "date",
         .label = "Datum",
         FIELD_DATE(struct every, date),
         .required = true},
        {.tag = 7,
         .name = "yes",
         .label = "Bestätigt",
         FIELD_BOOL(struct every, yes),
         .required = true},
        {.tag = 8,
         .name = "choice",
         .label = "Wahl",
         FIELD_CHOICE(struct every, choice),
         .choices = every_choices,
         .required = true},
        {.tag = 9,
         .name = "text",
         .label = "Text",
         FIELD_TEXT(struct every, text),
         .required = true},
        {.tag = 10,
         .name = "ref",
         .label = "Bezug",
         FIELD_REF(struct every, ref),
         .source = SOURCE_DISTRICTS,
         .required = true},
};

static const struct record_def every_def = {
        .kind = 999,
        .version = 1,
        .name = "every",
        .table = "every",
        .label = "Alles",
        .plural = "Alles",
        .size = sizeof(struct every),
        RECORD_FIELDS(every_fields),
};

/* required holds for every field type: each empty field in turn is
 * refused with STATUS_ERR_REQUIRED at that field. */
static void test_required_every_type(void)
{
	struct every full = {.id = 1,
	                     .number = 2,
	                     .money = 3,
	                     .time = 4,
	                     .date = 20260101,
	                     .yes = true,
	                     .choice = 0,
	                     .text = "x",
	                     .ref = "FG"};
	struct field_error err;

	CHECK_INT(record_validate(&every_def, &full, config, &err), STATUS_OK);
	for (size_t i = 0; i < every_def.nfields; i++) {
		const struct field_def *f = &every_fields[i];
		struct every e = full;

		memset((char *)&e + f->offset, 0, f->size);
		if (f->type == FIELD_CHOICE)
			e.choice = -1;
		err.field = NULL;
		CHECK_INT(record_validate(&every_def, &e, config, &err), STATUS_ERR_REQUIRED);
		CHECK(err.field == f);
	}
}

static void test_time_field(void)
{
	const struct field_def *f = &every_fields[3];
	struct every e = {0};
	char buf[32];

	CHECK_INT(field_parse(f, "24.11.2026 10:42", &e), STATUS_OK);
	field_format(f, &e, buf, sizeof(buf));
	CHECK_STR(buf, "24.11.2026 10:42");
	CHECK_INT(field_parse(f, "24.11.2026 25:00", &e), STATUS_ERR_INVALID);
	CHECK_INT(field_parse(f, "31.02.2026 10:00", &e), STATUS_ERR_INVALID);
	memcpy(buf, "xxxxxxxx", 8);
	field_format(f, &e, buf, 4); /* too small: empty, never unterminated */
	CHECK_STR(buf, "");
	CHECK_INT(field_parse(f, "", &e), STATUS_OK);
	CHECK_INT(e.time, 0);
}

/* What each role may do, verb by verb (list, read, create, change, end,
 * export): A all, T the team's districts, P the own provider's, - none.
 * Written out here, not derived from the table, so a change of the table
 * that nobody meant fails. */
static const struct {
	const char *table;
	const char *roles[ROLE_COUNT];
} expected[] = {
        {"offers",
         {[ROLE_FACHKRAFT] = "AATTTA",
          [ROLE_TEAMLEITUNG] = "AATTTA",
          [ROLE_AMTSLEITUNG] = "AAAAAA",
          [ROLE_WIRTSCHAFT] = "AA---A",
          [ROLE_TRAEGER] = "PPPPPP",
          [ROLE_CONTROLLING] = "------",
          [ROLE_ADMIN] = "-----A"}},
        {"offer_counts",
         {[ROLE_FACHKRAFT] = "AATTTA",
          [ROLE_TEAMLEITUNG] = "AATTTA",
          [ROLE_AMTSLEITUNG] = "AAAAAA",
          [ROLE_WIRTSCHAFT] = "AA---A",
          [ROLE_TRAEGER] = "PPPPPP",
          [ROLE_CONTROLLING] = "------",
          [ROLE_ADMIN] = "-----A"}},
        {"cases",
         {[ROLE_FACHKRAFT] = "TTATT-",
          [ROLE_TEAMLEITUNG] = "TTATTT",
          [ROLE_AMTSLEITUNG] = "AAAAAA",
          [ROLE_WIRTSCHAFT] = "AA----",
          [ROLE_ADMIN] = "-----A"}},
        {"persons",
         {[ROLE_FACHKRAFT] = "TTTTT-",
          [ROLE_TEAMLEITUNG] = "TTTTT-",
          [ROLE_AMTSLEITUNG] = "AAAAA-",
          [ROLE_WIRTSCHAFT] = "AA----"}},
        {"journal",
         {[ROLE_FACHKRAFT] = "TTT---",
          [ROLE_TEAMLEITUNG] = "TTT---",
          [ROLE_AMTSLEITUNG] = "AAA---",
          [ROLE_WIRTSCHAFT] = "AA----"}},
        {"follow_ups",
         {[ROLE_FACHKRAFT] = "TTTTT-",
          [ROLE_TEAMLEITUNG] = "TTTTT-",
          [ROLE_AMTSLEITUNG] = "AAAAA-",
          [ROLE_WIRTSCHAFT] = "AA----"}},
        {"risk_assessments",
         {[ROLE_FACHKRAFT] = "TTTTT-",
          [ROLE_TEAMLEITUNG] = "TTTTT-",
          [ROLE_AMTSLEITUNG] = "AAAAA-"}},
        /* a caseworker records only their own absence (the inside sample
         * is theirs), a team lead the team's */
        {"absences",
         {[ROLE_FACHKRAFT] = "TTTT--",
          [ROLE_TEAMLEITUNG] = "TTTT--",
          [ROLE_AMTSLEITUNG] = "AAAA--"}},
        /* a measure decides its own rights (its district, its provider);
         * its decisions and plan follow it */
        {"measures",
         {[ROLE_FACHKRAFT] = "TTTT--",
          [ROLE_TEAMLEITUNG] = "TTTT-T",
          [ROLE_AMTSLEITUNG] = "AAAA-A",
          [ROLE_WIRTSCHAFT] = "AA---A",
          [ROLE_TRAEGER] = "PP----",
          [ROLE_ADMIN] = "-----A"}},
        {"approvals",
         {[ROLE_FACHKRAFT] = "TT----",
          [ROLE_TEAMLEITUNG] = "TTT---",
          [ROLE_AMTSLEITUNG] = "AAA---",
          [ROLE_WIRTSCHAFT] = "AA----"}},
        {"plans",
         {[ROLE_FACHKRAFT] = "TTTT--",
          [ROLE_TEAMLEITUNG] = "TTTT--",
          [ROLE_AMTSLEITUNG] = "AAAA--",
          [ROLE_TRAEGER] = "PPP---"}},
        {"bookings",
         {[ROLE_TEAMLEITUNG] = "TT---T",
          [ROLE_AMTSLEITUNG] = "AA---A",
          [ROLE_WIRTSCHAFT] = "AAA--A",
          [ROLE_ADMIN] = "--A--A"}},
        {"budget_figures",
         {[ROLE_FACHKRAFT] = "TT----",
          [ROLE_TEAMLEITUNG] = "TT---T",
          [ROLE_AMTSLEITUNG] = "AA---A",
          [ROLE_WIRTSCHAFT] = "AA---A",
          [ROLE_CONTROLLING] = "AA---A",
          [ROLE_ADMIN] = "-----A"}},
};

static char expected_scope(const char *table, enum role role, enum right_verb verb)
{
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (strcmp(expected[i].table, table) == 0)
			return expected[i].roles[role] ? expected[i].roles[role][verb] : '-';
	return '-'; /* bookkeeping: drafts, audit, requests are nobody's to list */
}

static bool expected_scope_listed(const char *table)
{
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (strcmp(expected[i].table, table) == 0)
			return true;
	return false;
}

/* A staff member of ROLE in team T-FG (districts FG) of provider DW. */
static struct cfg_staff member(enum role role)
{
	struct cfg_staff who = {.role = role, .team = -1, .provider = -1};

	snprintf(who.login, sizeof(who.login), "test");
	if (role == ROLE_FACHKRAFT || role == ROLE_TEAMLEITUNG)
		who.team = config_find_team(config, "T-FG");
	if (role == ROLE_TRAEGER)
		who.provider = config_find_provider(config, "DW");
	return who;
}

/* Records in and out of each scope: an offer in FG by DW (in every
 * scope), one in GA by AWO (in none but all); a case in FG and one in GA
 * led by somebody else (a child's scope is its case's). A case the user
 * leads is theirs wherever it lies: test_rights_own. */
static void check_cell(const struct record_def *def, enum role role, enum right_verb verb)
{
	struct cfg_staff who = member(role);
	struct offer inside = sample_offer("drin"), outside = sample_offer("draussen");
	struct case_file case_in = {.district = "FG"}, case_out = {.district = "GA"};
	struct absence away_in = {.district = "FG", .login = "test"},
	               away_out = {.district = "GA", .login = "other"};
	struct measure help_in = {.district = "FG", .provider = "DW"},
	               help_out = {.district = "GA", .provider = "AWO"};
	struct budget_figure sum_in = {.district = "FG"}, sum_out = {.district = "GA"};
	struct booking paid_in = {.district = "FG"}, paid_out = {.district = "GA"};
	bool of_measure = def == &measure_def || def->parent == &measure_def;
	bool of_case = def == &case_def || def->parent == &case_def;
	const void *in_rec = def == &absence_def         ? (const void *)&away_in
	                     : def == &budget_figure_def ? (const void *)&sum_in
	                     : def == &booking_def       ? (const void *)&paid_in
	                     : of_measure                ? (const void *)&help_in
	                     : of_case                   ? (const void *)&case_in
	                                                 : &inside;
	const void *out_rec = def == &absence_def         ? (const void *)&away_out
	                      : def == &budget_figure_def ? (const void *)&sum_out
	                      : def == &booking_def       ? (const void *)&paid_out
	                      : of_measure                ? (const void *)&help_out
	                      : of_case                   ? (const void *)&case_out
	                                                  : &outside;
	char scope = expected_scope(def->table, role, verb);
	bool may = rights_may(&who, def, verb);
	bool in = rights_allow(config, &who, def, verb, in_rec), out;

	strcpy(outside.district, "GA");
	strcpy(outside.provider, "AWO");
	out = rights_allow(config, &who, def, verb, out_rec);
	if (may != (scope != '-') || in != (scope != '-') || out != (scope == 'A'))
		printf("#   %s %s %s: expected %c, got may %d in %d out %d\n", role_names[role],
		       def->table, right_verb_names[verb], scope, may, in, out);
	CHECK(may == (scope != '-'));
	CHECK(in == (scope != '-'));
	CHECK(out == (scope == 'A'));
}

static void test_rights_matrix(void)
{
	for (size_t t = 0; t < record_type_count; t++) {
		const struct record_def *def = record_types[t];

		/* the rights of a child are decided on its parent */
		if (!expected_scope_listed(def->table)) {
			struct cfg_staff who;

			for (int r = 0; r < ROLE_COUNT; r++)
				for (int v = 0; v < VERB_COUNT; v++) {
					who = member((enum role)r);
					CHECK(!rights_may(&who, def, (enum right_verb)v));
				}
			continue;
		}
		for (int r = 0; r < ROLE_COUNT; r++)
			for (int v = 0; v < VERB_COUNT; v++)
				check_cell(def, (enum role)r, (enum right_verb)v);
	}
	/* every row names a registered table */
	for (size_t i = 0; i < rights_count; i++)
		CHECK(rights_table[i].def &&
		      record_type_find(rights_table[i].def->table) == rights_table[i].def);
}

/* A caseworker of T-FG reads and changes a case in GA they lead, and its
 * persons; not one led by another. */
static void test_rights_own(void)
{
	struct cfg_staff fk = member(ROLE_FACHKRAFT);
	struct case_file c = {.district = "GA", .lead = "someone"};

	CHECK(!rights_allow(config, &fk, &case_def, VERB_READ, &c));
	CHECK(!rights_allow(config, &fk, &person_def, VERB_CHANGE, &c));
	strcpy(c.lead, fk.login);
	CHECK(rights_allow(config, &fk, &case_def, VERB_READ, &c));
	CHECK(rights_allow(config, &fk, &case_def, VERB_CHANGE, &c));
	CHECK(rights_allow(config, &fk, &person_def, VERB_CHANGE, &c));
	CHECK(rights_allow(config, &fk, &journal_def, VERB_CREATE, &c));
	CHECK(!rights_allow(config, &fk, &journal_def, VERB_CHANGE, &c));
}

/* The federal statistics: the head of office and the admin all, a team
 * lead their districts'; not the budget clerks (who somebody is without
 * what happened), nor a role that exports no measures. */
static void test_rights_statistics(void)
{
	struct measure in = {.district = "FG"}, out = {.district = "GA"};
	static const struct {
		enum role role;
		bool in, out;
	} want[] = {
	        {ROLE_FACHKRAFT, false, false}, {ROLE_TEAMLEITUNG, true, false},
	        {ROLE_AMTSLEITUNG, true, true}, {ROLE_WIRTSCHAFT, false, false},
	        {ROLE_TRAEGER, false, false},   {ROLE_CONTROLLING, false, false},
	        {ROLE_ADMIN, true, true},
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct cfg_staff who = member(want[i].role);

		CHECK(rights_statistics_may(&who) == want[i].in);
		CHECK(rights_statistics_allow(config, &who, &in) == want[i].in);
		CHECK(rights_statistics_allow(config, &who, &out) == want[i].out);
	}
}

/* The writer's sequences, one number after the other per name. */
static struct {
	char name[32];
	uint64_t last;
} sequences[4];

static enum status fake_next(void *ctx, const char *name, uint64_t *value)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof(sequences) / sizeof(sequences[0]); i++)
		if (!sequences[i].name[0] || strcmp(sequences[i].name, name) == 0) {
			snprintf(sequences[i].name, sizeof(sequences[i].name), "%s", name);
			*value = ++sequences[i].last;
			return STATUS_OK;
		}
	return STATUS_ERR_BUSY;
}

static int64_t local_time(int year, int month, int day, int hour)
{
	struct tm tm = {.tm_year = year - 1900,
	                .tm_mon = month - 1,
	                .tm_mday = day,
	                .tm_hour = hour,
	                .tm_isdst = -1};

	return (int64_t)mktime(&tm);
}

/* What the writer fills in a case: the number from the year's sequence
 * (a new year starts at 1), the district and team from the address, the
 * lead; an address not in the directory is refused at the field. */
static void test_case_fill(void)
{
	struct cfg_staff fk = member(ROLE_FACHKRAFT);
	struct record_fill fill = {.config = config, .who = &fk, .next = fake_next};
	struct case_file c = {.address = "Ulzburger Straße 250", .reason = 2};

	strcpy(fk.login, "fk.fg"); /* one who leads cases becomes the lead */
	struct field_error err = {0};

	fill.now = local_time(2026, 12, 31, 23);
	CHECK_INT(case_def.fill(&c, &fill, &err), STATUS_OK);
	CHECK_STR(c.number, "2026-00001");
	CHECK_STR(c.district, "FG");
	CHECK_STR(c.team, "T-FG");
	CHECK_STR(c.lead, fk.login);
	CHECK_INT(c.opened, 20261231);
	c = (struct case_file){.address = "Ulzburger Straße 12 a"};
	CHECK_INT(case_def.fill(&c, &fill, &err), STATUS_OK);
	CHECK_STR(c.number, "2026-00002");
	CHECK_STR(c.district, "HM");
	fill.now = local_time(2027, 1, 1, 0);
	CHECK_INT(case_def.fill(&c, &fill, &err), STATUS_OK);
	CHECK_STR(c.number, "2027-00001");
	/* a saved case keeps its number and opening day */
	fill.stored = &c;
	{
		struct case_file changed = c;

		strcpy(changed.number, "9999-99999");
		changed.opened = 20200101;
		CHECK_INT(case_def.fill(&changed, &fill, &err), STATUS_OK);
		CHECK_STR(changed.number, "2027-00001");
		CHECK_INT(changed.opened, 20270101);
	}
	fill.stored = NULL;
	c = (struct case_file){.address = "Nirgendwostraße 1"};
	CHECK_INT(case_def.fill(&c, &fill, &err), STATUS_ERR_INVALID);
	CHECK_STR(err.field->name, "address");
}

/* A risk assessment: two different professionals, the kinds of risk for
 * an acute or latent result and only then; it completes the procedure
 * (the case's alert ends) and keeps when the alert was raised. */
static void test_risk_assessment(void)
{
	struct cfg_staff fk = member(ROLE_FACHKRAFT);
	struct record_fill fill = {.config = config, .who = &fk, .next = fake_next};
	struct case_file c = {.alert = true, .alert_since = 1790000000};
	struct risk_assessment r = {.case_id = 1,
	                            .date = 20260105,
	                            .child = "Jürgen",
	                            .professional1 = "fk.fg",
	                            .professional2 = "fk.fg",
	                            .result = RISK_ACUTE,
	                            .reporter = "schule",
	                            .mother_age = -1,
	                            .father_age = -1,
	                            .neglect = true};
	struct field_error err = {0};

	CHECK_INT(record_validate(&risk_assessment_def, &r, config, &err), STATUS_ERR_INVALID);
	CHECK_STR(err.field->name, "professional2");
	strcpy(r.professional2, "tl.fg");
	CHECK_INT(record_validate(&risk_assessment_def, &r, config, &err), STATUS_OK);
	r.neglect = false;
	CHECK_INT(record_validate(&risk_assessment_def, &r, config, &err), STATUS_ERR_REQUIRED);
	r.result = RISK_NONE;
	CHECK_INT(record_validate(&risk_assessment_def, &r, config, &err), STATUS_OK);
	r.sexual = true;
	CHECK_INT(record_validate(&risk_assessment_def, &r, config, &err), STATUS_ERR_INVALID);
	r.sexual = false;
	strcpy(r.reporter, "niemand");
	CHECK_INT(record_validate(&risk_assessment_def, &r, config, &err), STATUS_ERR_NOT_FOUND);
	CHECK_STR(err.field->name, "reporter");

	fill.parent = &c;
	CHECK_INT(risk_assessment_def.fill(&r, &fill, &err), STATUS_OK);
	CHECK_STR(r.author, "test");
	CHECK(r.raised == 1790000000);
	CHECK(risk_assessment_def.settle_parent(&c, &r));
	CHECK(!c.alert);
	CHECK(!risk_assessment_def.settle_parent(&c, &r)); /* nothing left to settle */
}

/* A change list as each role may read it: the budget clerk who somebody
 * is but not that an alert changed, the admin only the plain fields; a
 * value holding "; " stays whole. */
static void test_changes_redacted(void)
{
	struct cfg_staff wjh = member(ROLE_WIRTSCHAFT), admin = member(ROLE_ADMIN),
	                 fk = member(ROLE_FACHKRAFT);
	const char *all = "Bezeichnung; Fallführung: a → b; § 8a; Übergabegrund: leer → x; y";
	char buf[AUDIT_DETAIL_SIZE];

	strcpy(buf, all);
	rights_redact_changes(&fk, &case_def, buf);
	CHECK_STR(buf, all);
	strcpy(buf, all);
	rights_redact_changes(&wjh, &case_def, buf);
	CHECK_STR(buf, "Bezeichnung; Fallführung: a → b; Übergabegrund: leer → x; y");
	strcpy(buf, all);
	rights_redact_changes(&admin, &case_def, buf);
	CHECK_STR(buf, "Fallführung: a → b; Übergabegrund: leer → x; y");
	strcpy(buf, "§ 8a");
	rights_redact_changes(&admin, &case_def, buf);
	CHECK_STR(buf, "");
}

/* A birth whose day is unknown: "MM.JJJJ" is kept as day 00 and shown
 * so again; a whole date as ever; neither a day 00 typed nor a month 13. */
static void test_birth_month(void)
{
	const struct field_def *birth = record_field(&person_def, "birth");
	struct person p = {.case_id = 1, .role = 0, .sex = 3, .name = "Minh"};
	struct field_error err = {0};
	char buf[32];

	CHECK_INT(field_parse(birth, "04.2012", &p), STATUS_OK);
	CHECK_INT(p.birth, 20120400);
	field_format(birth, &p, buf, sizeof(buf));
	CHECK_STR(buf, "04.2012");
	CHECK_INT(record_validate(&person_def, &p, config, &err), STATUS_OK);
	CHECK_INT(field_parse(birth, "03.04.2012", &p), STATUS_OK);
	CHECK_INT(p.birth, 20120403);
	field_format(birth, &p, buf, sizeof(buf));
	CHECK_STR(buf, "03.04.2012");
	CHECK_INT(field_parse(birth, "13.2012", &p), STATUS_ERR_INVALID);
	CHECK_INT(field_parse(birth, "00.04.2012", &p), STATUS_ERR_INVALID);
	CHECK_INT(p.birth, 20120403); /* unchanged by what was refused */
	p.birth = 20121300;
	CHECK_INT(record_validate(&person_def, &p, config, &err), STATUS_ERR_INVALID);
	/* a field without the flag takes no month alone */
	{
		struct journal_entry j = {0};

		CHECK_INT(field_parse(record_field(&journal_def, "date"), "04.2012", &j),
		          STATUS_ERR_INVALID);
	}
}

/* What changed, for the audit log: values only of fields without
 * personal data, labels of the others, cut at a character. */
static void test_changes(void)
{
	struct case_file a = {.lead = "fk.fg", .title = "Familie Kaya", .status = CASE_OPEN}, b = a;
	char buf[AUDIT_DETAIL_SIZE], tiny[7];

	CHECK_INT((int)record_changes(&case_def, &a, &b, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "");
	strcpy(b.lead, "tl.fg");
	strcpy(b.title, "Familie Kaya-Öz");
	b.status = CASE_CLOSED;
	record_changes(&case_def, &a, &b, buf, sizeof(buf));
	CHECK_STR(buf, "Bezeichnung; Fallführung: fk.fg → tl.fg; Status: offen → geschlossen");
	b = a;
	strcpy(b.lead, "tl.fg");
	record_changes(&case_def, &a, &b, tiny, sizeof(tiny)); /* no part cut short */
	CHECK_STR(tiny, "…");
	CHECK(text_valid_utf8(tiny, strlen(tiny)));
}

/* The duplicate key: one person however the umlauts and accents were
 * typed; another birth day is another person; no key without a birth day. */
static void test_duplicate_key(void)
{
	uint8_t a[INDEX_KEY_MAX], b[INDEX_KEY_MAX];
	int na = person_duplicate_key("Jürgen Çelik-Müller", 20120403, a, sizeof(a));
	int nb = person_duplicate_key("JUERGEN CELIK-MULLER", 20120403, b, sizeof(b));

	CHECK(na > 0 && na == nb && memcmp(a, b, (size_t)na) == 0);
	nb = person_duplicate_key("Jurgen Celik-Mueller", 20120403, b, sizeof(b));
	CHECK(na == nb && memcmp(a, b, (size_t)na) == 0);
	nb = person_duplicate_key("Jürgen Çelik-Müller", 20120404, b, sizeof(b));
	CHECK(na != nb || memcmp(a, b, (size_t)na) != 0);
	CHECK_INT(person_duplicate_key("Jürgen", 0, b, sizeof(b)), -1);
}

/* A provider in another team's district: team scope is the district's. */
static void test_rights_team_scope(void)
{
	struct cfg_staff hm = member(ROLE_FACHKRAFT);
	struct offer o = sample_offer("x");

	hm.team = config_find_team(config, "T-HM");
	CHECK(!rights_allow(config, &hm, &offer_def, VERB_CHANGE, &o));
	strcpy(o.district, "HM");
	CHECK(rights_allow(config, &hm, &offer_def, VERB_CHANGE, &o));
	CHECK(rights_admin(&(struct cfg_staff){.role = ROLE_ADMIN}));
	CHECK(!rights_admin(&hm));
}

/* Redaction blanks the classes a role may not see. */
static void test_redact(void)
{
	static const struct field_def f[] = {
	        {.tag = 2,
	         .name = "name",
	         .label = "Name",
	         FIELD_TEXT(struct every, text),
	         .privacy = PRIVACY_IDENTIFYING},
	        {.tag = 3, .name = "number", .label = "Zahl", FIELD_INT(struct every, number)},
	        {.tag = 4,
	         .name = "choice",
	         .label = "Wahl",
	         FIELD_CHOICE(struct every, choice),
	         .choices = every_choices,
	         .privacy = PRIVACY_SENSITIVE},
	};
	static const struct record_def def = {.kind = 998,
	                                      .version = 1,
	                                      .name = "r",
	                                      .table = "r",
	                                      .label = "R",
	                                      .plural = "R",
	                                      .size = sizeof(struct every),
	                                      RECORD_FIELDS(f)};
	struct every e = {.text = "Anna", .number = 7, .choice = 1};
	struct cfg_staff who = member(ROLE_WIRTSCHAFT);

	rights_redact(&who, &def, &e);
	CHECK_STR(e.text, "Anna"); /* who somebody is */
	CHECK_INT(e.choice, -1);   /* not what happened */
	who = member(ROLE_CONTROLLING);
	rights_redact(&who, &def, &e);
	CHECK_STR(e.text, "");
	CHECK_INT(e.number, 7);
	who = member(ROLE_FACHKRAFT);
	e.choice = 1;
	rights_redact(&who, &def, &e);
	CHECK_INT(e.choice, 1);
}

struct words {
	char all[512];
};

static bool add_word(void *ctx, const char *word)
{
	struct words *w = ctx;

	strcat(w->all, word);
	strcat(w->all, " ");
	return true;
}

static void test_words(void)
{
	struct words w = {""};
	char longest[64];

	text_words("Väter-Kind-Turnen", add_word, &w);
	CHECK_STR(w.all, "vaeter kind turnen vater ");
	w.all[0] = '\0';
	text_words("MÜLLER, Straße 12a", add_word, &w);
	CHECK_STR(w.all, "mueller strasse 12a muller ");
	CHECK(text_match("Väter-Kind-Turnen", "turnen kind"));
	CHECK(text_match("Väter-Kind-Turnen", "VATER"));
	CHECK(text_match("Müller", "muell"));
	CHECK(text_match("Müller", "Müll"));
	CHECK(!text_match("Väter-Kind-Turnen", "kinder"));
	CHECK_INT(text_longest_word("kind turnen", longest, sizeof(longest)), 6);
	CHECK_STR(longest, "turnen");
	CHECK_INT(text_longest_word(" -- ", longest, sizeof(longest)), 0);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	load_config();
	if (!config) {
		printf("not ok load_config\n");
		return 1;
	}
	RUN(test_registry);
	RUN(test_required_every_type);
	RUN(test_time_field);
	RUN(test_rights_matrix);
	RUN(test_rights_team_scope);
	RUN(test_rights_own);
	RUN(test_rights_statistics);
	RUN(test_case_fill);
	RUN(test_duplicate_key);
	RUN(test_risk_assessment);
	RUN(test_changes);
	RUN(test_birth_month);
	RUN(test_changes_redacted);
	RUN(test_redact);
	RUN(test_words);
	config_free(config);
	return CHECK_EXIT();
}
