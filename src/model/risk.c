/* Gefährdungseinschätzung (case.h): the § 8a risk assessment of a case,
 * with the codes of the § 8a statistics (domain.md); saving one completes
 * the procedure (record_def.settle_parent ends the case's alert). */
#include <string.h>

#include "model/case.h"
#include "model/date.h"
#include "model/text.h"

static const char *const risk_result_names[] = {"akut", "latent", "hilfebedarf", "keine", NULL};
static const char *const risk_result_labels[] = {
        "akute Kindeswohlgefährdung", "latente Kindeswohlgefährdung",
        "keine Gefährdung, aber Hilfebedarf", "keine Gefährdung, kein Hilfebedarf", NULL};
static const char *const parent_age_names[] = {"u18", "18-27", "27", "unbekannt", NULL};
static const char *const parent_age_labels[] = {"unter 18", "18 bis unter 27", "27 und älter",
                                                "unbekannt", NULL};

#define RISK_BOOL(tag_, name_, label_, member, help_)                                  \
	{                                                                              \
		.tag = tag_, .name = name_, .label = label_,                           \
		FIELD_BOOL(struct risk_assessment, member), .width = 4, .help = help_, \
		.privacy = PRIVACY_SENSITIVE                                           \
	}

static const struct field_def risk_fields[] = {
        {.tag = 2,
         .name = "case_id",
         .label = "Fall",
         FIELD_ID(struct risk_assessment, case_id),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "date",
         .label = "Datum",
         FIELD_DATE(struct risk_assessment, date),
         .width = 10,
         .required = true,
         .help = "der Tag der Einschätzung"},
        {.tag = 4,
         .name = "child",
         .label = "Kind",
         FIELD_TEXT(struct risk_assessment, child),
         .width = 40,
         .required = true,
         .privacy = PRIVACY_IDENTIFYING,
         .help = "das Kind, um das es geht (eine Einschätzung je Kind)"},
        {.tag = 5,
         .name = "professional1",
         .label = "Fachkraft",
         FIELD_REF(struct risk_assessment, professional1),
         .width = 12,
         .required = true,
         .source = SOURCE_STAFF},
        {.tag = 6,
         .name = "professional2",
         .label = "Zweite Fachkraft",
         FIELD_REF(struct risk_assessment, professional2),
         .width = 12,
         .required = true,
         .source = SOURCE_STAFF,
         .help = "eingeschätzt wird im Zusammenwirken mehrerer Fachkräfte"},
        {.tag = 7,
         .name = "others",
         .label = "Weitere Beteiligte",
         FIELD_TEXT(struct risk_assessment, others),
         .width = 40,
         .privacy = PRIVACY_IDENTIFYING},
        {.tag = 8,
         .name = "result",
         .label = "Ergebnis",
         FIELD_CHOICE(struct risk_assessment, result),
         .width = 34,
         .required = true,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(risk_result_names, risk_result_labels)},
        RISK_BOOL(9, "neglect", "Vernachlässigung", neglect,
                  "Art der Gefährdung (bei akuter oder latenter, mehrere möglich)"),
        RISK_BOOL(10, "physical", "Körperl. Misshandl.", physical,
                  "körperliche Misshandlung (Art der Gefährdung, mehrere möglich)"),
        RISK_BOOL(11, "psychological", "Psych. Misshandlung", psychological,
                  "psychische Misshandlung (Art der Gefährdung, mehrere möglich)"),
        RISK_BOOL(12, "sexual", "Sexuelle Gewalt", sexual,
                  "sexuelle Gewalt (Art der Gefährdung, mehrere möglich)"),
        {.tag = 13,
         .name = "reporter",
         .label = "Bekannt durch",
         FIELD_REF(struct risk_assessment, reporter),
         .width = 12,
         .required = true,
         .source = SOURCE_REPORTERS,
         .privacy = PRIVACY_SENSITIVE},
        {.tag = 14,
         .name = "mother_age",
         .label = "Alter der Mutter",
         FIELD_CHOICE(struct risk_assessment, mother_age),
         .width = 16,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(parent_age_names, parent_age_labels)},
        {.tag = 15,
         .name = "father_age",
         .label = "Alter des Vaters",
         FIELD_CHOICE(struct risk_assessment, father_age),
         .width = 16,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(parent_age_names, parent_age_labels)},
        RISK_BOOL(16, "uses_family", "§§ 16-19 SGB VIII", uses_family,
                  "Förderung der Erziehung in der Familie (§§ 16-19 SGB VIII)"),
        RISK_BOOL(17, "uses_ambulant", "ambulant §§ 27-35", uses_ambulant,
                  "ambulante oder teilstationäre Hilfe (§§ 27-32, 35 SGB VIII)"),
        RISK_BOOL(18, "uses_residential", "stationär §§ 33-35a", uses_residential,
                  "Vollzeitpflege, Heimerziehung, stationäre Eingliederungshilfe (§§ 33-35a)"),
        RISK_BOOL(19, "uses_none", "keine", uses_none,
                  "zur Zeit der Einschätzung keine Leistung der Jugendhilfe"),
        RISK_BOOL(20, "new_help", "Neue Hilfe", new_help, "eine neue Hilfe wurde eingeleitet"),
        RISK_BOOL(21, "family_court", "Familiengericht", family_court,
                  "das Familiengericht wurde angerufen"),
        RISK_BOOL(22, "custody", "Inobhutnahme (§ 42)", custody,
                  "das Kind wurde in Obhut genommen (§ 42 SGB VIII)"),
        {.tag = 23,
         .name = "notes",
         .label = "Begründung",
         FIELD_TEXT(struct risk_assessment, notes),
         .width = 60,
         .multiline = true,
         .privacy = PRIVACY_SENSITIVE,
         .help = "Anhaltspunkte und wie sie gewichtet wurden (Enter öffnet den Editor)"},
        {.tag = 24,
         .name = "author",
         .filled = true,
         .label = "Erfasst von",
         FIELD_REF(struct risk_assessment, author),
         .width = 12,
         .source = SOURCE_STAFF},
        {.tag = 25,
         .name = "raised",
         .filled = true,
         .label = "§ 8a gemeldet",
         FIELD_TIME(struct risk_assessment, raised),
         .width = 16,
         .privacy = PRIVACY_SENSITIVE},
};

