/* Hilfe (measure.h): the measure record, its cost and its rules. The
 * approvals and the help plan are approval.c. */
#include <stdio.h>
#include <string.h>

#include "model/date.h"
#include "model/measure.h"
#include "model/money.h"
#include "model/text.h"

static const char *const status_names[] = {"beantragt", "bewilligt", "aenderung",
                                           "abgelehnt", "beendet",   NULL};
static const char *const status_labels[] = {"beantragt", "bewilligt", "Änderung beantragt",
                                            "abgelehnt", "beendet",   NULL};

/* Ort der Durchführung, Aufenthaltsort, Träger, Beendigung, nachfolgende
 * Hilfe: the codes of the federal statistics (domain.md). */
static const char *const place_names[] = {"01", "02", "03", "04", "05", "06", "07",
                                          "08", "09", "10", "11", "12", NULL};
static const char *const place_labels[] = {"Wohnung der Herkunftsfamilie",
                                           "Verwandtenfamilie",
                                           "nicht verwandte Familie",
                                           "Kindertagesbetreuung",
                                           "Schule",
                                           "Räume eines Dienstes/Beratungsstelle",
                                           "Einrichtung über Tag",
                                           "Mehrgruppen-Einrichtung Tag und Nacht",
                                           "Eingruppen-Einrichtung Tag und Nacht",
                                           "Wohnung des jungen Menschen",
                                           "außerhalb Deutschlands",
                                           "sonstiger Ort",
                                           NULL};
static const char *const lived_names[] = {"01", "02", "03", "04", "05", "06",
                                          "07", "08", "09", "10", "11", NULL};
static const char *const lived_labels[] = {"bei den Eltern/einem Elternteil",
                                           "Verwandtenfamilie",
                                           "nicht verwandte Familie",
                                           "eigene Wohnung",
                                           "Pflegefamilie",
                                           "Heim/betreute Wohnform",
                                           "Psychiatrie",
                                           "sozialpäd. betreute Einrichtung",
                                           "sonstiger Aufenthalt",
                                           "ohne festen Aufenthalt",
                                           "unbekannt",
                                           NULL};
static const char *const provider_kind_names[] = {"10", "21", "22", "23", "24", "25", "26",
                                                  "27", "28", "29", "30", "40", NULL};
static const char *const provider_kind_labels[] = {"öffentlicher Träger",
                                                   "AWO",
                                                   "Paritätischer",
                                                   "DRK",
                                                   "Diakonie",
                                                   "Caritas",
                                                   "ZWST",
                                                   "sonstige Religionsgemeinschaft",
                                                   "sonstiger anerkannter Träger",
                                                   "sonstige juristische Person",
                                                   "privat-gewerblich",
                                                   "Pflegefamilie",
                                                   NULL};
static const char *const end_reason_names[] = {"10", "20", "21", "22", "30", "40", "50", NULL};
static const char *const end_reason_labels[] = {"gemäß Hilfeplan",
                                                "abweichend durch Sorgeberechtigte",
                                                "abweichend durch Einrichtung/Dienst",
                                                "abweichend durch den Minderjährigen",
                                                "Adoption",
                                                "Abgabe an anderes Jugendamt",
                                                "sonstige Gründe",
                                                NULL};
static const char *const following_names[] = {"1", "2", "3", "4", "5", "6", NULL};
static const char *const following_labels[] = {"Fortführung nach Zuständigkeitswechsel",
                                               "Weiterverweisung",
                                               "Beratung nach § 16",
                                               "HzE §§ 27-35, 41",
                                               "§ 35a",
                                               "keine bekannt",
                                               NULL};

#define MEASURE_FILLED(tag_, name_, label_, type, member, width_)                          \
	{                                                                                  \
		.tag = tag_, .name = name_, .label = label_, type(struct measure, member), \
		.width = width_, .filled = true                                            \
	}
#define MEASURE_REF(tag_, name_, label_, member, width_, source_)                               \
	{                                                                                       \
		.tag = tag_, .name = name_, .label = label_, FIELD_REF(struct measure, member), \
		.width = width_, .filled = true, .source = source_,                             \
		.privacy = source_ == SOURCE_STAFF ? PRIVACY_IDENTIFYING : PRIVACY_PLAIN        \
	}
