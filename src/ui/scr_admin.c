/* Admin: the edit locks of all sessions (one can be released, e.g. after a
 * colleague left a form open and went home) and the audit log with its
 * filters.
 *
 * Admins see no case content: the audit screen shows only the fields of
 * the audit entries (who, when, what, which record), never the records.
 * Both screens ask the server (LOCKS_LIST, AUDIT_QUERY), which decides who
 * may; the menu only hides them from other roles.
 *
 * Like the directories, each screen is the generic list screen made from
 * a descriptor with a FETCH of its own: a heading line (when the list was
 * fetched, which filters hold) above the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/audit.h"
#include "model/date.h"
#include "model/registry.h"
#include "model/text.h"
#include "desc.h"
#include "screens.h"

#define ERRTEXT_SIZE 256

/* The locks screen's own state: when the list was fetched. */
struct locks_extra {
	time_t loaded;
};

/* The audit log's filters, in its list_state's filters. */
enum { AUDIT_USER, AUDIT_SINCE, AUDIT_RECORD };

/* --- words --- */

/* German words for the audit actions; a table is named by its record
 * type's label (the registry's), anything else as it is. */
static const struct {
	const char *name, *label;
} words[] = {
        {"create", "angelegt"},
        {"update", "geändert"},
        {"delete", "gelöscht"},
        {"open", "geöffnet"},
};

static const char *word(const char *name)
{
	const struct record_def *def = record_type_find(name);

	if (def)
		return def->label;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].name, name) == 0)
			return words[i].label;
	return name;
}

/* How a time is shown: "10:42", "24.11. 10:42", "24.11.2026 10:42". */
enum time_style { TIME_CLOCK, TIME_DAY, TIME_FULL };

/* Local time T (seconds since 1970) in STYLE. */
static size_t cell_time(char *buf, size_t size, int64_t t, enum time_style style)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (!localtime_r(&tt, &tm))
		return 0;
	switch (style) {
	case TIME_CLOCK:
		return strftime(buf, size, "%H:%M", &tm);
	case TIME_DAY:
		return strftime(buf, size, "%d.%m. %H:%M", &tm);
	default:
		return strftime(buf, size, "%d.%m.%Y %H:%M", &tm);
	}
}

/* An ERROR answer: the server's own words when it sent some. When the
 * server is away, ui_call has said so already. */
static void show_error(struct ui *ui, enum status st, const char *errtext)
{
	if (st != STATUS_ERR_UNAVAILABLE)
		ui_error(ui, "%s", errtext[0] ? errtext : status_message(st));
}

/* --- Bearbeitungssperren --- */

struct lock_row {
	uint64_t number, record;
	int64_t since, now; /* NOW: when the list was fetched, for the age */
	char table[CONFIG_ID_SIZE];
	char login[CONFIG_LOGIN_SIZE];
	char name[CONFIG_NAME_SIZE];
};

static size_t lock_number(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%llu",
	                 (unsigned long long)((const struct lock_row *)row)->number);
}

static size_t lock_table(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", word(((const struct lock_row *)row)->table));
}

static size_t lock_record(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%llu",
	                 (unsigned long long)((const struct lock_row *)row)->record);
}

static size_t lock_holder(const void *row, char *buf, size_t size)
{
	const struct lock_row *lock = row;

	return desc_cell(buf, size, "%s (%s)", lock->name, lock->login);
}

/* "10:42" today, "24.11. 16:05" before. */
static size_t lock_since(const void *row, char *buf, size_t size)
{
	const struct lock_row *lock = row;
	time_t since = (time_t)lock->since, now = (time_t)lock->now;
	struct tm a, b;

	localtime_r(&since, &a);
	localtime_r(&now, &b);
	if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
		return cell_time(buf, size, lock->since, TIME_CLOCK);
	return cell_time(buf, size, lock->since, TIME_DAY);
}

/* "12 min", "5 h", "3 Tage". */
static size_t lock_age(const void *row, char *buf, size_t size)
{
	const struct lock_row *lock = row;
	int64_t minutes = lock->now > lock->since ? (lock->now - lock->since) / 60 : 0;

	if (minutes < 120)
		return desc_cell(buf, size, "%lld min", (long long)minutes);
	if (minutes < 48 * 60)
		return desc_cell(buf, size, "%lld h", (long long)(minutes / 60));
	return desc_cell(buf, size, "%lld Tage", (long long)(minutes / (24 * 60)));
}

static const struct ui_column lock_columns[] = {
        {.label = "Nr.", .width = 5, .format = lock_number, .numeric = true},
        {.label = "Art", .width = 10, .format = lock_table},
        {.label = "Datensatz", .width = 9, .format = lock_record, .numeric = true},
        {.label = "Inhaber", .width = 0, .format = lock_holder},
        {.label = "seit", .width = 12, .format = lock_since},
        {.label = "Alter", .width = 8, .format = lock_age, .numeric = true},
};

