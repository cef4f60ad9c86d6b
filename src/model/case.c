/* Fall, Person, Verlauf, Wiedervorlage (case.h): field tables with the
 * statistics codes of domain.md as choices (stored by their codes, shown
 * by their German labels), the rules, and what the writer fills in. */
#include <stdio.h>
#include <string.h>

#include "model/case.h"
#include "model/date.h"
#include "model/text.h"

/* --- the codes --- */

static const char *const status_names[] = {"offen", "geschlossen", NULL};
static const char *const status_labels[] = {"offen", "geschlossen", NULL};

const char *const case_initiator_names[] = {"1", "2", "3", "4", "5", "6", "7", "8", NULL};
const char *const case_initiator_labels[] = {"junger Mensch selbst",
                                             "Eltern bzw. Personensorgeberechtigte",
                                             "Schule/Kindertageseinrichtung",
                                             "Soziale Dienste und andere Institutionen",
                                             "Gericht/Staatsanwaltschaft/Polizei",
                                             "Arzt/Klinik/Gesundheitsamt",
                                             "ehemalige Klienten/Bekannte",
                                             "Sonstige",
                                             NULL};

const char *const case_reason_names[] = {"10", "11", "12", "13", "14", "15",
                                         "16", "17", "18", "19", NULL};
const char *const case_reason_labels[] = {
        "Unversorgtheit des jungen Menschen",
        "Unzureichende Förderung/Betreuung/Versorgung in der Familie",
        "Gefährdung des Kindeswohls",
        "Eingeschränkte Erziehungskompetenz der Eltern",
        "Belastungen durch Problemlagen der Eltern",
        "Belastungen durch familiäre Konflikte",
        "Auffälligkeiten im sozialen Verhalten",
        "Entwicklungsauffälligkeiten/seelische Probleme",
        "Schulische/berufliche Probleme",
        "Übernahme wegen Zuständigkeitswechsels",
        NULL};

static const char *const family_names[] = {"1", "2", "3", "4", "5", NULL};
static const char *const family_labels[] = {"Eltern leben zusammen",
                                            "Elternteil lebt allein ohne Partner",
                                            "Elternteil lebt mit neuem Partner",
                                            "beide Eltern verstorben",
                                            "unbekannt",
                                            NULL};

const char *const case_yes_no_names[] = {"ja", "nein", "unbekannt", NULL};

static const char *const person_role_names[] = {"jung", "mutter", "vater", "sorge", "sonst", NULL};
static const char *const person_role_labels[] = {"junger Mensch",      "Mutter",   "Vater",
                                                 "Sorgeberechtigte/r", "Sonstige", NULL};

static const char *const sex_names[] = {"m", "w", "d", "x", NULL};
static const char *const sex_labels[] = {"männlich", "weiblich", "divers", "ohne Angabe", NULL};

static const char *const journal_kind_names[] = {"gespraech",     "hausbesuch", "telefonat",
                                                 "fallkonferenz", "vermerk",    NULL};
static const char *const journal_kind_labels[] = {"Gespräch",      "Hausbesuch", "Telefonat",
                                                  "Fallkonferenz", "Vermerk",    NULL};

/* --- Fall --- */

