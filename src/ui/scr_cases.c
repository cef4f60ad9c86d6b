/* Fälle: the cases of the office with their persons, journal (Verlauf)
 * and follow-ups (Wiedervorlagen), as screen descriptors for the generic
 * list and form screens. The writer fills in the number, district, team
 * and the dates (case.h); the forms show them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "model/case.h"
#include "model/date.h"

/* --- cases --- */

static const struct ui_column case_columns[] = {
        {.label = "Fall-Nr.", .width = 10, .field = "number"},
        {.label = "SR", .width = 4, .field = "district"},
        {.label = "Bezeichnung", .width = 0, .field = "title"},
        {.label = "Fallführung", .width = 12, .field = "lead"},
        {.label = "Status", .width = 11, .field = "status"},
        {.label = "§ 8a", .width = 4, .field = "alert"},
        {.label = "Eröffnet", .width = 10, .field = "opened", .min_cols = 100},
        {.label = "Anschrift", .width = 0, .field = "address", .min_cols = 120},
};

static const char *const case_head[] = {"number", "title", "address", "district",
                                        "team",   "lead",  NULL};
static const char *const case_reason[] = {"initiator", "reason", "reason2", "reason3", NULL};
static const char *const case_family[] = {"family", "foreign_origin", "german_home",
                                          "transfer_payments", NULL};
static const char *const case_words[] = {"will", "resources", NULL};
static const char *const case_alert[] = {
        "alert",        "alert_since", "status",    "opened", "closed",
        "close_reason", "handed_to",   "lead_note", "purged", NULL};

static const struct ui_form_section case_form[] = {
        {NULL, case_head},
        {"Anlass (Bundesstatistik)", case_reason},
        {"Herkunftsfamilie", case_family},
        {"In den Worten der Familie", case_words},
        {"§ 8a, Abschluss, Übergabe", case_alert},
};

/* A new case: open, no reasons chosen yet. */
static void case_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct case_file *c = rec;

	(void)ui, (void)parent;
	c->status = CASE_OPEN;
	c->initiator = c->reason = c->reason2 = c->reason3 = -1;
	c->family = c->foreign_origin = c->german_home = c->transfer_payments = -1;
}

static const struct desc_filter case_filters[] = {
        {.name = "district",
         .label = "Sozialraum",
         .source = SOURCE_DISTRICTS,
         .index = true,
         .home_district = true},
        {.name = "lead", .label = "Fallführung", .source = SOURCE_STAFF, .index = true},
        {.name = "status",
         .label = "Status",
         .source = SOURCE_NONE,
         .prompt = "Status (offen oder geschlossen, leer: alle): ",
         .check = NULL},
};

static const struct screen_desc *const case_children[] = {&person_desc, &journal_desc, &risk_desc,
                                                          &follow_up_desc, &measure_desc};

const struct screen_desc case_desc = {
        .title = "Fälle",
        .def = &case_def,
        DESC_COLUMNS(case_columns),
        DESC_FORM(case_form),
        .defaults = case_defaults,
        .name_field = "title",
        .number_field = "number",
        DESC_FILTERS(case_filters),
        DESC_CHILDREN(case_children),
        .words = true,
        .refresh = true,
};

/* --- persons --- */

static const struct ui_column person_columns[] = {
        {.label = "Name", .width = 0, .field = "name"},
        {.label = "Rolle", .width = 18, .field = "role"},
        {.label = "Geboren", .width = 10, .field = "birth"},
        {.label = "Geschlecht", .width = 11, .field = "sex"},
        {.label = "Telefon", .width = 16, .field = "phone", .min_cols = 110},
};

static const char *const person_fields[] = {"role",    "name",  "birth", "sex",
                                            "address", "phone", NULL};
static const struct ui_form_section person_form[] = {{NULL, person_fields}};

static void person_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct person *p = rec;

	(void)ui, (void)parent;
	p->role = p->sex = -1;
}

struct same_cases {
	char first[200];
	size_t n;
};

static enum status same_case(void *ctx, const struct codec_field *field)
{
	struct same_cases *c = ctx;
	char line[64], *district, *status;