#define MEASURE_STAT(tag_, name_, label_, member, names, labels, help_)                            \
	{                                                                                          \
		.tag = tag_, .name = name_, .label = label_, FIELD_CHOICE(struct measure, member), \
		.width = 30, .privacy = PRIVACY_SENSITIVE, FIELD_CHOICES(names, labels),           \
		.help = help_                                                                      \
	}
#define MEASURE_YES(tag_, name_, label_, member, help_)                                          \
	{                                                                                        \
		.tag = tag_, .name = name_, .label = label_, FIELD_BOOL(struct measure, member), \
		.width = 4, .privacy = PRIVACY_SENSITIVE, .help = help_                          \
	}

static const struct field_def measure_fields[] = {
        {.tag = 2,
         .name = "case_id",
         .label = "Fall-Id",
         FIELD_ID(struct measure, case_id),
         .width = 8,
         .required = true},
        /* the office's file number and its staff's logins are not the
         * provider's to see */
        {.tag = 3,
         .name = "case_number",
         .label = "Fall",
         FIELD_TEXT(struct measure, case_number),
         .width = 10,
         .filled = true,
         .privacy = PRIVACY_IDENTIFYING},
        MEASURE_REF(4, "district", "Sozialraum", district, 6, SOURCE_DISTRICTS),
        MEASURE_REF(5, "team", "Team", team, 8, SOURCE_TEAMS),
        MEASURE_REF(6, "lead", "Fallführung", lead, 12, SOURCE_STAFF),
        {.tag = 7,
         .name = "recipient",
         .label = "Junger Mensch",
         FIELD_TEXT(struct measure, recipient),
         .width = 20,
         .required = true,
         .help = "Vorname und Initial (\"Lena M.\"): mehr sieht der Träger nicht"},
        {.tag = 8,
         .name = "birth_year",
         .label = "Geburtsjahr",
         FIELD_INT(struct measure, birth_year),
         .width = 4,
         .required = true,
         .min = 1990,
         .max = 2100},
        {.tag = 9,
         .name = "service",
         .label = "Leistung",
         FIELD_REF(struct measure, service),
         .width = 10,
         .required = true,
         .source = SOURCE_SERVICES,
         .help = "aus dem Leistungskatalog; sie bestimmt das Kostenmodell und den Satz"},
        {.tag = 10,
         .name = "provider",
         .label = "Träger",
         FIELD_REF(struct measure, provider),
         .width = 8,
         .source = SOURCE_PROVIDERS,
         .help = "leer: das Amt selbst"},
        {.tag = 11,
         .name = "start",
         .label = "Beginn",
         FIELD_DATE(struct measure, start),
         .width = 10,
         .required = true},
        {.tag = 12,
         .name = "end",
         .label = "Ende",
         FIELD_DATE(struct measure, end),
         .width = 10,
         .required = true,
         .help = "das geplante Ende; Verlängerung: ein späteres (wird neu bewilligt)"},
        {.tag = 13,
         .name = "rate",
         .label = "Satz",
         FIELD_MONEY(struct measure, rate),
         .width = 12,
         .min = 1,
         .max = 100000000,
         .help = "je Monat, Tag oder Fachleistungsstunde; leer: der Satz der Leistung"},
        {.tag = 14,
         .name = "hours",
         .label = "Stunden/Woche",
         FIELD_INT(struct measure, hours),
         .hundredths = true,
         .width = 6,
         .min = 0,
         .max = 6000,
         .help = "Fachleistungsstunden je Woche (nur stündlich), z.B. 6 oder 2,5"},
        {.tag = 15,
         .name = "change_from",
         .label = "Änderung ab",
         FIELD_DATE(struct measure, change_from),
         .width = 10,
         .help = "ab wann ein neuer Satz oder neue Stunden gelten (wird neu bewilligt)"},
        {.tag = 16,
         .name = "cost_model",
         .label = "Kostenmodell",
         FIELD_CHOICE(struct measure, cost_model),
         .width = 10,
         .filled = true,
         FIELD_CHOICES(cost_model_names, cost_model_labels)},
        MEASURE_FILLED(17, "cost_month", "Kosten je Monat", FIELD_MONEY, cost_month, 14),
        MEASURE_FILLED(18, "cost_total", "Kosten gesamt", FIELD_MONEY, cost_total, 14),
        MEASURE_FILLED(19, "cost_year", "davon lfd. Jahr", FIELD_MONEY, cost_year, 14),
        {.tag = 20,
         .name = "status",
         .label = "Status",
         FIELD_CHOICE(struct measure, status),
         .width = 18,
         .filled = true,
         FIELD_CHOICES(status_names, status_labels)},
        MEASURE_REF(21, "proposed_by", "Vorgeschlagen von", proposed_by, 12, SOURCE_STAFF),
        MEASURE_FILLED(22, "approved_to", "Bewilligt bis", FIELD_DATE, approved_to, 10),
        MEASURE_FILLED(23, "approved_rate", "Bewilligter Satz", FIELD_MONEY, approved_rate, 12),
        {.tag = 24,
         .name = "approved_hours",
         .label = "Bewilligte Std.",
         FIELD_INT(struct measure, approved_hours),
         .hundredths = true,
         .width = 6,
         .filled = true},
        MEASURE_REF(25, "decided_by", "Entschieden von", decided_by, 12, SOURCE_STAFF),
        {.tag = 26,
         .name = "reject_reason",
         .label = "Abgelehnt, weil",
         FIELD_TEXT(struct measure, reject_reason),
         .width = 40,
         .filled = true,
         .privacy = PRIVACY_SENSITIVE},
        MEASURE_FILLED(27, "next_review", "Nächste Überprüfung", FIELD_DATE, next_review, 10),
        MEASURE_STAT(28, "initiator", "Anregung durch", initiator, case_initiator_names,
                     case_initiator_labels, "Anregende Institution/Person (Bundesstatistik)"),
        MEASURE_STAT(29, "reason", "Hauptgrund", reason, case_reason_names, case_reason_labels,
                     "aus dem Fall übernommen, hier änderbar"),
        MEASURE_STAT(30, "reason2", "Weiterer Grund", reason2, case_reason_names,
                     case_reason_labels, NULL),
        MEASURE_STAT(31, "reason3", "Dritter Grund", reason3, case_reason_names, case_reason_labels,
                     NULL),
        MEASURE_STAT(32, "preceded_8a", "§ 8a vorausgegangen", preceded_8a, case_yes_no_names,
                     case_yes_no_names, "ging eine Gefährdungseinschätzung voraus?"),
        MEASURE_YES(33, "court_1666", "§ 1666 BGB", court_1666,
                    "familiengerichtliche Entscheidung nach § 1666 BGB zu Beginn"),
        MEASURE_YES(34, "court_1631b", "§ 1631b BGB", court_1631b,
                    "familiengerichtliche Entscheidung nach § 1631b BGB zu Beginn"),
        MEASURE_YES(35, "after_custody", "nach Inobhutnahme", after_custody,
                    "die Hilfe folgt einer Inobhutnahme (§ 42)"),
        MEASURE_STAT(36, "place", "Durchführungsort", place, place_names, place_labels,
                     "Ort der Durchführung (Bundesstatistik)"),
        MEASURE_STAT(37, "lived_before", "Aufenthalt vorher", lived_before, lived_names,
                     lived_labels, "wo der junge Mensch vor der Hilfe lebte"),
        {.tag = 38,
         .name = "provider_kind",
         .label = "Art des Trägers",
         FIELD_CHOICE(struct measure, provider_kind),
         .width = 30,
         FIELD_CHOICES(provider_kind_names, provider_kind_labels)},
        {.tag = 39,
         .name = "ended",
         .label = "Beendet am",
         FIELD_DATE(struct measure, ended),
         .width = 10,
         .help = "beendet die Hilfe: was danach bewilligt war, wird frei"},
        MEASURE_STAT(40, "end_reason", "Beendigungsgrund", end_reason, end_reason_names,
                     end_reason_labels, "Grund für die Beendigung (Bundesstatistik)"),
        MEASURE_STAT(41, "lived_after", "Aufenthalt danach", lived_after, lived_names, lived_labels,
                     NULL),
        MEASURE_STAT(42, "following_help", "Nachfolgende Hilfe", following_help, following_names,
                     following_labels, NULL),
};