static const struct field_def case_fields[] = {
        {.tag = 2,
         .name = "number",
         .filled = true,
         .label = "Fall",
         FIELD_TEXT(struct case_file, number),
         .width = 10,
         .help = "wird beim ersten Speichern vergeben (Jahr und laufende Nummer)"},
        {.tag = 3,
         .name = "title",
         .label = "Bezeichnung",
         FIELD_TEXT(struct case_file, title),
         .width = 40,
         .required = true,
         .privacy = PRIVACY_IDENTIFYING,
         .help = "Wie der Fall genannt wird, z.B. Familie Yılmaz."},
        {.tag = 4,
         .name = "address",
         .label = "Anschrift",
         FIELD_TEXT(struct case_file, address),
         .width = 40,
         .required = true,
         .privacy = PRIVACY_IDENTIFYING,
         .help = "Straße und Hausnummer: daraus folgen Sozialraum und Team."},
        {.tag = 5,
         .name = "district",
         .filled = true,
         .label = "Sozialraum",
         FIELD_REF(struct case_file, district),
         .width = 6,
         .source = SOURCE_DISTRICTS,
         .help = "folgt aus der Anschrift"},
        {.tag = 6,
         .name = "team",
         .filled = true,
         .label = "Team",
         FIELD_REF(struct case_file, team),
         .width = 8,
         .source = SOURCE_TEAMS,
         .help = "folgt aus dem Sozialraum"},
        {.tag = 7,
         .name = "lead",
         .label = "Fallführung",
         FIELD_REF(struct case_file, lead),
         .width = 12,
         .source = SOURCE_STAFF,
         .help = "leer: wer den Fall aufnimmt"},
        {.tag = 25,
         .name = "lead_note",
         .label = "Übergabegrund",
         FIELD_TEXT(struct case_file, lead_note),
         .width = 40,
         .help = "Warum die Fallführung wechselt, z.B. Elternzeit oder Fallzahl – ohne "
                 "Namen und ohne Einzelheiten zur Familie: der Grund steht im Verlauf der "
                 "Änderungen."},
        {.tag = 8,
         .name = "status",
         .label = "Status",
         FIELD_CHOICE(struct case_file, status),
         .width = 11,
         .required = true,
         FIELD_CHOICES(status_names, status_labels)},
        {.tag = 9,
         .name = "opened",
         .filled = true,
         .label = "Eröffnet",
         FIELD_DATE(struct case_file, opened),
         .width = 10},
        {.tag = 10,
         .name = "closed",
         .filled = true,
         .label = "Geschlossen",
         FIELD_DATE(struct case_file, closed),
         .width = 10},
        {.tag = 11,
         .name = "close_reason",
         .label = "Abschlussgrund",
         FIELD_TEXT(struct case_file, close_reason),
         .width = 40,
         .privacy = PRIVACY_SENSITIVE},
        {.tag = 24,
         .name = "handed_to",
         .label = "Abgegeben an",
         FIELD_TEXT(struct case_file, handed_to),
         .width = 40,
         .help = "Zieht die Familie aus der Stadt: das nun zuständige Jugendamt. Der Fall "
                 "wird mit dem Grund Zuständigkeitswechsel geschlossen."},
        {.tag = 12,
         .name = "initiator",
         .label = "Anregung durch",
         FIELD_CHOICE(struct case_file, initiator),
         .width = 30,
         .required = true,
         FIELD_CHOICES(case_initiator_names, case_initiator_labels),
         .help = "Anregende Institution/Person (Bundesstatistik)"},
        {.tag = 13,
         .name = "reason",
         .label = "Hauptgrund",
         FIELD_CHOICE(struct case_file, reason),
         .width = 30,
         .required = true,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(case_reason_names, case_reason_labels),
         .help = "Grund für die Hilfe, 10 bis 19 (Bundesstatistik)"},
        {.tag = 14,
         .name = "reason2",
         .label = "Weiterer Grund",
         FIELD_CHOICE(struct case_file, reason2),
         .width = 30,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(case_reason_names, case_reason_labels)},
        {.tag = 15,
         .name = "reason3",
         .label = "Dritter Grund",
         FIELD_CHOICE(struct case_file, reason3),
         .width = 30,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(case_reason_names, case_reason_labels)},
        {.tag = 16,
         .name = "family",
         .label = "Familiensituation",
         FIELD_CHOICE(struct case_file, family),
         .width = 30,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(family_names, family_labels),
         .help = "Situation in der Herkunftsfamilie (Bundesstatistik)"},
        {.tag = 17,
         .name = "foreign_origin",
         .label = "Ausländ. Herkunft",
         FIELD_CHOICE(struct case_file, foreign_origin),
         .width = 10,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(case_yes_no_names, case_yes_no_names),
         .help = "ausländische Herkunft mindestens eines Elternteils"},
        {.tag = 18,
         .name = "german_home",
         .label = "Deutsch zu Hause",
         FIELD_CHOICE(struct case_file, german_home),
         .width = 10,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(case_yes_no_names, case_yes_no_names),
         .help = "in der Familie wird vorrangig Deutsch gesprochen"},
        {.tag = 19,
         .name = "transfer_payments",
         .label = "Transferleistungen",
         FIELD_CHOICE(struct case_file, transfer_payments),
         .width = 10,
         .privacy = PRIVACY_SENSITIVE,
         FIELD_CHOICES(case_yes_no_names, case_yes_no_names),
         .help = "die Familie lebt ganz oder teilweise von SGB II / SGB XII"},
        {.tag = 20,
         .name = "will",
         .label = "Wille der Familie",
         FIELD_TEXT(struct case_file, will),
         .width = 60,
         .multiline = true,
         .privacy = PRIVACY_SENSITIVE,
         .help = "Was die Familie will, in ihren eigenen Worten."},
        {.tag = 21,
         .name = "resources",
         .label = "Ressourcen",
         FIELD_TEXT(struct case_file, resources),
         .width = 60,
         .multiline = true,
         .privacy = PRIVACY_SENSITIVE,
         .help = "Was die Familie selbst tun kann."},
        {.tag = 22,
         .name = "alert",
         .label = "§ 8a",
         FIELD_BOOL(struct case_file, alert),
         .width = 4,
         .privacy = PRIVACY_SENSITIVE,
         .help = "ja: gewichtige Anhaltspunkte für eine Gefährdung (§ 8a SGB VIII)"},
        {.tag = 23,
         .name = "alert_since",
         .filled = true,
         .label = "§ 8a seit",
         FIELD_TIME(struct case_file, alert_since),
         .width = 16,
         .privacy = PRIVACY_SENSITIVE},
        {.tag = 26,
         .name = "assessed",
         .filled = true,
         .label = "Zuletzt eingeschätzt",
         FIELD_DATE(struct case_file, assessed),
         .width = 10,
         .privacy = PRIVACY_SENSITIVE,
         .help = "der Tag der letzten Gefährdungseinschätzung (§ 8a)"},
        {.tag = 27,
         .name = "purged",
         .filled = true,
         .label = "Gelöscht am",
         FIELD_DATE(struct case_file, purged),
         .width = 10,
         .help = "nach Ablauf der Aufbewahrungsfrist: Namen, Anschriften und Texte sind "
                 "gelöscht, die Zahlen für Berichte und Budget bleiben"},
};