/* Reads one field of a lock into ROW; true after the last one (WF_SINCE). */
static bool lock_field(const struct codec_field *f, struct lock_row *row)
{
	uint64_t since = 0;

	switch (f->tag) {
	case WF_LOCK:
		codec_get_u64(f, &row->number);
		break;
	case WF_TABLE:
		codec_get_str(f, row->table, sizeof(row->table));
		break;
	case WF_ID:
		codec_get_u64(f, &row->record);
		break;
	case WF_LOGIN:
		codec_get_str(f, row->login, sizeof(row->login));
		break;
	case WF_HOLDER:
		codec_get_str(f, row->name, sizeof(row->name));
		break;
	case WF_SINCE:
		codec_get_u64(f, &since);
		row->since = (int64_t)since;
		return true;
	default:
		break;
	}
	return false;
}

/* The LOCKS answer: per lock its fields in order, WF_SINCE last. */
static void locks_take(const struct wire_msg *reply, struct ui_list *list, time_t now)
{
	struct codec_reader reader;
	struct codec_field f;
	struct lock_row row = {.now = now};

	if (codec_open(&reader, reply->data, reply->len) != STATUS_OK)
		return;
	while (codec_next(&reader, &f) == STATUS_OK) {
		if (f.tag == WF_LOCK)
			row = (struct lock_row){.now = now};
		if (lock_field(&f, &row) && row.number)
			ui_list_append(list, &row);
	}
}

static enum status locks_rows(struct list_state *ls, struct ui_list *list)
{
	struct locks_extra *a = ls->extra;
	char errtext[ERRTEXT_SIZE];
	struct wire_msg reply;
	enum status st;

	ui_request(ls->ui, WIRE_LOCKS_LIST);
	if ((st = ui_call(ls->ui, &reply, errtext, sizeof(errtext))) != STATUS_OK) {
		show_error(ls->ui, st, errtext);
		return st;
	}
	a->loaded = time(NULL);
	locks_take(&reply, list, a->loaded);
	ls->heading_dirty = true;
	return STATUS_OK;
}

static void locks_heading(const struct list_state *ls, char *buf, size_t size)
{
	const struct locks_extra *a = ls->extra;
	char when[16];

	cell_time(when, sizeof(when), a->loaded, TIME_CLOCK);
	desc_cell(buf, size, "Bearbeitungssperren aller Sitzungen · Stand %s", when);
}

/* Releases the selected lock after asking; its holder's screen learns it
 * at the next save, which the record's version check keeps safe. */
static int locks_release(struct list_state *ls, const void *selected)
{
	const struct lock_row *row = selected;
	char question[CONFIG_NAME_SIZE + 64], errtext[ERRTEXT_SIZE], name[CONFIG_NAME_SIZE];
	struct wire_msg reply;
	unsigned long long number;
	enum status st;

	number = row->number;
	text_copy(name, sizeof(name), row->name); /* ROW goes with the reload */
	snprintf(question, sizeof(question), "Sperre Nr. %llu von %s freigeben?", number, name);
	if (!ui_confirm(ls->ui, question))
		return UI_HANDLED;
	codec_put_u64(ui_request(ls->ui, WIRE_UNLOCK), WF_LOCK, number);
	st = ui_call(ls->ui, &reply, errtext, sizeof(errtext));
	if (st == STATUS_OK)
		ui_message(ls->ui, "Sperre Nr. %llu von %s ist freigegeben.", number, name);
	else if (st == STATUS_ERR_NOT_FOUND)
		ui_message(ls->ui, "Sperre Nr. %llu besteht nicht mehr.", number);
	else
		show_error(ls->ui, st, errtext);
	return scr_list_reload(ls, false);
}

static const struct desc_action locks_actions[] = {
        {CMD_END, "Freigeben", "die gewählte Sperre freigeben (fragt vorher)", VERB_LIST,
         locks_release},
};

const struct screen_desc locks_desc = {
        .title = "Bearbeitungssperren",
        DESC_COLUMNS(lock_columns),
        DESC_ACTIONS(locks_actions),
        .row_size = sizeof(struct lock_row),
        .rows = locks_rows,
        .from_server = true,
        .heading = locks_heading,
        .extra_size = sizeof(struct locks_extra),
};

/* --- Protokoll --- */

static size_t audit_id(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%llu",
	                 (unsigned long long)((const struct audit_entry *)row)->head.id);
}

static size_t audit_time(const void *row, char *buf, size_t size)
{
	return cell_time(buf, size, ((const struct audit_entry *)row)->time, TIME_FULL);
}

static size_t audit_login(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct audit_entry *)row)->login);
}

static size_t audit_action(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", word(((const struct audit_entry *)row)->action));
}

/* The record by its German label and number: "Angebot Nr. 12". */
static size_t audit_record(const void *row, char *buf, size_t size)
{
	const struct audit_entry *e = row;

	if (!e->record)
		return desc_cell(buf, size, "%s", e->table[0] ? word(e->table) : "");
	return desc_cell(buf, size, "%s Nr. %llu", word(e->table), (unsigned long long)e->record);
}

