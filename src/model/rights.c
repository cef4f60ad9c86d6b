/* The rights table and the functions that read it (rights.h). */
#include <string.h>

#include "model/absence.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/case.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/rights.h"

const char *const right_verb_names[] = {
#define X(name, text) text,
        RIGHT_VERB_LIST(X)
#undef X
                NULL};

/* The offers directory is no personal data: every role but controlling
 * (aggregates only) and admin (no content) reads it; the districts' teams
 * and the head of office keep it, provider staff their own provider's
 * offers. An admin exports it whole (for the committee's directory). The
 * monthly counts follow their offer. */
#define OFFER_RIGHTS(T)                                                                       \
	{ROLE_FACHKRAFT, T, VERB_LIST, SCOPE_ALL}, {ROLE_FACHKRAFT, T, VERB_READ, SCOPE_ALL}, \
	        {ROLE_FACHKRAFT, T, VERB_CREATE, SCOPE_TEAM},                                 \
	        {ROLE_FACHKRAFT, T, VERB_CHANGE, SCOPE_TEAM},                                 \
	        {ROLE_FACHKRAFT, T, VERB_END, SCOPE_TEAM},                                    \
	        {ROLE_FACHKRAFT, T, VERB_EXPORT, SCOPE_ALL},                                  \
	        {ROLE_TEAMLEITUNG, T, VERB_LIST, SCOPE_ALL},                                  \
	        {ROLE_TEAMLEITUNG, T, VERB_READ, SCOPE_ALL},                                  \
	        {ROLE_TEAMLEITUNG, T, VERB_CREATE, SCOPE_TEAM},                               \
	        {ROLE_TEAMLEITUNG, T, VERB_CHANGE, SCOPE_TEAM},                               \
	        {ROLE_TEAMLEITUNG, T, VERB_END, SCOPE_TEAM},                                  \
	        {ROLE_TEAMLEITUNG, T, VERB_EXPORT, SCOPE_ALL},                                \
	        {ROLE_AMTSLEITUNG, T, VERB_LIST, SCOPE_ALL},                                  \
	        {ROLE_AMTSLEITUNG, T, VERB_READ, SCOPE_ALL},                                  \
	        {ROLE_AMTSLEITUNG, T, VERB_CREATE, SCOPE_ALL},                                \
	        {ROLE_AMTSLEITUNG, T, VERB_CHANGE, SCOPE_ALL},                                \
	        {ROLE_AMTSLEITUNG, T, VERB_END, SCOPE_ALL},                                   \
	        {ROLE_AMTSLEITUNG, T, VERB_EXPORT, SCOPE_ALL},                                \
	        {ROLE_WIRTSCHAFT, T, VERB_LIST, SCOPE_ALL},                                   \
	        {ROLE_WIRTSCHAFT, T, VERB_READ, SCOPE_ALL},                                   \
	        {ROLE_WIRTSCHAFT, T, VERB_EXPORT, SCOPE_ALL},                                 \
	        {ROLE_TRAEGER, T, VERB_LIST, SCOPE_PROVIDER},                                 \
	        {ROLE_TRAEGER, T, VERB_READ, SCOPE_PROVIDER},                                 \
	        {ROLE_TRAEGER, T, VERB_CREATE, SCOPE_PROVIDER},                               \
	        {ROLE_TRAEGER, T, VERB_CHANGE, SCOPE_PROVIDER},                               \
	        {ROLE_TRAEGER, T, VERB_END, SCOPE_PROVIDER},                                  \
	        {ROLE_TRAEGER, T, VERB_EXPORT, SCOPE_PROVIDER},                               \
	{                                                                                     \
		ROLE_ADMIN, T, VERB_EXPORT, SCOPE_ALL                                         \
	}

/* Cases are the teams' work: caseworkers and team leads list, open and
 * change the cases of their team's districts and the cases they lead; they
 * take in a case from any address (the writer gives it to the district's
 * team). The head of office has every case; the budget clerks read them
 * (who somebody is, not what happened: the privacy classes) for the
 * measures they book. Provider staff, controlling and admins see no case.
 * The persons, journal and follow-ups follow their case; a journal entry
 * is never changed or ended (a correction is a new entry). */
#define CASE_WORKER_RIGHTS(R, T, V)       \
	{R, T, VERB_##V, SCOPE_TEAM},     \
	{                                 \
		R, T, VERB_##V, SCOPE_OWN \
	}
#define CASE_READ_RIGHTS(T)                                                                       \
	CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, T, LIST), CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, T, READ), \
	        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, T, LIST),                                    \
	        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, T, READ),                                    \
	        {ROLE_AMTSLEITUNG, T, VERB_LIST, SCOPE_ALL},                                      \
	        {ROLE_AMTSLEITUNG, T, VERB_READ, SCOPE_ALL},                                      \
	        {ROLE_AMTSLEITUNG, T, VERB_CREATE, SCOPE_ALL},                                    \
	        {ROLE_WIRTSCHAFT, T, VERB_LIST, SCOPE_ALL},                                       \
	{                                                                                         \
		ROLE_WIRTSCHAFT, T, VERB_READ, SCOPE_ALL                                          \
	}