/* Further reasons are other than the main one and each other; a closed
 * case says when and why. */
bool case_lead_may(const struct config *config, const char *login)
{
	int s = config_find_staff(config, login);

	return s >= 0 && (config->staff[s].role == ROLE_FACHKRAFT ||
	                  config->staff[s].role == ROLE_TEAMLEITUNG);
}

static enum status case_validate(const void *rec, const struct config *config,
                                 struct field_error *err)
{
	const struct case_file *c = rec;

	(void)config;
	if (c->status == CASE_CLOSED && c->alert)
		return record_fail(
		        err, &case_def, "status", STATUS_ERR_INVALID,
		        "das § 8a-Verfahren läuft noch: erst die Gefährdungseinschätzung");
	if (c->reason2 >= 0 && c->reason2 == c->reason)
		return record_fail(err, &case_def, "reason2", STATUS_ERR_INVALID,
		                   "ist schon der Hauptgrund");
	if (c->reason3 >= 0 && (c->reason3 == c->reason || c->reason3 == c->reason2))
		return record_fail(err, &case_def, "reason3", STATUS_ERR_INVALID,
		                   "ist schon genannt");
	if (c->status == CASE_CLOSED && !c->close_reason[0])
		return record_fail(err, &case_def, "close_reason", STATUS_ERR_REQUIRED,
		                   "bitte angeben, wenn der Fall geschlossen wird");
	if (c->closed && c->closed < c->opened)
		return record_fail(err, &case_def, "closed", STATUS_ERR_RANGE,
		                   "liegt vor der Eröffnung");
	return STATUS_OK;
}

