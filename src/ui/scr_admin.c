/* Admin: the edit locks of all sessions (one can be released, e.g. after a
 * colleague left a form open and went home) and the audit log with its
 * filters.
 *
 * Admins see no case content: the audit screen shows only the fields of
 * the audit entries (who, when, what, which record), never the records.
 * Both screens ask the server (LOCKS_LIST, AUDIT_QUERY), which decides who
 * may; the menu only hides them from other roles.
 *
 * Like the directories, each screen is a list screen (list_screen.c): a
 * heading line (when the list was fetched, which filters hold) above a
 * list in a subwindow of the body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/audit.h"
#include "model/date.h"
#include "model/registry.h"
#include "model/text.h"
#include "list_screen.h"
#include "screens.h"

#define ERRTEXT_SIZE 256

/* The admin screens' own state in their list_screen. */
struct admin_extra {
	time_t loaded; /* locks: when the list was fetched */

	/* audit: the filters, and where the next page starts */
	char user[CONFIG_LOGIN_SIZE];
	int32_t since; /* yyyymmdd, 0: none */
	uint64_t record;
	struct ui_page_pos pos; /* where the last page of the audit log ended */
};

enum { ACT_RELEASE = 1, ACT_RELOAD, ACT_USER, ACT_DATE, ACT_RECORD, ACT_CLEAR, ACT_LIST };

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

static enum status admin_open(struct screen *s, const struct list_view *view)
{
	if (!(s->data = list_screen_new(sizeof(struct admin_extra))))
		return STATUS_ERR_NOMEM;
	return list_screen_open(s, view);
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
	return list_screen_cell(buf, size, "%llu",
	                        (unsigned long long)((const struct lock_row *)row)->number);
}

static size_t lock_table(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", word(((const struct lock_row *)row)->table));
}

static size_t lock_record(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%llu",
	                        (unsigned long long)((const struct lock_row *)row)->record);
}

static size_t lock_holder(const void *row, char *buf, size_t size)
{
	const struct lock_row *lock = row;

	return list_screen_cell(buf, size, "%s (%s)", lock->name, lock->login);
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
		return list_screen_cell(buf, size, "%lld min", (long long)minutes);
	if (minutes < 48 * 60)
		return list_screen_cell(buf, size, "%lld h", (long long)(minutes / 60));
	return list_screen_cell(buf, size, "%lld Tage", (long long)(minutes / (24 * 60)));
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

static enum status locks_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	struct list_screen *ls = ctx;
	struct admin_extra *a = ls->extra;
	char errtext[ERRTEXT_SIZE];
	struct wire_msg reply;
	enum status st;

	*more = false;
	if (first)
		return STATUS_OK; /* one answer holds them all */
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

static void locks_heading(const struct list_screen *ls, char *buf, size_t size)
{
	const struct admin_extra *a = ls->extra;
	char when[16];

	cell_time(when, sizeof(when), a->loaded, TIME_CLOCK);
	list_screen_cell(buf, size, "Bearbeitungssperren aller Sitzungen · Stand %s", when);
}

/* Releases the selected lock after asking; its holder's screen learns it
 * at the next save, which the record's version check keeps safe. */
static int locks_release(struct list_screen *ls)
{
	const struct lock_row *row = ui_list_selected(ls->list);
	char question[CONFIG_NAME_SIZE + 64], errtext[ERRTEXT_SIZE], name[CONFIG_NAME_SIZE];
	struct wire_msg reply;
	unsigned long long number;
	enum status st;

	if (!row) {
		ui_error(ls->ui, "Es gibt keine Sperre zum Freigeben.");
		return UI_HANDLED;
	}
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
	return list_screen_reload(ls, false);
}

static const struct list_view locks_view = {
        .columns = lock_columns,
        .ncolumns = sizeof(lock_columns) / sizeof(lock_columns[0]),
        .row_size = sizeof(struct lock_row),
        .fetch = locks_fetch,
        .heading = locks_heading,
};

static const struct ui_key locks_keys[] = {
        {'f', KEY_F(8), "Freigeben", "die gewählte Sperre freigeben (fragt vorher)", ACT_RELEASE},
        {'r', KEY_F(9), "Neu laden", "die Liste neu vom Server holen", ACT_RELOAD},
        {'g', 0, NULL, "die Liste neu vom Server holen (wie r)", ACT_RELOAD},
        {'/', 0, "Suche", "die Liste eingrenzen (Name, Anmeldung …)", ACT_LIST},
        {'s', KEY_F(6), NULL, "nach der nächsten Spalte sortieren (S: umgekehrt)", ACT_LIST},
};

static enum status locks_open(struct screen *s)
{
	return admin_open(s, &locks_view);
}

static int locks_key(struct screen *s, int action, struct ui_input in)
{
	struct list_screen *ls = s->data;

	switch (action) {
	case ACT_RELEASE:
		return locks_release(ls);
	case ACT_RELOAD:
		return list_screen_reload(ls, false);
	default:
		return ui_list_key(ls->list, in);
	}
}

const struct screen_ops scr_locks_ops = {
        .title = "Bearbeitungssperren",
        .keys = locks_keys,
        .nkeys = sizeof(locks_keys) / sizeof(locks_keys[0]),
        .open = locks_open,
        .draw = list_screen_draw,
        .key = locks_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};

/* --- Protokoll --- */

static size_t audit_id(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%llu",
	                        (unsigned long long)((const struct audit_entry *)row)->head.id);
}