	if (codec_get_str(field, line, sizeof(line)) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	if (c->n++ == 0 && (district = strchr(line, ';')) && (status = strchr(district + 1, ';'))) {
		*district++ = '\0';
		*status++ = '\0';
		snprintf(c->first, sizeof(c->first), "%s (%s, %s)", line, district, status);
	}
	return STATUS_OK;
}

/* The duplicate check of an intake: a person of the same name and birth
 * day in another case is said, with that case's number, district and
 * status, and saving asks first. */
static bool person_check_new(struct ui *ui, const void *rec)
{
	const struct person *p = rec;
	struct same_cases same = {0};
	struct codec_buf *req = ui_request(ui, WIRE_DUPLICATES);
	struct wire_msg reply;
	char question[sizeof(((struct same_cases *)0)->first) + 64];

	codec_put_str(req, WF_NAME, p->name);
	codec_put_u64(req, WF_DATE, (uint64_t)(p->birth > 0 ? p->birth : 0));
	codec_put_u64(req, WF_ID, p->case_id);
	if (ui_call(ui, &reply, NULL, 0) != STATUS_OK ||
	    wire_each(&reply, WF_TEXT, same_case, &same) != STATUS_OK || !same.n)
		return true;
	snprintf(question, sizeof(question), "Bekannt in Fall %s%s. Trotzdem anlegen?", same.first,
	         same.n > 1 ? " und weiteren" : "");
	if (ui_ask(ui, question) == UI_ANSWER_YES)
		return true;
	ui_message(ui, "Nicht angelegt; die Eingaben bleiben.");
	return false;
}

const struct screen_desc person_desc = {
        .title = "Personen",
        .def = &person_def,
        DESC_COLUMNS(person_columns),
        DESC_FORM(person_form),
        .defaults = person_defaults,
        .check_new = person_check_new,
        .name_field = "name",
        .words = true,
        .refresh = true,
};

/* --- journal --- */

static size_t journal_no(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%llu",
	                 (unsigned long long)((const struct journal_entry *)row)->head.id);
}

/* The first line of the entry, and which one it corrects. */
static size_t journal_line(const void *row, char *buf, size_t size)
{
	const struct journal_entry *j = row;
	size_t n = strcspn(j->text, "\n");

	if (j->corrects)
		return desc_cell(buf, size, "(berichtigt Nr. %llu) %.*s",
		                 (unsigned long long)j->corrects, (int)n, j->text);
	return desc_cell(buf, size, "%.*s", (int)n, j->text);
}

static const struct ui_column journal_columns[] = {
        {.label = "Nr.", .width = 6, .format = journal_no, .numeric = true},
        {.label = "Datum", .width = 10, .field = "date"},
        {.label = "Art", .width = 13, .field = "kind"},
        {.label = "Von", .width = 10, .field = "author"},
        {.label = "Eintrag", .width = 0, .format = journal_line},
};

static const char *const journal_fields[] = {"kind", "date", "text", "corrects", "author", NULL};
static const struct ui_form_section journal_form[] = {{NULL, journal_fields}};

static void journal_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct journal_entry *j = rec;

	(void)ui, (void)parent;
	j->date = date_today();
	j->kind = -1;
}

/* A correction: a new entry of today that names the one it corrects and
 * starts from its text; the entry itself stays as it was. */
static int journal_correct(struct list_state *ls, const void *row)
{
	struct journal_entry *j = malloc(sizeof(*j));

	if (!j)
		return UI_HANDLED;
	*j = *(const struct journal_entry *)row;
	j->corrects = j->head.id;
	j->head = (struct record_head){0};
	j->date = date_today();
	j->author[0] = '\0';
	scr_form_open_from(ls->ui, &journal_desc, 0, ls->parent, NULL, j);
	free(j);
	return UI_HANDLED | UI_REDRAW;
}

static const struct desc_action journal_actions[] = {
        {CMD_CORRECT, NULL, NULL, VERB_CREATE, journal_correct},
};

const struct screen_desc journal_desc = {
        .title = "Verlauf",
        .def = &journal_def,
        DESC_COLUMNS(journal_columns),
        DESC_FORM(journal_form),
        .defaults = journal_defaults,
        .name_field = "date",
        DESC_ACTIONS(journal_actions),
        .newest_first = true,
        .refresh = true,
};