void case_number(int year, uint64_t n, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%05llu", year, (unsigned long long)n);
}

/* The team whose districts hold DISTRICT, or -1. */
static int team_of(const struct config *config, int district)
{
	for (size_t t = 0; t < config->nteams; t++)
		for (size_t i = 0; i < config->teams[t].ndistricts; i++)
			if (config->teams[t].districts[i] == district)
				return (int)t;
	return -1;
}

/* Is LOGIN a member of team T? */
static bool team_member(const struct config *config, const char *login, int t)
{
	int s = config_find_staff(config, login);

	return s >= 0 && config->staff[s].team == t;
}

/* What only the writer sets: the number (the year's sequence) and the
 * opening day of a new case, the district and team from the address,
 * the lead (the user who takes the case in, unless another was chosen),
 * the day it closed, and since when a § 8a alert stands.
 *
 * A family that moves to another team's district takes its case along
 * (the save that changes the address moves it, in one transaction): a
 * lead who is not of the new team lets go of it, and it waits among the
 * new team's cases without a lead until its team lead assigns it. One
 * that leaves the city is handed to the office named: closed with the
 * reason Zuständigkeitswechsel (opening it again ends the hand-over). */
static enum status case_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct case_file *c = rec;
	const struct case_file *old = f->stored;
	int32_t today = date_from_time(f->now);
	char why[CONFIG_NAME_SIZE * 4], sequence[32];
	int district, team;
	uint64_t n;
	enum status st;

	if (old) {
		memcpy(c->number, old->number, sizeof(c->number));
		c->opened = old->opened;
	} else {
		snprintf(sequence, sizeof(sequence), "cases-%d", DATE_YEAR(today));
		if ((st = f->next(f->ctx, sequence, &n)) != STATUS_OK)
			return st;
		case_number(DATE_YEAR(today), n, c->number, sizeof(c->number));
		c->opened = today;
		c->status = CASE_OPEN;
	}
	if ((district = config_address_district(f->config, c->address, why, sizeof(why))) < 0)
		return record_fail(err, &case_def, "address", STATUS_ERR_INVALID, why);
	if ((team = team_of(f->config, district)) < 0)
		return record_fail(err, &case_def, "address", STATUS_ERR_INVALID,
		                   "kein Team ist für diesen Sozialraum zuständig");
	text_copy(c->district, sizeof(c->district), f->config->districts[district].id);
	text_copy(c->team, sizeof(c->team), f->config->teams[team].id);
	if (!old && !c->lead[0] && case_lead_may(f->config, f->who->login))
		text_copy(c->lead, sizeof(c->lead), f->who->login); /* else: to be assigned */
	/* a new lead leads cases (one who since changed role keeps what they had) */
	if (c->lead[0] && (!old || strcmp(old->lead, c->lead) != 0) &&
	    !case_lead_may(f->config, c->lead))
		return record_fail(err, &case_def, "lead", STATUS_ERR_INVALID,
		                   "führt keine Fälle (nur Fachkräfte und Teamleitungen)");
	if (old && strcmp(old->team, c->team) != 0 && !team_member(f->config, c->lead, team))
		c->lead[0] = '\0';
	/* a case handed from one caseworker to another says why, anew */
	if (old && old->lead[0] && c->lead[0] && strcmp(old->lead, c->lead) != 0 &&
	    (!c->lead_note[0] || strcmp(old->lead_note, c->lead_note) == 0))
		return record_fail(err, &case_def, "lead_note", STATUS_ERR_REQUIRED,
		                   "bitte angeben, warum die Fallführung wechselt");
	if (c->status == CASE_OPEN && old && old->status == CASE_CLOSED)
		c->handed_to[0] = '\0'; /* opened again: the family came back */
	if (c->handed_to[0]) {          /* handed over to another office: closed for that reason */
		c->status = CASE_CLOSED;
		if (!c->close_reason[0])
			text_copy(c->close_reason, sizeof(c->close_reason), CASE_HANDED_OVER);
	}
	c->closed = c->status == CASE_CLOSED ? (old && old->closed ? old->closed : today) : 0;
	if (c->status == CASE_OPEN)
		c->close_reason[0] = '\0';
	c->alert_since = !c->alert ? 0 : old && old->alert ? old->alert_since : f->now;
	if (!f->settling) /* else: an assessment's, which settles it */
		c->assessed = old ? old->assessed : 0;
	return STATUS_OK;
}

