/* Bewilligung and Hilfeplan (measure.h): the decisions on a measure, the
 * segments they commit, and the plan with its reviews. */
#include <stdio.h>
#include <string.h>

#include "model/date.h"
#include "model/measure.h"
#include "model/text.h"

static const char *const decision_names[] = {"bewilligt", "abgelehnt", NULL};

static const struct field_def approval_fields[] = {
        {.tag = 2,
         .name = "measure_id",
         .label = "Hilfe",
         FIELD_ID(struct approval, measure_id),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "measure_version",
         .label = "Fassung",
         FIELD_INT(struct approval, measure_version),
         .width = 4,
         .filled = true},
        {.tag = 4,
         .name = "decision",
         .label = "Entscheidung",
         FIELD_CHOICE(struct approval, decision),
         .width = 10,
         .required = true,
         FIELD_CHOICES(decision_names, decision_names)},
        {.tag = 5,
         .name = "reason",
         .label = "Begründung",
         FIELD_TEXT(struct approval, reason),
         .width = 50,
         .privacy = PRIVACY_SENSITIVE,
         .help = "bei einer Ablehnung: warum (die Fachkraft liest es an der Hilfe)"},
        {.tag = 6,
         .name = "from",
         .label = "Von",
         FIELD_DATE(struct approval, from),
         .width = 10,
         .filled = true},
        {.tag = 7,
         .name = "to",
         .label = "Bis",
         FIELD_DATE(struct approval, to),
         .width = 10,
         .filled = true},
        {.tag = 8,
         .name = "rate",
         .label = "Satz",
         FIELD_MONEY(struct approval, rate),
         .width = 12,
         .filled = true},
        {.tag = 9,
         .name = "hours",
         .label = "Std./Woche",
         FIELD_INT(struct approval, hours),
         .hundredths = true,
         .width = 6,
         .filled = true},
        {.tag = 10,
         .name = "amount",
         .label = "Betrag (Grenze)",
         FIELD_MONEY(struct approval, amount),
         .width = 14,
         .filled = true,
         .help = "was die Grenze der Teamleitung zählt"},
        {.tag = 11,
         .name = "proposed_by",
         .label = "Vorgeschlagen von",
         FIELD_REF(struct approval, proposed_by),
         .width = 12,
         .filled = true,
         .source = SOURCE_STAFF},
        {.tag = 12,
         .name = "decided_by",
         .label = "Entschieden von",
         FIELD_REF(struct approval, decided_by),
         .width = 12,
         .filled = true,
         .source = SOURCE_STAFF},
        {.tag = 13,
         .name = "decided_at",
         .label = "Am",
         FIELD_TIME(struct approval, decided_at),
         .width = 16,
         .filled = true},
};

/* The decision is on the version the decider saw, while it waits (the
 * writer's check: a decision stored stays valid after it settled). */
static enum status approval_with_measure(const void *rec, const void *parent,
                                         struct field_error *err)
{
	const struct approval *a = rec;
	const struct measure *m = parent;

	if (!measure_pending(m))
		return record_fail(err, &approval_def, "decision", STATUS_ERR_CONFLICT,
		                   "schon entschieden: es wartet nichts mehr");
	if (a->measure_version && (uint64_t)a->measure_version != m->head.version)
		return record_fail(err, &approval_def, "decision", STATUS_ERR_CONFLICT,
		                   "die Hilfe wurde inzwischen geändert: bitte neu ansehen");
	return STATUS_OK;
}

static enum status approval_validate(const void *rec, const struct config *config,
                                     struct field_error *err)
{
	const struct approval *a = rec;

	(void)config;
	if (a->decision == DECISION_REJECTED && !a->reason[0])
		return record_fail(err, &approval_def, "reason", STATUS_ERR_REQUIRED,
		                   "bitte sagen, warum abgelehnt wird");
	return STATUS_OK;
}

/* The proposal decided, copied from the measure; who decides may (a
 * decision is never changed: a new proposal is decided anew). */