#define CASE_ADD_RIGHTS(T)                             \
	CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, T, CREATE), \
	        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, T, CREATE)
#define CASE_CHANGE_RIGHTS(T)                                                                      \
	CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, T, CHANGE), CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, T, END), \
	        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, T, CHANGE),                                   \
	        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, T, END),                                      \
	        {ROLE_AMTSLEITUNG, T, VERB_CHANGE, SCOPE_ALL},                                     \
	{                                                                                          \
		ROLE_AMTSLEITUNG, T, VERB_END, SCOPE_ALL                                           \
	}

const struct right rights_table[] = {
        OFFER_RIGHTS(&offer_def),
        OFFER_RIGHTS(&offer_count_def),
        CASE_READ_RIGHTS(&case_def),
        CASE_CHANGE_RIGHTS(&case_def),
        {ROLE_FACHKRAFT, &case_def, VERB_CREATE, SCOPE_ALL},
        {ROLE_TEAMLEITUNG, &case_def, VERB_CREATE, SCOPE_ALL},
        {ROLE_TEAMLEITUNG, &case_def, VERB_EXPORT, SCOPE_TEAM},
        {ROLE_AMTSLEITUNG, &case_def, VERB_EXPORT, SCOPE_ALL},
        /* the admin's export of cases has no personal data in its columns */
        {ROLE_ADMIN, &case_def, VERB_EXPORT, SCOPE_ALL},
        CASE_READ_RIGHTS(&person_def),
        CASE_ADD_RIGHTS(&person_def),
        CASE_CHANGE_RIGHTS(&person_def),
        CASE_READ_RIGHTS(&journal_def),
        CASE_ADD_RIGHTS(&journal_def),
        CASE_READ_RIGHTS(&follow_up_def),
        CASE_ADD_RIGHTS(&follow_up_def),
        CASE_CHANGE_RIGHTS(&follow_up_def),
        /* that an assessment exists is itself § 8a matter: not the budget
         * clerks' */
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &risk_assessment_def, LIST),
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &risk_assessment_def, READ),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &risk_assessment_def, LIST),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &risk_assessment_def, READ),
        {ROLE_AMTSLEITUNG, &risk_assessment_def, VERB_LIST, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &risk_assessment_def, VERB_READ, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &risk_assessment_def, VERB_CREATE, SCOPE_ALL},
        CASE_ADD_RIGHTS(&risk_assessment_def),
        CASE_CHANGE_RIGHTS(&risk_assessment_def),
        /* absences: the team sees who is away; a team lead records them for
         * the team, a caseworker their own; the head of office all */
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &absence_def, LIST),
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &absence_def, READ),
        {ROLE_FACHKRAFT, &absence_def, VERB_CREATE, SCOPE_OWN},
        {ROLE_FACHKRAFT, &absence_def, VERB_CHANGE, SCOPE_OWN},
        {ROLE_TEAMLEITUNG, &absence_def, VERB_LIST, SCOPE_TEAM},
        {ROLE_TEAMLEITUNG, &absence_def, VERB_READ, SCOPE_TEAM},
        {ROLE_TEAMLEITUNG, &absence_def, VERB_CREATE, SCOPE_TEAM},
        {ROLE_TEAMLEITUNG, &absence_def, VERB_CHANGE, SCOPE_TEAM},
        {ROLE_AMTSLEITUNG, &absence_def, VERB_LIST, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &absence_def, VERB_READ, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &absence_def, VERB_CREATE, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &absence_def, VERB_CHANGE, SCOPE_ALL},
        /* measures: the team proposes and changes them (on the cases it
         * may change), the budget clerks read them to book against them,
         * the provider's staff read their provider's (with the minimum of
         * personal data the measure carries), an admin exports them (no
         * personal data in the columns) */
        CASE_READ_RIGHTS(&measure_def),
        CASE_ADD_RIGHTS(&measure_def),
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &measure_def, CHANGE),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &measure_def, CHANGE),
        {ROLE_AMTSLEITUNG, &measure_def, VERB_CHANGE, SCOPE_ALL},
        {ROLE_TRAEGER, &measure_def, VERB_LIST, SCOPE_PROVIDER},
        {ROLE_TRAEGER, &measure_def, VERB_READ, SCOPE_PROVIDER},
        {ROLE_TEAMLEITUNG, &measure_def, VERB_EXPORT, SCOPE_TEAM},
        {ROLE_AMTSLEITUNG, &measure_def, VERB_EXPORT, SCOPE_ALL},
        {ROLE_WIRTSCHAFT, &measure_def, VERB_EXPORT, SCOPE_ALL},
        {ROLE_ADMIN, &measure_def, VERB_EXPORT, SCOPE_ALL},
        /* decisions: the team lead within the team (up to its limit, the
         * model's rule), the head of office all; everyone who reads the
         * measure reads them, but its provider */
        CASE_READ_RIGHTS(&approval_def),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &approval_def, CREATE),
        /* the help plan: the team's; the provider's staff read it and
         * record reviews (the model lets them record nothing else) */
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &plan_def, LIST),
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &plan_def, READ),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &plan_def, LIST),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &plan_def, READ),
        {ROLE_AMTSLEITUNG, &plan_def, VERB_LIST, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &plan_def, VERB_READ, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &plan_def, VERB_CREATE, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &plan_def, VERB_CHANGE, SCOPE_ALL},
        CASE_ADD_RIGHTS(&plan_def),
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &plan_def, CHANGE),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &plan_def, CHANGE),
        {ROLE_TRAEGER, &plan_def, VERB_LIST, SCOPE_PROVIDER},
        {ROLE_TRAEGER, &plan_def, VERB_READ, SCOPE_PROVIDER},
        {ROLE_TRAEGER, &plan_def, VERB_CREATE, SCOPE_PROVIDER},
        /* the budget's figures: no personal data; the teams their
         * districts', the head of office, the budget clerks and
         * controlling all (the commitments behind them are the store's) */
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &budget_figure_def, LIST),
        CASE_WORKER_RIGHTS(ROLE_FACHKRAFT, &budget_figure_def, READ),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &budget_figure_def, LIST),
        CASE_WORKER_RIGHTS(ROLE_TEAMLEITUNG, &budget_figure_def, READ),
        {ROLE_TEAMLEITUNG, &budget_figure_def, VERB_EXPORT, SCOPE_TEAM},
        {ROLE_AMTSLEITUNG, &budget_figure_def, VERB_LIST, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &budget_figure_def, VERB_READ, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &budget_figure_def, VERB_EXPORT, SCOPE_ALL},
        {ROLE_WIRTSCHAFT, &budget_figure_def, VERB_LIST, SCOPE_ALL},
        {ROLE_WIRTSCHAFT, &budget_figure_def, VERB_READ, SCOPE_ALL},
        {ROLE_WIRTSCHAFT, &budget_figure_def, VERB_EXPORT, SCOPE_ALL},
        {ROLE_CONTROLLING, &budget_figure_def, VERB_LIST, SCOPE_ALL},
        {ROLE_CONTROLLING, &budget_figure_def, VERB_READ, SCOPE_ALL},
        {ROLE_CONTROLLING, &budget_figure_def, VERB_EXPORT, SCOPE_ALL},
        {ROLE_ADMIN, &budget_figure_def, VERB_EXPORT, SCOPE_ALL},
        /* bookings: the budget clerks book and read them all; the head of
         * office reads them, a team lead their districts'; an admin exports
         * them (no personal data in the columns) */
        {ROLE_WIRTSCHAFT, &booking_def, VERB_LIST, SCOPE_ALL},
        {ROLE_WIRTSCHAFT, &booking_def, VERB_READ, SCOPE_ALL},
        {ROLE_WIRTSCHAFT, &booking_def, VERB_CREATE, SCOPE_ALL},
        {ROLE_WIRTSCHAFT, &booking_def, VERB_EXPORT, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &booking_def, VERB_LIST, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &booking_def, VERB_READ, SCOPE_ALL},
        {ROLE_AMTSLEITUNG, &booking_def, VERB_EXPORT, SCOPE_ALL},
        {ROLE_TEAMLEITUNG, &booking_def, VERB_LIST, SCOPE_TEAM},
        {ROLE_TEAMLEITUNG, &booking_def, VERB_READ, SCOPE_TEAM},
        {ROLE_TEAMLEITUNG, &booking_def, VERB_EXPORT, SCOPE_TEAM},
        {ROLE_ADMIN, &booking_def, VERB_EXPORT, SCOPE_ALL},
        /* the finance system's file, which an admin imports */
        {ROLE_ADMIN, &booking_def, VERB_CREATE, SCOPE_ALL},
};

