/* Unit tests of the retention periods (model/retention.h) and of what a
 * purge leaves of a record (record_purge), on the demo configuration:
 * § 9b's services keep a case to the young person's 100th birthday, the
 * rest goes retention.case_years after the case and its helps ended. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "demo_config.h"
#include "model/date.h"
#include "model/retention.h"

static struct config *config;

static struct case_file closed_case(int32_t closed)
{
	struct case_file c = {
	        .status = CASE_CLOSED, .opened = DATE_MAKE(2010, 1, 4), .closed = closed};

	return c;
}

static struct measure help(const char *service, int32_t start, int32_t ended, int birth_year)
{
	struct measure m = {.status = MEASURE_ENDED,
	                    .start = start,
	                    .end = ended,
	                    .ended = ended,
	                    .birth_year = birth_year};

	snprintf(m.service, sizeof(m.service), "%s", service);
	return m;
}

static int32_t until(const struct case_file *c, const struct measure *m, size_t nm,
                     const struct person *p, size_t np, char *why, size_t size)
{
	struct retention r;

	retention_begin(&r, config, c, DATE_MAKE(2026, 11, 29));
	for (size_t i = 0; i < nm; i++)
		retention_add_measure(&r, &m[i]);
	for (size_t i = 0; i < np; i++)
		retention_add_person(&r, &p[i]);
	return retention_until(&r, why, size);
}

/* A case without a help: case_years (10 in the demo) after it closed. */
static void test_plain_period(void)
{
	struct case_file c = closed_case(DATE_MAKE(2014, 3, 31));
	char why[120];

	CHECK_INT(until(&c, NULL, 0, NULL, 0, why, sizeof(why)), DATE_MAKE(2024, 3, 31));
	CHECK_STR(why, "10 Jahre nach dem Ende am 31.03.2014");
}

/* ... counted from the later of its closure and its helps' ends: a § 16
 * course (no § 9b) that ended after the case closed. */
static void test_counted_from_last_help(void)
{
	struct case_file c = closed_case(DATE_MAKE(2014, 3, 31));
	struct measure m = help("16", DATE_MAKE(2014, 1, 1), DATE_MAKE(2015, 6, 30), 2008);
	char why[120];

	CHECK_INT(until(&c, &m, 1, NULL, 0, why, sizeof(why)), DATE_MAKE(2025, 6, 30));
}

/* § 9b: a help of a service with keep_to_age keeps the case to the 100th
 * birthday of its youngest young person, not the parents'. */
static void test_section_9b(void)
{
	struct case_file c = closed_case(DATE_MAKE(2014, 3, 31));
	struct measure m = help("34", DATE_MAKE(2012, 1, 1), DATE_MAKE(2014, 3, 1), 2001);
	struct person p[] = {{.role = PERSON_YOUNG, .birth = DATE_MAKE(2001, 5, 17)},
	                     {.role = PERSON_YOUNG, .birth = DATE_MAKE(2003, 2, 28)},
	                     {.role = PERSON_MOTHER, .birth = DATE_MAKE(2010, 1, 1)}};
	char why[120];

	CHECK_INT(until(&c, &m, 1, p, 3, why, sizeof(why)), DATE_MAKE(2103, 2, 28));
	CHECK_STR(why, "§ 9b SGB VIII (Leistung 34): bis zum 100. Geburtstag, 28.02.2103");
}

/* A birth known by month only counts from the month's end; one the help
 * alone knows by its year from the year's end. */
static void test_birth_partly_known(void)
{
	struct case_file c = closed_case(DATE_MAKE(2014, 3, 31));
	struct measure m = help("31", DATE_MAKE(2012, 1, 1), DATE_MAKE(2014, 3, 1), 2004);
	struct person p = {.role = PERSON_YOUNG, .birth = DATE_MAKE(2004, 2, 0)};
	char why[120];

	CHECK_INT(until(&c, &m, 1, &p, 1, why, sizeof(why)), DATE_MAKE(2104, 2, 29));
	m.birth_year = 2005; /* a younger one the help names */
	CHECK_INT(until(&c, &m, 1, &p, 1, why, sizeof(why)), DATE_MAKE(2105, 12, 31));
}

/* Nothing goes too early: an open case, a help still running, a § 9b
 * case whose young person's birth nobody knows. */
static void test_kept(void)
{
	struct case_file open = {.status = CASE_OPEN, .opened = DATE_MAKE(2010, 1, 4)};
	struct case_file c = closed_case(DATE_MAKE(2014, 3, 31));
	struct measure running = help("16", DATE_MAKE(2026, 1, 1), 0, 0);
	struct measure m = help("33", DATE_MAKE(2012, 1, 1), DATE_MAKE(2014, 3, 1), 0);
	char why[120];

	running.status = MEASURE_APPROVED;
	running.end = DATE_MAKE(2027, 1, 1);
	CHECK_INT(until(&open, NULL, 0, NULL, 0, why, sizeof(why)), RETENTION_KEPT);
	CHECK_INT(until(&c, &running, 1, NULL, 0, why, sizeof(why)), RETENTION_KEPT);
	CHECK_INT(until(&c, &m, 1, NULL, 0, why, sizeof(why)), RETENTION_KEPT);
	CHECK_STR(why, "§ 9b SGB VIII (Leistung 33): Geburtstag des jungen Menschen unbekannt");
}

/* A purge replaces what people typed and keeps what the writer set and
 * what reports count; a text that was empty stays empty. */
static void test_record_purge(void)
{
	struct case_file c = closed_case(DATE_MAKE(2014, 3, 31));

	snprintf(c.number, sizeof(c.number), "2014-00012");
	snprintf(c.title, sizeof(c.title), "Familie Zwiebelhuber");
	snprintf(c.address, sizeof(c.address), "Buchenweg 3");
	snprintf(c.district, sizeof(c.district), "GA");
	snprintf(c.close_reason, sizeof(c.close_reason), "Ziele erreicht");
	c.reason = 3;
	c.reason2 = c.reason3 = -1;
	CHECK(record_purge(&case_def, &c, DATE_MAKE(2026, 11, 29)));
	CHECK_STR(c.title, RECORD_PURGED_TEXT);
	CHECK_STR(c.address, RECORD_PURGED_TEXT);
	CHECK_STR(c.close_reason, RECORD_PURGED_TEXT);
	CHECK_STR(c.will, "");
	CHECK_STR(c.number, "2014-00012");
	CHECK_STR(c.district, "GA");
	CHECK_INT(c.reason, 3);
	CHECK_INT(c.closed, DATE_MAKE(2014, 3, 31));
	CHECK_INT(record_purged(&case_def, &c), DATE_MAKE(2026, 11, 29));
	CHECK(record_validate(&case_def, &c, NULL, NULL) == STATUS_OK);
	CHECK(!record_purge(&case_def, &c, DATE_MAKE(2026, 11, 29))); /* twice: nothing more */
	CHECK_INT(record_purged(&person_def, &c), 0);                 /* a type without the field */
}

int main(void)
{
	if (!(config = demo_config_load())) {
		printf("not ok demo configuration\n");
		return 1;
	}
	RUN(test_plain_period);
	RUN(test_counted_from_last_help);
	RUN(test_section_9b);
	RUN(test_birth_partly_known);
	RUN(test_kept);
	RUN(test_record_purge);
	config_free(config);
	return CHECK_EXIT();
}