/* --- risk assessments --- */

static const struct ui_column risk_columns[] = {
        {.label = "Datum", .width = 10, .field = "date"},
        {.label = "Kind", .width = 0, .field = "child"},
        {.label = "Ergebnis", .width = 34, .field = "result"},
        {.label = "Fachkraft", .width = 12, .field = "professional1", .min_cols = 100},
        {.label = "Zweite", .width = 12, .field = "professional2", .min_cols = 100},
};

static const char *const risk_head[] = {"date",          "child",  "professional1",
                                        "professional2", "others", NULL};
static const char *const risk_result[] = {"result",        "neglect", "physical",
                                          "psychological", "sexual",  NULL};
static const char *const risk_family[] = {"reporter", "mother_age", "father_age", NULL};
static const char *const risk_uses[] = {"uses_family", "uses_ambulant", "uses_residential",
                                        "uses_none", NULL};
static const char *const risk_then[] = {"new_help", "family_court", "custody", NULL};
static const char *const risk_notes[] = {"notes", "author", "raised", NULL};

static const struct ui_form_section risk_form[] = {
        {NULL, risk_head},
        {"Ergebnis und Art der Gefährdung", risk_result},
        {"Bekanntwerden und Eltern", risk_family},
        {"Leistungen in Anspruch genommen", risk_uses},
        {"Was folgte", risk_then},
        {"Begründung", risk_notes},
};

/* Today, assessed by the one who records it and one more. */
static void risk_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct risk_assessment *r = rec;

	(void)parent;
	r->date = date_today();
	snprintf(r->professional1, sizeof(r->professional1), "%s", ui_me(ui)->login);
	r->result = r->mother_age = r->father_age = -1;
}

const struct screen_desc risk_desc = {
        .title = "Gefährdungseinschätzungen",
        .def = &risk_assessment_def,
        DESC_COLUMNS(risk_columns),
        DESC_FORM(risk_form),
        .defaults = risk_defaults,
        .name_field = "child",
        .newest_first = true,
        .refresh = true,
};

/* --- follow-ups --- */

/* Done with one key: the follow-up is saved as done. */
static int follow_up_done(struct list_state *ls, const void *row)
{
	struct follow_up f = *(const struct follow_up *)row;
	char err[256];
	enum status st;

	if (f.done) {
		ui_message(ls->ui, "Die Wiedervorlage ist schon erledigt.");
		return UI_HANDLED;
	}
	f.done = true;
	st = ui_record_save(ls->ui, &follow_up_def, &f, err, sizeof(err));
	if (st != STATUS_OK) {
		ui_error(ls->ui, "Nicht gespeichert: %s", err[0] ? err : status_message(st));
		return UI_HANDLED;
	}
	ui_message(ls->ui, "Erledigt.");
	return scr_list_reload(ls, false);
}

static const struct desc_action follow_up_actions[] = {
        {CMD_END, "Erledigt", "die gewählte Wiedervorlage als erledigt speichern", VERB_CHANGE,
         follow_up_done},
};

static const struct ui_column follow_up_columns[] = {
        {.label = "Fällig", .width = 10, .field = "due"},
        {.label = "Erledigt", .width = 8, .field = "done"},
        {.label = "Worum es geht", .width = 0, .field = "text"},
};

static const char *const follow_up_fields[] = {"due", "text", "done", NULL};
static const struct ui_form_section follow_up_form[] = {{NULL, follow_up_fields}};

static void follow_up_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct follow_up *f = rec;

	(void)parent;
	f->due = date_from_days(date_to_days(date_today()) + ui_config(ui)->followup.followup_days);
}

const struct screen_desc follow_up_desc = {
        .title = "Wiedervorlagen",
        .def = &follow_up_def,
        DESC_COLUMNS(follow_up_columns),
        DESC_FORM(follow_up_form),
        .defaults = follow_up_defaults,
        .name_field = "text",
        DESC_ACTIONS(follow_up_actions),
        .refresh = true,
};