static enum status approval_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct approval *a = rec;
	const struct measure *m = f->parent;
	int32_t today = date_from_time(f->now);
	char why[160];
	enum status st;

	if (f->stored) { /* as decided (nobody may change one: the rights table) */
		memcpy(a, f->stored, sizeof(*a));
		return STATUS_OK;
	}
	if (!m)
		return record_fail(err, &approval_def, "measure_id", STATUS_ERR_NOT_FOUND,
		                   "diese Hilfe gibt es nicht");
	if ((st = approval_with_measure(a, m, err)) != STATUS_OK)
		return st;
	if (!measure_may_decide(m, f->config, f->who, today, why, sizeof(why)))
		return record_fail(err, &approval_def, "decision", STATUS_ERR_DENIED, why);
	a->measure_version = m->head.version;
	a->from = m->approved_to && m->change_from ? m->change_from : m->start;
	a->to = m->end;
	a->rate = m->rate;
	a->hours = m->hours;
	a->amount = measure_limit_amount(m, f->config, today);
	text_copy(a->proposed_by, sizeof(a->proposed_by), m->proposed_by);
	text_copy(a->decided_by, sizeof(a->decided_by), f->who->login);
	a->decided_at = f->now;
	return STATUS_OK;
}

/* Granted: the proposal is the approved version. Rejected: a first
 * proposal is rejected, a change falls back to what was approved. */
static bool approval_settle(void *parent, const void *rec)
{
	struct measure *m = parent;
	const struct approval *a = rec;

	text_copy(m->decided_by, sizeof(m->decided_by), a->decided_by);
	if (a->decision == DECISION_GRANTED) {
		m->approved_to = a->to;
		m->approved_rate = a->rate;
		m->approved_hours = a->hours;
		m->status = MEASURE_APPROVED;
		m->reject_reason[0] = '\0';
	} else {
		text_copy(m->reject_reason, sizeof(m->reject_reason), a->reason);
		m->status = m->approved_to ? MEASURE_APPROVED : MEASURE_REJECTED;
		if (m->approved_to) {
			m->end = m->approved_to;
			m->rate = m->approved_rate;
			m->hours = m->approved_hours;
		}
	}
	m->change_from = 0;
	return true;
}

const struct record_def approval_def = {
        .kind = 13,
        .version = 1,
        .name = "approval",
        .table = "approvals",
        .label = "Entscheidung",
        .plural = "Bewilligungen",
        .size = sizeof(struct approval),
        RECORD_FIELDS(approval_fields),
        .validate = approval_validate,
        .fill = approval_fill,
        .settle_parent = approval_settle,
        .parent = &measure_def,
        .parent_field = "measure_id",
        .purge = PURGE_TEXTS,
        .audited = true,
};

size_t measure_segments(const struct measure *m, const struct approval *a, size_t n,
                        struct cost_segment *out, size_t max)
{
	int32_t last = m->approved_to;
	size_t k = 0;

	if (m->ended && (m->ended < last || !last))
		last = m->ended;
	for (size_t i = 0; i < n; i++) {
		struct cost_segment seg = {a[i].from, a[i].to, a[i].rate, (int32_t)a[i].hours};
		size_t kept = 0;

		if (a[i].decision != DECISION_GRANTED)
			continue;
		/* earlier segments end the day before this one begins */
		for (size_t j = 0; j < k; j++) {
			if (out[j].from >= seg.from)
				continue;
			if (out[j].to >= seg.from)
				out[j].to = date_from_days(date_to_days(seg.from) - 1);
			out[kept++] = out[j];
		}
		k = kept;
		if (k < max)
			out[k++] = seg;
	}
	for (size_t j = 0; j < k; j++)
		if (out[j].to > last)
			out[j].to = last;
	while (k > 0 && out[k - 1].from > last) /* ended before it began */
		k--;
	return k;
}

/* --- the help plan --- */

static const char *const plan_kind_names[] = {"hilfeplan", "ueberpruefung", NULL};
static const char *const plan_kind_labels[] = {"Hilfeplan", "Überprüfung", NULL};

/* The plan's goals and tasks are what the provider works on with the
 * family: they carry no names (the help says so), so the provider's
 * staff read them; who was present names people. */