static size_t audit_detail(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct audit_entry *)row)->detail);
}

static const struct ui_column audit_columns[] = {
        {.label = "Nr.", .width = 7, .format = audit_id, .numeric = true},
        {.label = "Zeit (Ortszeit)", .width = 16, .format = audit_time},
        {.label = "Benutzer", .width = 10, .format = audit_login},
        {.label = "Aktion", .width = 9, .format = audit_action},
        {.label = "Datensatz", .width = 20, .format = audit_record},
        {.label = "Detail", .width = 0, .format = audit_detail},
};

static enum status audit_take(void *ctx, const struct codec_field *field)
{
	struct audit_entry entry;

	if (field->type != CODEC_BYTES ||
	    record_decode(&audit_def, field->data, field->len, &entry) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	ui_list_append(ctx, &entry);
	return STATUS_OK;
}

/* One page from the server, the newest first: further down the list is
 * further back in time (the server's backward walk), further up newer. */
static enum status audit_fetch(struct list_state *ls, struct ui_list *list,
                               struct ui_list_page *page, bool *more)
{
	char errtext[ERRTEXT_SIZE];
	struct codec_buf *req = ui_request(ls->ui, WIRE_AUDIT_QUERY);
	struct wire_msg reply;
	int32_t since = 0;
	enum status st;

	if (ls->parent && ls->parent_def) { /* a record's history */
		codec_put_str(req, WF_TABLE, ls->parent_def->table);
		codec_put_u64(req, WF_ID, ((const struct record_head *)ls->parent)->id);
	}
	if (ls->filters[AUDIT_USER][0])
		codec_put_str(req, WF_USER, ls->filters[AUDIT_USER]);
	if (ls->filters[AUDIT_RECORD][0])
		codec_put_u64(req, WF_ID, strtoull(ls->filters[AUDIT_RECORD], NULL, 10));
	if (ls->filters[AUDIT_SINCE][0] &&
	    date_parse(ls->filters[AUDIT_SINCE], &since) == STATUS_OK)
		codec_put_u64(req, WF_DATE, (uint64_t)since);
	if (!page->up)
		codec_put_u64(req, WF_BACKWARD, 1);
	if (page->from && page->from->len)
		codec_put_bytes(req, WF_AFTER, page->from->after, page->from->len);
	if ((st = ui_call(ls->ui, &reply, errtext, sizeof(errtext))) != STATUS_OK) {
		show_error(ls->ui, st, errtext);
		return st;
	}
	if ((st = wire_each(&reply, WF_RECORD, audit_take, list)) != STATUS_OK)
		return st;
	ui_page_positions(&reply, &page->first, &page->last);
	*more = page->last.len > 0;
	return STATUS_OK;
}

/* A day as typed, "TT.MM.JJJJ". */
static bool check_date(struct ui *ui, char *value, size_t size)
{
	int32_t date;

	if (date_parse(value, &date) != STATUS_OK) {
		ui_error(ui, "Kein gültiges Datum: %s (bitte TT.MM.JJJJ)", value);
		return false;
	}
	date_format(date, value, size);
	return true;
}

static bool check_record(struct ui *ui, char *value, size_t size)
{
	char *end;
	unsigned long long record =
	        value[0] >= '0' && value[0] <= '9' ? strtoull(value, &end, 10) : 0;

	if (!record || *end) {
		ui_error(ui, "Keine gültige Datensatz-Nr.: %s", value);
		return false;
	}
	snprintf(value, size, "%llu", record);
	return true;
}

static const struct desc_filter audit_filters[] = {
        [AUDIT_USER] = {.name = "user", .label = "Benutzer", .source = SOURCE_STAFF},
        [AUDIT_SINCE] = {.name = "since",
                         .label = "seit",
                         .prompt = "Protokoll seit (TT.MM.JJJJ, leer: alles): ",
                         .check = check_date},
        [AUDIT_RECORD] = {.name = "record",
                          .label = "Datensatz",
                          .prompt = "Datensatz-Nr. (leer: alle): ",
                          .check = check_record},
};

const struct screen_desc audit_desc = {
        .title = "Protokoll",
        DESC_COLUMNS(audit_columns),
        DESC_FILTERS(audit_filters),
        .row_size = sizeof(struct audit_entry),
        .fetch = audit_fetch,
        .from_server = true,
};

/* A record's history, for whoever may read the record: who created,
 * changed or opened it when, and which fields changed (the values of
 * those without personal data: who led a case when). */
static const struct ui_column history_columns[] = {
        {.label = "Zeit (Ortszeit)", .width = 16, .format = audit_time},
        {.label = "Benutzer", .width = 10, .format = audit_login},
        {.label = "Aktion", .width = 9, .format = audit_action},
        {.label = "Was sich änderte", .width = 0, .format = audit_detail},
};

const struct screen_desc history_desc = {
        .title = "Änderungen",
        DESC_COLUMNS(history_columns),
        .row_size = sizeof(struct audit_entry),
        .fetch = audit_fetch,
        .from_server = true,
};