static int key_case_district(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct case_file *)rec)->district);
}

static int key_case_lead(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct case_file *)rec)->lead);
}

static int key_case_number(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct case_file *)rec)->number);
}

/* Only open § 8a alerts have an entry: the dashboards list them at once. */
static int key_case_alert(const void *rec, uint8_t *buf, size_t size)
{
	const struct case_file *c = rec;

	return c->alert && c->status == CASE_OPEN ? index_put_text(buf, size, c->district) : -1;
}

/* Open cases without a lead, by team: what its team lead assigns. */
static int key_case_unassigned(const void *rec, uint8_t *buf, size_t size)
{
	const struct case_file *c = rec;

	return !c->lead[0] && c->status == CASE_OPEN ? index_put_text(buf, size, c->team) : -1;
}

static const struct index_def case_indexes[] = {
        {.name = "words", .kind = INDEX_WORDS, .field = "title"},
        {.name = "district", .kind = INDEX_KEY, .key = key_case_district},
        {.name = "lead", .kind = INDEX_KEY, .key = key_case_lead},
        {.name = "number", .kind = INDEX_KEY, .key = key_case_number},
        {.name = "alert", .kind = INDEX_KEY, .key = key_case_alert, .privacy = PRIVACY_SENSITIVE},
        {.name = "unassigned", .kind = INDEX_KEY, .key = key_case_unassigned},
};

const struct record_def case_def = {
        .kind = 6,
        .version = 3,
        .name = "case",
        .table = "cases",
        .label = "Fall",
        .plural = "Fälle",
        .size = sizeof(struct case_file),
        RECORD_FIELDS(case_fields),
        .validate = case_validate,
        .fill = case_fill,
        .district_field = "district",
        .lead_field = "lead",
        .leaves_scope = true,
        .audited = true,
        .audit_reads = true,
        .purge = PURGE_TEXTS,
        .purged_field = "purged",
        RECORD_INDEXES(case_indexes),
};

/* --- Person --- */

static const struct field_def person_fields[] = {
        {.tag = 2,
         .name = "case_id",
         .label = "Fall",
         FIELD_ID(struct person, case_id),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "role",
         .label = "Rolle",
         FIELD_CHOICE(struct person, role),
         .width = 20,
         .required = true,
         FIELD_CHOICES(person_role_names, person_role_labels)},
        {.tag = 4,
         .name = "name",
         .label = "Name",
         FIELD_TEXT(struct person, name),
         .width = 40,
         .required = true,
         .privacy = PRIVACY_IDENTIFYING,
         .help = "Vor- und Familienname, wie die Person ihn schreibt"},
        {.tag = 5,
         .name = "birth",
         .label = "Geburtsdatum",
         FIELD_DATE(struct person, birth),
         .width = 10,
         .privacy = PRIVACY_IDENTIFYING,
         .day_optional = true,
         .min = 19000100,
         .max = 20991231,
         .help = "Ist nur Monat und Jahr bekannt, genügt MM.JJJJ."},
        {.tag = 6,
         .name = "sex",
         .label = "Geschlecht",
         FIELD_CHOICE(struct person, sex),
         .width = 12,
         .required = true,
         .privacy = PRIVACY_IDENTIFYING,
         FIELD_CHOICES(sex_names, sex_labels)},
        {.tag = 7,
         .name = "address",
         .label = "Anschrift",
         FIELD_TEXT(struct person, address),
         .width = 40,
         .privacy = PRIVACY_IDENTIFYING,
         .help = "leer: die des Falls"},
        {.tag = 8,
         .name = "phone",
         .label = "Telefon",
         FIELD_TEXT(struct person, phone),
         .width = 20,
         .privacy = PRIVACY_IDENTIFYING},
};

