/* The screens of help measures (measure.h): the measures of a case or of
 * the office, their form with the cost the model computes as the user
 * types, the decisions ('b' on a measure: a decision is an approval
 * made), and the help plan with its reviews. */
#include <stdio.h>

#include "desc.h"
#include "model/booking.h"
#include "model/date.h"
#include "model/measure.h"
#include "model/text.h"

/* --- decisions --- */

static const struct ui_column approval_columns[] = {
        {.label = "Entscheidung", .width = 12, .field = "decision"},
        {.label = "Von", .width = 10, .field = "from"},
        {.label = "Bis", .width = 10, .field = "to"},
        {.label = "Satz", .width = 12, .field = "rate", .numeric = true},
        {.label = "Durch", .width = 12, .field = "decided_by"},
        {.label = "Am", .width = 16, .field = "decided_at", .min_cols = 90},
        {.label = "Begründung", .width = 0, .field = "reason"},
};

static const char *const approval_fields[] = {
        "decision",        "reason", "from",        "to",         "rate",
        "hours",           "amount", "proposed_by", "decided_by", "decided_at",
        "measure_version", NULL};
static const struct ui_form_section approval_form[] = {{NULL, approval_fields}};

/* What is decided: the measure's proposal as the decider sees it now, in
 * the version the decision names (the model's figures). */
static void approval_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct approval *a = rec;
	const struct measure *m = parent;

	a->decision = -1;
	if (!m)
		return;
	a->measure_version = m->head.version;
	a->from = m->approved_to && m->change_from ? m->change_from : m->start;
	a->to = m->end;
	a->rate = m->rate;
	a->hours = m->hours;
	a->amount = measure_limit_amount(m, ui_config(ui), date_today());
	text_copy(a->proposed_by, sizeof(a->proposed_by), m->proposed_by);
	text_copy(a->decided_by, sizeof(a->decided_by), ui_me(ui)->login);
}

const struct screen_desc approval_desc = {
        .title = "Bewilligungen",
        .def = &approval_def,
        DESC_COLUMNS(approval_columns),
        DESC_FORM(approval_form),
        .defaults = approval_defaults,
        .name_field = "decision",
        .newest_first = true,
        .refresh = true,
};

/* --- the help plan --- */

static const struct ui_column plan_columns[] = {
        {.label = "Datum", .width = 10, .field = "date"},
        {.label = "Art", .width = 12, .field = "kind"},
        {.label = "Nächste", .width = 10, .field = "next_review"},
        {.label = "Anwesend", .width = 0, .field = "present"},
};

static const char *const plan_head[] = {"kind", "date", "present", NULL};
static const char *const plan_body[] = {"goals", "tasks", "reached", "next_review", "author", NULL};
static const struct ui_form_section plan_form[] = {{NULL, plan_head}, {"Plan", plan_body}};

/* Today; a review once there is a plan, and always for the provider. */
static void plan_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct plan_entry *p = rec;
	const struct measure *m = parent;

	p->date = date_today();
	p->kind = (m && m->next_review) || ui_staff(ui)->role == ROLE_TRAEGER ? PLAN_REVIEW
	                                                                      : PLAN_AGREED;
}

const struct screen_desc plan_desc = {
        .title = "Hilfeplan",
        .def = &plan_def,
        DESC_COLUMNS(plan_columns),
        DESC_FORM(plan_form),
        .defaults = plan_defaults,
        .name_field = "date",
        .newest_first = true,
        .refresh = true,
};

/* --- measures --- */

static const struct ui_column measure_columns[] = {
        {.label = "Fall", .width = 10, .field = "case_number"},
        {.label = "Junger Mensch", .width = 0, .field = "recipient"},
        {.label = "Leistung", .width = 8, .field = "service"},
        {.label = "Träger", .width = 6, .field = "provider", .min_cols = 90},
        {.label = "Beginn", .width = 10, .field = "start"},
        {.label = "Ende", .width = 10, .field = "end"},
        {.label = "Status", .width = 12, .field = "status"},
        {.label = "Kosten", .width = 14, .field = "cost_total", .numeric = true, .min_cols = 110},
};

static const char *const measure_head[] = {"case_number", "recipient",   "birth_year", "service",
                                           "provider",    "start",       "end",        "rate",
                                           "hours",       "change_from", NULL};
