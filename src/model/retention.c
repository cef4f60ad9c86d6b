/* Aufbewahrung: the period of a case from its helps, its young persons'
 * births and the configuration (retention.h). */
#include <stdio.h>
#include <string.h>

#include "model/date.h"
#include "model/retention.h"
#include "model/text.h"

void retention_begin(struct retention *r, const struct config *config, const struct case_file *c,
                     int32_t today)
{
	memset(r, 0, sizeof(*r));
	r->config = config;
	r->today = today;
	r->running = c->status != CASE_CLOSED || !c->closed;
	r->ended = c->closed;
}

void retention_add_measure(struct retention *r, const struct measure *m)
{
	int s = config_find_service(r->config, m->service);
	int32_t end = measure_help_end(m);
	/* a help counts from its proposal on: whether it was granted or not,
	 * the file holds it (kept too long is lawful, too short is not) */
	int age = s >= 0 ? r->config->services[s].keep_to_age : 0;

	if (!end || end > r->today)
		r->running = r->running || m->status != MEASURE_REJECTED;
	if (end > r->ended)
		r->ended = end;
	if (age > r->to_age) {
		r->to_age = age;
		text_copy(r->service, sizeof(r->service), m->service);
	}
	if (m->birth_year > r->birth_year)
		r->birth_year = (int)m->birth_year;
}

/* A birth with an unknown day (day 00) counts from the month's last. */
static int32_t birth_day(int32_t birth)
{
	if (birth && DATE_DAY(birth) == 0)
		return DATE_MAKE(DATE_YEAR(birth), DATE_MONTH(birth),
		                 date_days_in_month(DATE_YEAR(birth), DATE_MONTH(birth)));
	return birth;
}

void retention_add_person(struct retention *r, const struct person *p)
{
	int32_t birth = birth_day(p->birth);

	if (p->role == PERSON_YOUNG && birth > r->birth)
		r->birth = birth;
}

int32_t retention_until(const struct retention *r, char *why, size_t size)
{
	char day[DATE_BUFSIZE];
	/* the youngest: a person's birthday, or the last day of a younger
	 * birth year a help names (the year alone is known there) */
	int32_t birth =
	        r->birth_year > DATE_YEAR(r->birth) ? DATE_MAKE(r->birth_year, 12, 31) : r->birth;
	int32_t until;

	if (r->running) {
		snprintf(why, size, "läuft noch");
		return RETENTION_KEPT;
	}
	if (r->to_age) {
		if (!birth) {
			snprintf(why, size,
			         "§ 9b SGB VIII (Leistung %s): Geburtstag des jungen Menschen "
			         "unbekannt",
			         r->service);
			return RETENTION_KEPT;
		}
		until = date_add_months(birth, 12 * r->to_age);
		date_format(until, day, sizeof(day));
		snprintf(why, size, "§ 9b SGB VIII (Leistung %s): bis zum %d. Geburtstag, %s",
		         r->service, r->to_age, day);
		return until;
	}
	until = date_add_months(r->ended, 12 * r->config->retention.case_years);
	date_format(r->ended, day, sizeof(day));
	snprintf(why, size, "%d Jahr%s nach dem Ende am %s", r->config->retention.case_years,
	         r->config->retention.case_years == 1 ? "" : "e", day);
	return until;
}