static size_t audit_time(const void *row, char *buf, size_t size)
{
	return cell_time(buf, size, ((const struct audit_entry *)row)->time, TIME_FULL);
}

static size_t audit_login(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", ((const struct audit_entry *)row)->login);
}

static size_t audit_action(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", word(((const struct audit_entry *)row)->action));
}

/* The record by its German label and number: "Angebot Nr. 12". */
static size_t audit_record(const void *row, char *buf, size_t size)
{
	const struct audit_entry *e = row;

	if (!e->record)
		return list_screen_cell(buf, size, "%s", e->table[0] ? word(e->table) : "");
	return list_screen_cell(buf, size, "%s Nr. %llu", word(e->table),
	                        (unsigned long long)e->record);
}

static size_t audit_detail(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", ((const struct audit_entry *)row)->detail);
}

static const struct ui_column audit_columns[] = {
        {.label = "Nr.", .width = 7, .format = audit_id, .numeric = true},
        {.label = "Zeit", .width = 16, .format = audit_time},
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

/* One page from the server; the list asks for the next as the user
 * scrolls. FIRST counts the rows in hand; the server's position is NEXT. */
static enum status audit_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	struct list_screen *ls = ctx;
	struct admin_extra *a = ls->extra;
	char errtext[ERRTEXT_SIZE];
	struct codec_buf *req = ui_request(ls->ui, WIRE_AUDIT_QUERY);
	struct wire_msg reply;
	enum status st;

	if (first == 0)
		a->pos.len = 0;
	if (a->user[0])
		codec_put_str(req, WF_USER, a->user);
	if (a->record)
		codec_put_u64(req, WF_ID, a->record);
	if (a->since)
		codec_put_u64(req, WF_DATE, (uint64_t)a->since);
	codec_put_u64(req, WF_BACKWARD, 1); /* the newest first */
	if (a->pos.len)
		codec_put_bytes(req, WF_AFTER, a->pos.after, a->pos.len);
	if ((st = ui_call(ls->ui, &reply, errtext, sizeof(errtext))) != STATUS_OK) {
		show_error(ls->ui, st, errtext);
		return st;
	}
	if ((st = wire_each(&reply, WF_RECORD, audit_take, list)) != STATUS_OK)
		return st;
	if (wire_get_bytes(&reply, WF_AFTER, a->pos.after, sizeof(a->pos.after), &a->pos.len) !=
	    STATUS_OK)
		a->pos.len = 0;
	*more = a->pos.len > 0;
	return STATUS_OK;
}

static void audit_heading(const struct list_screen *ls, char *buf, size_t size)
{
	const struct admin_extra *a = ls->extra;
	char since[DATE_BUFSIZE];
	size_t used = list_screen_cell(buf, size, "Protokoll (Ortszeit)");

	if (!a->user[0] && !a->since && !a->record) {
		list_screen_cell(buf + used, size - used, " · ohne Filter");
		return;
	}
	if (a->user[0])
		used += list_screen_cell(buf + used, size - used, " · Benutzer %s", a->user);
	if (a->since) {
		date_format(a->since, since, sizeof(since));
		used += list_screen_cell(buf + used, size - used, " · seit %s", since);
	}
	if (a->record)
		list_screen_cell(buf + used, size - used, " · Datensatz %llu",
		                 (unsigned long long)a->record);
}