/* A birth date lies in the past. */
static enum status person_validate(const void *rec, const struct config *config,
                                   struct field_error *err)
{
	const struct person *p = rec;
	int32_t today = date_today();

	(void)config;
	if (p->birth && today && p->birth > today)
		return record_fail(err, &person_def, "birth", STATUS_ERR_RANGE,
		                   "liegt in der Zukunft");
	return STATUS_OK;
}

int person_duplicate_key(const char *name, int32_t birth, uint8_t *buf, size_t size)
{
	char folded[CASE_TEXT_SIZE * 2];
	int n;

	text_fold(name, folded, sizeof(folded));
	/* "Müller", "Mueller" and "Muller" are one name here: the e that
	 * folding writes after a, o and u goes. */
	for (char *r = folded, *w = folded; (*w = *r) != '\0'; r++)
		if (!(*r == 'e' && w > folded && (w[-1] == 'a' || w[-1] == 'o' || w[-1] == 'u')))
			w++;
	n = birth && folded[0] ? index_put_text(buf, size, folded) : -1;
	if (n < 0 || (size_t)n + 4 > size)
		return -1;
	buf[n] = (uint8_t)((uint32_t)birth >> 24);
	buf[n + 1] = (uint8_t)((uint32_t)birth >> 16);
	buf[n + 2] = (uint8_t)((uint32_t)birth >> 8);
	buf[n + 3] = (uint8_t)birth;
	return n + 4;
}

static int key_person_duplicate(const void *rec, uint8_t *buf, size_t size)
{
	const struct person *p = rec;

	return person_duplicate_key(p->name, p->birth, buf, size);
}

static const struct index_def person_indexes[] = {
        {.name = "words", .kind = INDEX_WORDS, .field = "name"},
        {.name = "same",
         .kind = INDEX_KEY,
         .key = key_person_duplicate,
         .privacy = PRIVACY_IDENTIFYING},
};

const struct record_def person_def = {
        .kind = 7,
        .version = 1,
        .name = "person",
        .table = "persons",
        .label = "Person",
        .plural = "Personen",
        .size = sizeof(struct person),
        RECORD_FIELDS(person_fields),
        .validate = person_validate,
        .parent = &case_def,
        .parent_field = "case_id",
        .purge = PURGE_DELETE,
        .audited = true,
        RECORD_INDEXES(person_indexes),
};

/* --- Verlauf --- */

static const struct field_def journal_fields[] = {
        {.tag = 2,
         .name = "case_id",
         .label = "Fall",
         FIELD_ID(struct journal_entry, case_id),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "date",
         .label = "Datum",
         FIELD_DATE(struct journal_entry, date),
         .width = 10,
         .required = true},
        {.tag = 4,
         .name = "kind",
         .label = "Art",
         FIELD_CHOICE(struct journal_entry, kind),
         .width = 14,
         .required = true,
         FIELD_CHOICES(journal_kind_names, journal_kind_labels)},
        {.tag = 5,
         .name = "author",
         .filled = true,
         .label = "Verfasst von",
         FIELD_REF(struct journal_entry, author),
         .width = 12,
         .source = SOURCE_STAFF,
         .help = "wer den Eintrag speichert"},
        {.tag = 6,
         .name = "corrects",
         .label = "Berichtigt Nr.",
         FIELD_ID(struct journal_entry, corrects),
         .width = 8,
         .help = "die Nummer des Eintrags, den dieser berichtigt (leer: keiner)"},
        {.tag = 7,
         .name = "text",
         .label = "Eintrag",
         FIELD_TEXT(struct journal_entry, text),
         .width = 60,
         .required = true,
         .multiline = true,
         .privacy = PRIVACY_SENSITIVE,
         .help = "Was war, in mehreren Zeilen (Enter öffnet den Editor)."},
};