bool measure_pending(const struct measure *m)
{
	return m->status == MEASURE_PROPOSED || m->status == MEASURE_CHANGE;
}

/* The proposal as a segment: the whole period, or for a change of an
 * approved measure from the day it applies. */
static struct cost_segment proposal(const struct measure *m)
{
	bool change = m->approved_to && m->change_from;

	return (struct cost_segment){.from = change ? m->change_from : m->start,
	                             .to = m->end,
	                             .rate = m->rate,
	                             .hours = (int32_t)m->hours};
}

/* The cost of the proposal: an average month (a year's twelfth), the
 * whole period and the part in the current year. */
static void measure_derive(void *rec, const struct config *config)
{
	struct measure *m = rec;
	int s = config ? config_find_service(config, m->service) : -1;
	struct cost_segment seg;
	int32_t today = date_today();

	m->cost_month = m->cost_total = m->cost_year = 0;
	if (s < 0)
		return;
	m->cost_model = config->services[s].cost_model;
	if (!m->rate)
		m->rate = config->services[s].rate;
	if (m->cost_model != COST_HOURLY)
		m->hours = 0;
	seg = proposal(m);
	if (!seg.from || !seg.to || seg.to < seg.from)
		return;
	switch (m->cost_model) {
	case COST_MONTHLY:
		m->cost_month = m->rate;
		break;
	case COST_DAILY:
		m->cost_month = money_mul_div(m->rate, 365, 12);
		break;
	case COST_HOURLY:
		m->cost_month = money_mul_div(m->rate * m->hours, 365, 7 * 12 * 100);
		break;
	default:
		break;
	}
	m->cost_total = cost_total(m->cost_model, &seg, 1);
	m->cost_year = today ? cost_in_year(m->cost_model, &seg, 1, DATE_YEAR(today)) : 0;
}

