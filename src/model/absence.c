/* Abwesenheit (absence.h): the field table, the rules, what the writer
 * fills in, and the index by stand-in for the dashboard. */
#include <string.h>

#include "model/absence.h"
#include "model/case.h"
#include "model/date.h"
#include "model/text.h"

static const struct field_def absence_fields[] = {
        {.tag = 2,
         .name = "login",
         .label = "Abwesend",
         FIELD_REF(struct absence, login),
         .width = 12,
         .required = true,
         .source = SOURCE_STAFF,
         .help = "wer nicht da ist"},
        {.tag = 3,
         .name = "from",
         .label = "Von",
         FIELD_DATE(struct absence, from),
         .width = 10,
         .required = true},
        {.tag = 4,
         .name = "to",
         .label = "Bis",
         FIELD_DATE(struct absence, to),
         .width = 10,
         .required = true,
         .help = "der letzte Tag der Abwesenheit"},
        {.tag = 5,
         .name = "stand_in",
         .label = "Vertretung",
         FIELD_REF(struct absence, stand_in),
         .width = 12,
         .required = true,
         .source = SOURCE_STAFF,
         .help = "wer aus dem Team die Fälle in der Zeit mit im Blick hat"},
        {.tag = 6,
         .name = "note",
         .label = "Anlass",
         FIELD_TEXT(struct absence, note),
         .width = 30,
         .help = "z.B. Urlaub oder Fortbildung – keine Angaben zur Gesundheit"},
        {.tag = 7,
         .name = "team",
         .filled = true,
         .label = "Team",
         FIELD_REF(struct absence, team),
         .width = 8,
         .source = SOURCE_TEAMS},
        {.tag = 8,
         .name = "district",
         .filled = true,
         .label = "Sozialraum",
         FIELD_REF(struct absence, district),
         .width = 6,
         .source = SOURCE_DISTRICTS},
};

/* The days in order; a stand-in of the same team who leads cases, not
 * the absent one. */
static enum status absence_validate(const void *rec, const struct config *config,
                                    struct field_error *err)
{
	const struct absence *a = rec;
	int who = config ? config_find_staff(config, a->login) : -1;
	int in = config ? config_find_staff(config, a->stand_in) : -1;

	if (a->to < a->from)
		return record_fail(err, &absence_def, "to", STATUS_ERR_RANGE,
		                   "liegt vor dem Beginn");
	if (!config)
		return STATUS_OK;
	if (who < 0 || !case_lead_may(config, a->login))
		return record_fail(err, &absence_def, "login", STATUS_ERR_INVALID,
		                   "führt keine Fälle (nur Fachkräfte und Teamleitungen)");
	if (strcmp(a->login, a->stand_in) == 0)
		return record_fail(err, &absence_def, "stand_in", STATUS_ERR_INVALID,
		                   "vertritt sich nicht selbst");
	if (in < 0 || !case_lead_may(config, a->stand_in) ||
	    config->staff[in].team != config->staff[who].team)
		return record_fail(err, &absence_def, "stand_in", STATUS_ERR_INVALID,
		                   "vertreten kann nur, wer im selben Team Fälle führt");
	return STATUS_OK;
}

/* The team and its first district are the absent one's. */
static enum status absence_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct absence *a = rec;
	int who = config_find_staff(f->config, a->login);
	const struct cfg_team *team;

	if (who < 0 || f->config->staff[who].team < 0)
		return record_fail(err, &absence_def, "login", STATUS_ERR_INVALID,
		                   "gehört zu keinem Team");
	team = &f->config->teams[f->config->staff[who].team];
	text_copy(a->team, sizeof(a->team), team->id);
	text_copy(a->district, sizeof(a->district),
	          team->ndistricts ? f->config->districts[team->districts[0]].id : "");
	return STATUS_OK;
}

/* By stand-in: whom the user stands in for. */
static int key_absence_stand_in(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct absence *)rec)->stand_in);
}

/* By team: who of a team is away, for the team screen. */
static int key_absence_team(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct absence *)rec)->team);
}

static const struct index_def absence_indexes[] = {
        {.name = "stand_in", .kind = INDEX_KEY, .key = key_absence_stand_in},
        {.name = "team", .kind = INDEX_KEY, .key = key_absence_team},
};

const struct record_def absence_def = {
        .kind = 11,
        .version = 1,
        .name = "absence",
        .table = "absences",
        .label = "Abwesenheit",
        .plural = "Abwesenheiten",
        .size = sizeof(struct absence),
        RECORD_FIELDS(absence_fields),
        .validate = absence_validate,
        .fill = absence_fill,
        .district_field = "district",
        .lead_field = "login",
        .audited = true,
        RECORD_INDEXES(absence_indexes),
};