static const char *const measure_cost[] = {"cost_model", "cost_month", "cost_total", "cost_year",
                                           NULL};
static const char *const measure_decided[] = {"status",        "proposed_by",    "approved_to",
                                              "approved_rate", "approved_hours", "decided_by",
                                              "reject_reason", "next_review",    NULL};
static const char *const measure_stats[] = {
        "initiator",   "reason",        "reason2", "reason3",      "preceded_8a",   "court_1666",
        "court_1631b", "after_custody", "place",   "lived_before", "provider_kind", NULL};
static const char *const measure_end[] = {"ended", "end_reason", "lived_after", "following_help",
                                          NULL};

static const struct ui_form_section measure_form[] = {
        {NULL, measure_head},
        {"Kosten (vom Programm berechnet)", measure_cost},
        {"Bewilligung", measure_decided},
        {"Statistik zum Beginn", measure_stats},
        {"Ende der Hilfe", measure_end},
};

/* A proposal on the case: its district, team and lead (the writer's, so
 * that the form knows who may edit it), its reasons, and whether a § 8a
 * assessment preceded. */
static void measure_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct measure *m = rec;
	const struct case_file *c = parent;

	(void)ui;
	m->start = date_today();
	m->status = MEASURE_PROPOSED;
	m->cost_model = m->place = m->lived_before = m->provider_kind = -1;
	m->end_reason = m->lived_after = m->following_help = -1;
	m->initiator = m->reason = m->reason2 = m->reason3 = -1;
	m->preceded_8a = -1;
	if (!c)
		return;
	text_copy(m->case_number, sizeof(m->case_number), c->number);
	text_copy(m->district, sizeof(m->district), c->district);
	text_copy(m->team, sizeof(m->team), c->team);
	text_copy(m->lead, sizeof(m->lead), c->lead);
	m->initiator = c->initiator;
	m->reason = c->reason;
	m->reason2 = c->reason2;
	m->reason3 = c->reason3;
	m->preceded_8a = c->assessed ? CASE_YES : CASE_NO;
}

/* 'b': decide the selected measure (a new approval of it). */
static int measure_decide(struct list_state *ls, const void *row)
{
	const struct measure *m = row;

	if (!measure_pending(m)) {
		ui_message(ls->ui, "Diese Hilfe wartet auf keine Entscheidung.");
		return UI_HANDLED;
	}
	scr_form_open(ls->ui, &approval_desc, 0, m, NULL);
	return UI_HANDLED | UI_REDRAW;
}

/* 'z': a payment on the selected measure. */
static int measure_book(struct list_state *ls, const void *row)
{
	const struct measure *m = row;

	if (!m->approved_to) {
		ui_message(ls->ui, "Für diese Hilfe ist nichts bewilligt: nichts zu buchen.");
		return UI_HANDLED;
	}
	return scr_book_on(ls, m->head.id, 0);
}

static const struct desc_action measure_actions[] = {
        {CMD_CORRECT, "Entscheiden", "die gewählte Hilfe bewilligen oder ablehnen", VERB_CREATE,
         measure_decide, &approval_def},
        {CMD_BOOK, NULL, "eine Zahlung auf die gewählte Hilfe buchen", VERB_CREATE, measure_book,
         &booking_def},
};

static const struct desc_filter measure_filters[] = {
        {.name = "district",
         .label = "Sozialraum",
         .source = SOURCE_DISTRICTS,
         .index = true,
         .home_district = true},
        {.name = "provider", .label = "Träger", .source = SOURCE_PROVIDERS, .index = true},
        {.name = "status",
         .label = "Status",
         .source = SOURCE_NONE,
         .prompt = "Status (beantragt, bewilligt, aenderung, abgelehnt, beendet; leer: alle): "},
};

static const struct screen_desc *const measure_children[] = {&approval_desc, &plan_desc};

const struct screen_desc measure_desc = {
        .title = "Hilfen",
        .def = &measure_def,
        DESC_COLUMNS(measure_columns),
        DESC_FORM(measure_form),
        .defaults = measure_defaults,
        .name_field = "recipient",
        DESC_FILTERS(measure_filters),
        DESC_ACTIONS(measure_actions),
        DESC_CHILDREN(measure_children),
        .refresh = true,
};