int64_t measure_limit_amount(const struct measure *m, const struct config *config, int32_t day)
{
	struct cost_segment seg = proposal(m);
	int year = DATE_YEAR(day) > DATE_YEAR(seg.from) ? DATE_YEAR(day) : DATE_YEAR(seg.from);

	if (config->approval_counts == APPROVAL_COUNTS_PERIOD)
		return cost_total(m->cost_model, &seg, 1);
	return cost_in_year(m->cost_model, &seg, 1, year);
}

bool measure_may_decide(const struct measure *m, const struct config *config,
                        const struct cfg_staff *who, int32_t today, char *why, size_t size)
{
	char limit[MONEY_BUFSIZE];

	if (!measure_pending(m))
		snprintf(why, size, "es wartet nichts auf eine Entscheidung");
	else if (strcmp(who->login, m->proposed_by) == 0)
		snprintf(why, size, "niemand entscheidet über den eigenen Vorschlag");
	else if (who->role == ROLE_AMTSLEITUNG)
		return true;
	else if (who->role != ROLE_TEAMLEITUNG)
		snprintf(why, size, "entscheiden nur Teamleitung und Amtsleitung");
	else if (measure_limit_amount(m, config, today) > config->team_approval_limit) {
		money_format(config->team_approval_limit, limit, sizeof(limit));
		snprintf(why, size, "über der Grenze des Teams (%s): entscheidet die Amtsleitung",
		         limit);
	} else
		return true;
	return false;
}

/* The period's days and rate within bounds; hours for an hourly service
 * only; a change from a day within the period; an end with its reasons. */
static enum status measure_validate(const void *rec, const struct config *config,
                                    struct field_error *err)
{
	const struct measure *m = rec;
	int s = config ? config_find_service(config, m->service) : -1;

	if (m->end < m->start)
		return record_fail(err, &measure_def, "end", STATUS_ERR_RANGE,
		                   "liegt vor dem Beginn");
	if (s >= 0 && config->services[s].cost_model == COST_HOURLY && m->hours <= 0)
		return record_fail(err, &measure_def, "hours", STATUS_ERR_REQUIRED,
		                   "wie viele Stunden je Woche?");
	if (s >= 0 && config->services[s].cost_model != COST_HOURLY && m->hours)
		return record_fail(err, &measure_def, "hours", STATUS_ERR_INVALID,
		                   "nur bei einer Leistung nach Fachleistungsstunden");
	if (m->change_from && (m->change_from < m->start || m->change_from > m->end))
		return record_fail(err, &measure_def, "change_from", STATUS_ERR_RANGE,
		                   "muss im Zeitraum der Hilfe liegen");
	if (m->ended && m->ended < m->start)
		return record_fail(err, &measure_def, "ended", STATUS_ERR_RANGE,
		                   "liegt vor dem Beginn");
	if (m->ended && m->end_reason < 0)
		return record_fail(err, &measure_def, "end_reason", STATUS_ERR_REQUIRED,
		                   "bitte den Grund der Beendigung angeben");
	if (m->ended && m->lived_after < 0)
		return record_fail(err, &measure_def, "lived_after", STATUS_ERR_REQUIRED,
		                   "wo lebt der junge Mensch nun?");
	if (m->ended && m->following_help < 0)
		return record_fail(err, &measure_def, "following_help", STATUS_ERR_REQUIRED,
		                   "welche Hilfe folgt (oder keine bekannt)?");
	return STATUS_OK;
}