/* Two different professionals; the kinds of risk said for an acute or
 * latent risk and only then; no service in use excludes the others. */
static enum status risk_validate(const void *rec, const struct config *config,
                                 struct field_error *err)
{
	const struct risk_assessment *r = rec;
	int32_t today = date_today();
	bool kinds = r->neglect || r->physical || r->psychological || r->sexual;
	bool risk = r->result == RISK_ACUTE || r->result == RISK_LATENT;

	(void)config;
	if (today && r->date > today)
		return record_fail(err, &risk_assessment_def, "date", STATUS_ERR_RANGE,
		                   "liegt in der Zukunft");
	if (strcmp(r->professional1, r->professional2) == 0)
		return record_fail(err, &risk_assessment_def, "professional2", STATUS_ERR_INVALID,
		                   "eine zweite, andere Fachkraft angeben");
	if (risk && !kinds)
		return record_fail(
		        err, &risk_assessment_def, "neglect", STATUS_ERR_REQUIRED,
		        "bei akuter oder latenter Gefährdung: welche Art (eine oder mehr)");
	if (!risk && kinds)
		return record_fail(err, &risk_assessment_def, "neglect", STATUS_ERR_INVALID,
		                   "eine Art der Gefährdung nur bei akuter oder latenter");
	if (r->uses_none && (r->uses_family || r->uses_ambulant || r->uses_residential))
		return record_fail(err, &risk_assessment_def, "uses_none", STATUS_ERR_INVALID,
		                   "widerspricht den angekreuzten Leistungen");
	return STATUS_OK;
}

/* The author is who saved it first; RAISED is the alert's it completes. */
static enum status risk_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct risk_assessment *r = rec;
	const struct risk_assessment *old = f->stored;
	const struct case_file *c = f->parent;

	(void)err;
	text_copy(r->author, sizeof(r->author), old ? old->author : f->who->login);
	r->raised = old ? old->raised : c && c->alert ? c->alert_since : 0;
	return STATUS_OK;
}

/* The assessment completes the procedure: the case's open alert ends,
 * and the case knows it was assessed (a help that follows asks). */
static bool risk_settle(void *parent, const void *rec)
{
	struct case_file *c = parent;
	const struct risk_assessment *r = rec;
	bool changed = c->alert || r->date > c->assessed;

	c->alert = false;
	if (r->date > c->assessed)
		c->assessed = r->date;
	return changed;
}

const struct record_def risk_assessment_def = {
        .kind = 10,
        .version = 1,
        .name = "risk_assessment",
        .table = "risk_assessments",
        .label = "Gefährdungseinschätzung",
        .plural = "Gefährdungseinschätzungen",
        .size = sizeof(struct risk_assessment),
        RECORD_FIELDS(risk_fields),
        .validate = risk_validate,
        .fill = risk_fill,
        .settle_parent = risk_settle,
        .parent = &case_def,
        .parent_field = "case_id",
        .purge = PURGE_TEXTS,
        .audited = true,
};