const size_t rights_count = sizeof(rights_table) / sizeof(rights_table[0]);

/* Which privacy classes each role sees: the caseworkers and the head of
 * office everything; the budget clerks who somebody is, not what
 * happened; provider staff, controlling and admin no personal data (the
 * provider's minimum of a first name and a birth year is given by the
 * record types that have one). */
static const bool role_sees[ROLE_COUNT][PRIVACY_COUNT] = {
        [ROLE_FACHKRAFT] = {true, true, true},   [ROLE_TEAMLEITUNG] = {true, true, true},
        [ROLE_AMTSLEITUNG] = {true, true, true}, [ROLE_WIRTSCHAFT] = {true, true, false},
        [ROLE_TRAEGER] = {true, false, false},   [ROLE_CONTROLLING] = {true, false, false},
        [ROLE_ADMIN] = {true, false, false},
};

static bool team_has_district(const struct config *config, int team, const char *district)
{
	int d = config_find_district(config, district);

	if (team < 0 || d < 0)
		return false;
	for (size_t i = 0; i < config->teams[team].ndistricts; i++)
		if (config->teams[team].districts[i] == d)
			return true;
	return false;
}

static bool in_scope(const struct config *config, const struct cfg_staff *who,
                     const struct record_def *def, enum right_scope scope, const void *rec)
{
	switch (scope) {
	case SCOPE_ALL:
		return true;
	case SCOPE_TEAM:
		return def->district_field &&
		       team_has_district(config, who->team,
		                         record_text(def, rec, def->district_field));
	case SCOPE_PROVIDER:
		return def->provider_field && who->provider >= 0 &&
		       (size_t)who->provider < config->nproviders &&
		       strcmp(config->providers[who->provider].id,
		              record_text(def, rec, def->provider_field)) == 0;
	case SCOPE_OWN:
		return def->lead_field &&
		       strcmp(who->login, record_text(def, rec, def->lead_field)) == 0;
	}
	return false;
}