/* What a change of an approved measure asks: a new end alone applies
 * from the day after the approved end (or, shortened, from the new end);
 * a new rate or new hours from the day the user says. */
static enum status change_of_approved(struct measure *m, const struct measure *old,
                                      struct field_error *err)
{
	bool priced = m->rate != old->approved_rate || m->hours != old->approved_hours;

	if (m->start != old->start)
		return record_fail(err, &measure_def, "start", STATUS_ERR_INVALID,
		                   "der Beginn einer bewilligten Hilfe bleibt");
	if (!priced && m->end == old->approved_to) { /* nothing to decide */
		m->change_from = 0;
		m->status = MEASURE_APPROVED;
		return STATUS_OK;
	}
	if (priced && !m->change_from)
		return record_fail(err, &measure_def, "change_from", STATUS_ERR_REQUIRED,
		                   "ab wann gilt der neue Satz?");
	if (!priced)
		m->change_from = m->end > old->approved_to
		                         ? date_from_days(date_to_days(old->approved_to) + 1)
		                         : m->end;
	m->status = MEASURE_CHANGE;
	return STATUS_OK;
}

/* The case's district, team, lead and number; the status from what
 * changed (a new proposal, a change of an approved one, the end); what
 * only decisions set kept as stored. A decision's own save (settling)
 * keeps what the decision set. */
static enum status measure_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct measure *m = rec;
	const struct measure *old = f->stored;
	const struct case_file *c = f->parent;
	bool proposal_changed;

	if (!c)
		return record_fail(err, &measure_def, "case_id", STATUS_ERR_NOT_FOUND,
		                   "diesen Fall gibt es nicht");
	if (f->settling)
		return STATUS_OK;
	/* the case's as it was proposed: the district's budget pays it */
	text_copy(m->case_number, sizeof(m->case_number), old ? old->case_number : c->number);
	text_copy(m->district, sizeof(m->district), old ? old->district : c->district);
	text_copy(m->team, sizeof(m->team), old ? old->team : c->team);
	text_copy(m->lead, sizeof(m->lead), old ? old->lead : c->lead);
	if (!old) {
		if (c->status != CASE_OPEN)
			return record_fail(err, &measure_def, "case_id", STATUS_ERR_INVALID,
			                   "der Fall ist geschlossen");
		m->status = m->ended ? MEASURE_ENDED : MEASURE_PROPOSED;
		text_copy(m->proposed_by, sizeof(m->proposed_by), f->who->login);
		m->approved_to = 0;
		m->approved_rate = m->approved_hours = 0;
		m->decided_by[0] = m->reject_reason[0] = '\0';
		m->next_review = 0;
		m->change_from = 0;
		return STATUS_OK;
	}
	m->status = old->status;
	text_copy(m->proposed_by, sizeof(m->proposed_by), old->proposed_by);
	m->approved_to = old->approved_to;
	m->approved_rate = old->approved_rate;
	m->approved_hours = old->approved_hours;
	text_copy(m->decided_by, sizeof(m->decided_by), old->decided_by);
	text_copy(m->reject_reason, sizeof(m->reject_reason), old->reject_reason);
	m->next_review = old->next_review;
	if (old->status == MEASURE_ENDED) {
		if (!m->ended)
			return record_fail(err, &measure_def, "ended", STATUS_ERR_INVALID,
			                   "eine beendete Hilfe beginnt nicht wieder: bitte neu "
			                   "vorschlagen");
		m->start = old->start, m->end = old->end, m->rate = old->rate;
		m->hours = old->hours, m->change_from = old->change_from;
		return STATUS_OK;
	}
	if (m->ended) { /* ended as it stands: a change not yet decided falls */
		m->start = old->start, m->end = old->approved_to ? old->approved_to : old->end;
		m->rate = old->approved_to ? old->approved_rate : old->rate;
		m->hours = old->approved_to ? old->approved_hours : old->hours;
		m->change_from = 0;
		m->status = MEASURE_ENDED;
		return STATUS_OK;
	}
	if (old->approved_to) {
		if (change_of_approved(m, old, err) != STATUS_OK)
			return err->status;
	} else {
		proposal_changed = m->start != old->start || m->end != old->end ||
		                   m->rate != old->rate || m->hours != old->hours ||
		                   strcmp(m->service, old->service) != 0;
		m->change_from = 0;
		if (proposal_changed) /* a rejected one too: proposed anew */
			m->status = MEASURE_PROPOSED;
	}
	/* who changed a proposal proposes it: they decide it no more */
	if (measure_pending(m) &&
	    (m->status != old->status || m->start != old->start || m->end != old->end ||
	     m->rate != old->rate || m->hours != old->hours || m->change_from != old->change_from))
		text_copy(m->proposed_by, sizeof(m->proposed_by), f->who->login);
	if (old->approved_to && strcmp(m->service, old->service) != 0)
		return record_fail(err, &measure_def, "service", STATUS_ERR_INVALID,
		                   "eine andere Leistung ist eine neue Hilfe: diese beenden");
	return STATUS_OK;
}