static const struct field_def plan_fields[] = {
        {.tag = 2,
         .name = "measure_id",
         .label = "Hilfe",
         FIELD_ID(struct plan_entry, measure_id),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "kind",
         .label = "Art",
         FIELD_CHOICE(struct plan_entry, kind),
         .width = 12,
         .required = true,
         FIELD_CHOICES(plan_kind_names, plan_kind_labels)},
        {.tag = 4,
         .name = "date",
         .label = "Vereinbart am",
         FIELD_DATE(struct plan_entry, date),
         .width = 10,
         .required = true},
        {.tag = 5,
         .name = "present",
         .label = "Anwesend",
         FIELD_TEXT(struct plan_entry, present),
         .width = 50,
         .required = true,
         .privacy = PRIVACY_IDENTIFYING,
         .help = "wer am Gespräch teilnahm"},
        {.tag = 6,
         .name = "goals",
         .label = "Ziele",
         FIELD_TEXT(struct plan_entry, goals),
         .width = 60,
         .multiline = true,
         .help = "in den Worten der Familie, ohne Namen (Enter öffnet den Editor)"},
        {.tag = 7,
         .name = "tasks",
         .label = "Wer tut was",
         FIELD_TEXT(struct plan_entry, tasks),
         .width = 60,
         .multiline = true,
         .help = "Familie, Träger, Jugendamt: wer tut was bis wann, ohne Namen"},
        {.tag = 8,
         .name = "reached",
         .label = "Erreicht",
         FIELD_TEXT(struct plan_entry, reached),
         .width = 60,
         .multiline = true,
         .help = "bei der Überprüfung: was erreicht wurde und was nicht"},
        {.tag = 9,
         .name = "next_review",
         .label = "Nächste Überprüfung",
         FIELD_DATE(struct plan_entry, next_review),
         .width = 10,
         .help = "leer: nach der eingestellten Zahl von Monaten"},
        {.tag = 10,
         .name = "author",
         .label = "Erfasst von",
         FIELD_REF(struct plan_entry, author),
         .width = 12,
         .filled = true,
         .source = SOURCE_STAFF,
         .privacy = PRIVACY_IDENTIFYING},
};

static enum status plan_validate(const void *rec, const struct config *config,
                                 struct field_error *err)
{
	const struct plan_entry *p = rec;
	int32_t today = date_today();

	(void)config;
	if (today && p->date > today)
		return record_fail(err, &plan_def, "date", STATUS_ERR_RANGE,
		                   "liegt in der Zukunft");
	if (p->next_review && p->next_review <= p->date)
		return record_fail(err, &plan_def, "next_review", STATUS_ERR_RANGE,
		                   "muss nach dem Gespräch liegen");
	if (p->kind == PLAN_AGREED && !p->goals[0])
		return record_fail(err, &plan_def, "goals", STATUS_ERR_REQUIRED,
		                   "ein Hilfeplan nennt seine Ziele");
	if (p->kind == PLAN_REVIEW && !p->reached[0])
		return record_fail(err, &plan_def, "reached", STATUS_ERR_REQUIRED,
		                   "was wurde erreicht?");
	return STATUS_OK;
}

/* The author; the next review by the configured rule; the provider's
 * staff record reviews only. */
static enum status plan_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct plan_entry *p = rec;
	const struct plan_entry *old = f->stored;
	const struct measure *m = f->parent;

	if (!m)
		return record_fail(err, &plan_def, "measure_id", STATUS_ERR_NOT_FOUND,
		                   "diese Hilfe gibt es nicht");
	if (f->who->role == ROLE_TRAEGER && p->kind != PLAN_REVIEW)
		return record_fail(err, &plan_def, "kind", STATUS_ERR_DENIED,
		                   "der Träger hält Überprüfungen fest, den Hilfeplan das Amt");
	text_copy(p->author, sizeof(p->author), old ? old->author : f->who->login);
	if (!p->next_review && p->date)
		p->next_review = date_add_months(p->date, f->config->followup.plan_review_months);
	return STATUS_OK;
}

/* The measure's next review is the latest entry's. */
static bool plan_settle(void *parent, const void *rec)
{
	struct measure *m = parent;
	const struct plan_entry *p = rec;

	if (m->next_review == p->next_review)
		return false;
	m->next_review = p->next_review;
	return true;
}

const struct record_def plan_def = {
        .kind = 14,
        .version = 1,
        .name = "plan",
        .table = "plans",
        .label = "Hilfeplan",
        .plural = "Hilfeplan",
        .size = sizeof(struct plan_entry),
        RECORD_FIELDS(plan_fields),
        .validate = plan_validate,
        .fill = plan_fill,
        .settle_parent = plan_settle,
        .parent = &measure_def,
        .parent_field = "measure_id",
        .purge = PURGE_TEXTS,
        .audited = true,
};