bool rights_anyone(const struct record_def *def, enum right_verb verb)
{
	for (size_t i = 0; i < rights_count; i++)
		if (rights_table[i].verb == verb && rights_table[i].def == def)
			return true;
	return false;
}

bool rights_may(const struct cfg_staff *who, const struct record_def *def, enum right_verb verb)
{
	for (size_t i = 0; i < rights_count; i++)
		if (rights_table[i].role == who->role && rights_table[i].verb == verb &&
		    rights_table[i].def == def)
			return true;
	return false;
}

bool rights_allow(const struct config *config, const struct cfg_staff *who,
                  const struct record_def *def, enum right_verb verb, const void *scope_rec)
{
	const struct record_def *scope_def = record_scoped_by_parent(def) ? def->parent : def;

	for (size_t i = 0; i < rights_count; i++) {
		const struct right *r = &rights_table[i];

		if (r->role == who->role && r->verb == verb && r->def == def &&
		    in_scope(config, who, scope_def, r->scope, scope_rec))
			return true;
	}
	return false;
}

bool rights_sees(const struct cfg_staff *who, enum field_privacy privacy)
{
	return who->role < ROLE_COUNT && privacy < PRIVACY_COUNT && role_sees[who->role][privacy];
}

void rights_redact(const struct cfg_staff *who, const struct record_def *def, void *rec)
{
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *field = &def->fields[i];
		char *p = (char *)rec + field->offset;

		if (rights_sees(who, field->privacy))
			continue;
		memset(p, 0, field->size);
		if (field->type == FIELD_CHOICE)
			*(int *)(void *)p = -1;
	}
}

bool rights_admin(const struct cfg_staff *who)
{
	return who->role == ROLE_ADMIN;
}

bool rights_statistics_may(const struct cfg_staff *who)
{
	return rights_may(who, &measure_def, VERB_EXPORT) &&
	       (rights_sees(who, PRIVACY_SENSITIVE) || !rights_sees(who, PRIVACY_IDENTIFYING));
}

bool rights_statistics_allow(const struct config *config, const struct cfg_staff *who,
                             const void *scope_rec)
{
	return rights_statistics_may(who) &&
	       rights_allow(config, who, &measure_def, VERB_EXPORT, scope_rec);
}

/* The field of DEF a part of a change list names ("Label" or "Label: a →
 * b"); NULL for a part that names none (a piece of a value holding "; "). */
static const struct field_def *changed_field(const struct record_def *def, const char *part,
                                             size_t len)
{
	const char *colon = memchr(part, ':', len);
	size_t n = colon ? (size_t)(colon - part) : len;

	for (size_t i = 0; i < def->nfields; i++)
		if (strlen(def->fields[i].label) == n && memcmp(def->fields[i].label, part, n) == 0)
			return &def->fields[i];
	return NULL;
}

void rights_redact_changes(const struct cfg_staff *who, const struct record_def *def, char *detail)
{
	char *in = detail, *out = detail;

	while (*in) {
		char *end = strstr(in, "; ");
		size_t len = end ? (size_t)(end - in) : strlen(in);
		const struct field_def *f = changed_field(def, in, len);

		if (!f || rights_sees(who, f->privacy)) {
			if (out != detail) {
				memmove(out, "; ", 2);
				out += 2;
			}
			memmove(out, in, len);
			out += len;
		}
		in += len + (end ? 2 : 0);
	}
	*out = '\0';
}