/* Waiting for a decision, by team: what its team lead and the head of
 * office decide. */
static int key_measure_pending(const void *rec, uint8_t *buf, size_t size)
{
	const struct measure *m = rec;

	return measure_pending(m) ? index_put_text(buf, size, m->team) : -1;
}

static bool running(const struct measure *m)
{
	return m->approved_to && m->status != MEASURE_ENDED && m->next_review;
}

/* Running ones by lead, then the plan's next review: a lead's reviews due
 * in one walk; and the same by provider, for the provider's staff. */
static int key_measure_review(const void *rec, uint8_t *buf, size_t size)
{
	const struct measure *m = rec;

	return running(m) ? index_put_text_day(buf, size, m->lead, m->next_review) : -1;
}

static int key_measure_provider_review(const void *rec, uint8_t *buf, size_t size)
{
	const struct measure *m = rec;

	return running(m) && m->provider[0]
	               ? index_put_text_day(buf, size, m->provider, m->next_review)
	               : -1;
}

static int key_measure_district(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct measure *)rec)->district);
}

static int key_measure_provider(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct measure *)rec)->provider);
}

static const struct index_def measure_indexes[] = {
        {.name = "pending", .kind = INDEX_KEY, .key = key_measure_pending},
        {.name = "review", .kind = INDEX_KEY, .key = key_measure_review},
        {.name = "provider_review", .kind = INDEX_KEY, .key = key_measure_provider_review},
        {.name = "district", .kind = INDEX_KEY, .key = key_measure_district},
        {.name = "provider", .kind = INDEX_KEY, .key = key_measure_provider},
};

const struct record_def measure_def = {
        .kind = 12,
        .version = 1,
        .name = "measure",
        .table = "measures",
        .label = "Hilfe",
        .plural = "Hilfen",
        .size = sizeof(struct measure),
        RECORD_FIELDS(measure_fields),
        .validate = measure_validate,
        .derive = measure_derive,
        .fill = measure_fill,
        RECORD_INDEXES(measure_indexes),
        .parent = &case_def,
        .parent_field = "case_id",
        .district_field = "district",
        .provider_field = "provider",
        .lead_field = "lead",
        .own_scope = true,
        .purge = PURGE_TEXTS,
        .audited = true,
};

int32_t measure_help_end(const struct measure *m)
{
	return m->ended ? m->ended : m->approved_to;
}

bool measure_runs_at_year_end(const struct measure *m, int year)
{
	return m->start <= DATE_MAKE(year, 12, 31) && measure_help_end(m) > DATE_MAKE(year, 12, 31);
}

bool measure_ended_in(const struct measure *m, int year)
{
	int32_t end = measure_help_end(m);

	return DATE_YEAR(end) == year && m->start <= end;
}