static enum status journal_validate(const void *rec, const struct config *config,
                                    struct field_error *err)
{
	const struct journal_entry *j = rec;
	int32_t today = date_today();

	(void)config;
	if (today && j->date > today)
		return record_fail(err, &journal_def, "date", STATUS_ERR_RANGE,
		                   "liegt in der Zukunft");
	if (j->corrects && j->corrects == j->head.id)
		return record_fail(err, &journal_def, "corrects", STATUS_ERR_INVALID,
		                   "ein Eintrag berichtigt nicht sich selbst");
	return STATUS_OK;
}

/* The author is who saved it first. */
static enum status journal_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct journal_entry *j = rec;

	(void)err;
	text_copy(j->author, sizeof(j->author),
	          f->stored ? ((const struct journal_entry *)f->stored)->author : f->who->login);
	return STATUS_OK;
}

const struct record_def journal_def = {
        .kind = 8,
        .version = 1,
        .name = "journal_entry",
        .table = "journal",
        .label = "Verlaufseintrag",
        .plural = "Verlauf",
        .size = sizeof(struct journal_entry),
        RECORD_FIELDS(journal_fields),
        .validate = journal_validate,
        .fill = journal_fill,
        .parent = &case_def,
        .parent_field = "case_id",
        .purge = PURGE_DELETE,
        .audited = true,
};

/* --- Wiedervorlage --- */

static const struct field_def follow_up_fields[] = {
        {.tag = 2,
         .name = "case_id",
         .label = "Fall",
         FIELD_ID(struct follow_up, case_id),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "due",
         .label = "Fällig am",
         FIELD_DATE(struct follow_up, due),
         .width = 10,
         .required = true},
        {.tag = 4,
         .name = "text",
         .label = "Worum es geht",
         FIELD_TEXT(struct follow_up, text),
         .width = 60,
         .required = true,
         .privacy = PRIVACY_SENSITIVE},
        {.tag = 5,
         .name = "done",
         .label = "Erledigt",
         FIELD_BOOL(struct follow_up, done),
         .width = 4},
        {.tag = 6,
         .name = "lead",
         .filled = true,
         .label = "Fallführung",
         FIELD_REF(struct follow_up, lead),
         .width = 12,
         .source = SOURCE_STAFF,
         .help = "die des Falls"},
        {.tag = 7,
         .name = "case_number",
         .filled = true,
         .label = "Fall",
         FIELD_TEXT(struct follow_up, case_number),
         .width = 10},
};

/* The lead and the number are the case's. */
static enum status follow_up_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct follow_up *fu = rec;

	(void)err;
	if (f->parent) {
		text_copy(fu->lead, sizeof(fu->lead), ((const struct case_file *)f->parent)->lead);
		text_copy(fu->case_number, sizeof(fu->case_number),
		          ((const struct case_file *)f->parent)->number);
	}
	return STATUS_OK;
}

/* Open follow-ups by lead, then due day: a lead's due ones in one walk. */
static int key_follow_up_due(const void *rec, uint8_t *buf, size_t size)
{
	const struct follow_up *fu = rec;

	return fu->done ? -1 : index_put_text_day(buf, size, fu->lead, fu->due);
}

static const struct index_def follow_up_indexes[] = {
        {.name = "due", .kind = INDEX_KEY, .key = key_follow_up_due},
};

const struct record_def follow_up_def = {
        .kind = 9,
        .version = 1,
        .name = "follow_up",
        .table = "follow_ups",
        .label = "Wiedervorlage",
        .plural = "Wiedervorlagen",
        .size = sizeof(struct follow_up),
        RECORD_FIELDS(follow_up_fields),
        .fill = follow_up_fill,
        RECORD_INDEXES(follow_up_indexes),
        .parent = &case_def,
        .parent_field = "case_id",
        .purge = PURGE_DELETE,
        .audited = true,
};