static int audit_ask_user(struct list_screen *ls)
{
	struct admin_extra *a = ls->extra;
	char buf[CONFIG_LOGIN_SIZE];

	text_copy(buf, sizeof(buf), a->user);
	if (!ui_prompt(ls->ui, "Benutzer (Anmeldung, leer: alle): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (text_check(buf, false) != STATUS_OK || strchr(buf, ' ')) {
		ui_error(ls->ui, "Keine gültige Anmeldung: %s", buf);
		return UI_HANDLED;
	}
	text_copy(a->user, sizeof(a->user), buf);
	return list_screen_reload(ls, true);
}

static int audit_ask_date(struct list_screen *ls)
{
	struct admin_extra *a = ls->extra;
	char buf[32] = "";
	int32_t date = 0;

	date_format(a->since, buf, sizeof(buf));
	if (!ui_prompt(ls->ui, "Protokoll seit (TT.MM.JJJJ, leer: alles): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (buf[0] && date_parse(buf, &date) != STATUS_OK) {
		ui_error(ls->ui, "Kein gültiges Datum: %s (bitte TT.MM.JJJJ)", buf);
		return UI_HANDLED;
	}
	a->since = date;
	return list_screen_reload(ls, true);
}

static int audit_ask_record(struct list_screen *ls)
{
	struct admin_extra *a = ls->extra;
	char buf[32] = "", *end;
	unsigned long long record = 0;

	if (a->record)
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)a->record);
	if (!ui_prompt(ls->ui, "Datensatz-Nr. (leer: alle): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (buf[0]) {
		record = buf[0] >= '0' && buf[0] <= '9' ? strtoull(buf, &end, 10) : 0;
		if (!record || *end) {
			ui_error(ls->ui, "Keine gültige Datensatz-Nr.: %s", buf);
			return UI_HANDLED;
		}
	}
	a->record = record;
	return list_screen_reload(ls, true);
}

static int audit_clear(struct list_screen *ls)
{
	struct admin_extra *a = ls->extra;

	a->user[0] = '\0';
	a->since = 0;
	a->record = 0;
	ui_message(ls->ui, "Alle Filter sind gelöscht.");
	return list_screen_reload(ls, true);
}

static const struct list_view audit_view = {
        .columns = audit_columns,
        .ncolumns = sizeof(audit_columns) / sizeof(audit_columns[0]),
        .row_size = sizeof(struct audit_entry),
        .fetch = audit_fetch,
        .heading = audit_heading,
};

static const struct ui_key audit_keys[] = {
        {'b', KEY_F(3), "Benutzer", "nur Einträge eines Benutzers (Anmeldung; leer: alle)",
         ACT_USER},
        {'d', KEY_F(4), "Datum", "nur Einträge seit einem Tag (TT.MM.JJJJ; leer: alle)", ACT_DATE},
        {'n', KEY_F(5), "Datensatz", "nur Einträge zu einer Datensatz-Nr. (leer: alle)",
         ACT_RECORD},
        {'x', KEY_F(7), "Filter löschen", "alle Filter löschen", ACT_CLEAR},
        {'r', KEY_F(9), NULL, "neu vom Server holen", ACT_RELOAD},
        {'g', 0, NULL, "neu vom Server holen (wie r)", ACT_RELOAD},
        {'/', 0, NULL, "die geladenen Einträge eingrenzen", ACT_LIST},
        {'s', KEY_F(6), NULL, "nach der nächsten Spalte sortieren (S: umgekehrt)", ACT_LIST},
};

static enum status audit_open(struct screen *s)
{
	return admin_open(s, &audit_view);
}

static int audit_key(struct screen *s, int action, struct ui_input in)
{
	struct list_screen *ls = s->data;

	switch (action) {
	case ACT_USER:
		return audit_ask_user(ls);
	case ACT_DATE:
		return audit_ask_date(ls);
	case ACT_RECORD:
		return audit_ask_record(ls);
	case ACT_CLEAR:
		return audit_clear(ls);
	case ACT_RELOAD:
		return list_screen_reload(ls, false);
	default:
		return ui_list_key(ls->list, in);
	}
}

const struct screen_ops scr_audit_ops = {
        .title = "Protokoll",
        .keys = audit_keys,
        .nkeys = sizeof(audit_keys) / sizeof(audit_keys[0]),
        .open = audit_open,
        .draw = list_screen_draw,
        .key = audit_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};
