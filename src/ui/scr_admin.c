/* Admin: the edit locks of all sessions (one can be released, e.g. after a
 * colleague left a form open and went home) and the audit log with its
 * filters.
 *
 * Admins see no case content: the audit screen shows only the fields of
 * the audit entries (who, when, what, which record), never the records.
 * Both screens ask the server (LOCKS_LIST, AUDIT_QUERY), which decides who
 * may; the menu only hides them from other roles.
 *
 * Like the directories, each screen is a heading line (when the list was
 * fetched, which filters hold) above a list in a subwindow of the body.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/audit.h"
#include "model/date.h"
#include "model/text.h"
#include "screens.h"

#define HEADING_SIZE 256
#define ERRTEXT_SIZE 256

struct admin_state;

/* What one admin screen shows. */
struct admin_view {
	const struct ui_column *columns;
	size_t ncolumns, row_size;
	enum status (*fetch)(void *ctx, struct ui_list *list, size_t first, bool *more);
	void (*heading)(const struct admin_state *a, char *buf, size_t size);
};

struct admin_state {
	const struct admin_view *view;
	struct ui *ui;
	WINDOW *pane; /* the list's window: the body less the heading line */
	struct ui_list *list;
	bool heading_dirty;
	time_t loaded; /* locks: when the list was fetched */

	/* audit: the filters, and where the next page starts */
	char user[CONFIG_LOGIN_SIZE];
	int32_t since; /* yyyymmdd, 0: none */
	uint64_t record;
	uint64_t next;
};

enum { ACT_RELEASE = 1, ACT_RELOAD, ACT_USER, ACT_DATE, ACT_RECORD, ACT_CLEAR, ACT_LIST };

/* --- words --- */

/* German words for the store's table names and audit actions; a name not
 * here is shown as it is. */
static const struct {
	const char *name, *label;
} words[] = {
        {"offers", "Angebot"},  {"offer_counts", "Teilnahme"}, {"drafts", "Entwurf"},
        {"create", "angelegt"}, {"update", "geändert"},        {"delete", "gelöscht"},
        {"open", "geöffnet"},
};

static const char *word(const char *name)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].name, name) == 0)
			return words[i].label;
	return name;
}

/* printf into a cell; returns the length kept (never more than SIZE - 1). */
static size_t cell(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static size_t cell(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || size == 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
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

/* --- the common screen --- */

static WINDOW *admin_pane_new(struct screen *s)
{
	return derwin(s->win, getmaxy(s->win) - 1, getmaxx(s->win), 1, 0);
}

static enum status admin_open(struct screen *s, const struct admin_view *view)
{
	struct admin_state *a = calloc(1, sizeof(*a));

	if (!a)
		return STATUS_ERR_NOMEM;
	s->data = a;
	a->view = view;
	a->ui = s->ui;
	a->heading_dirty = true;
	if (!(a->pane = admin_pane_new(s)))
		return STATUS_ERR_NOMEM;
	a->list = ui_list_new(s->ui, a->pane, NULL, view->columns, view->ncolumns, view->row_size,
	                      (struct ui_list_source){.fetch = view->fetch, .ctx = a});
	if (!a->list)
		return STATUS_ERR_NOMEM;
	return ui_list_reload(a->list);
}

static void admin_draw(struct screen *s)
{
	struct admin_state *a = s->data;
	char text[HEADING_SIZE];

	if (a->heading_dirty) {
		a->view->heading(a, text, sizeof(text));
		wattrset(s->win, (int)ui_attr(s->ui, UI_ATTR_TITLE));
		ui_put(s->win, 0, 0, text, getmaxx(s->win), true);
		wattrset(s->win, A_NORMAL);
		a->heading_dirty = false;
	}
	/* Every time: after the shell touched the body this sends the list's
	 * lines too, which share the body's memory. */
	wnoutrefresh(s->win);
	ui_list_draw(a->list);
}

static void admin_resize(struct screen *s)
{
	struct admin_state *a = s->data;
	WINDOW *pane = admin_pane_new(s);

	if (!pane)
		return; /* keep the old window; the next resize tries again */
	ui_list_resize(a->list, pane);
	delwin(a->pane);
	a->pane = pane;
	a->heading_dirty = true;
}

/* The subwindow goes before the shell deletes the body: curses refuses
 * to delete a window that still has subwindows. */
static void admin_close(struct screen *s)
{
	struct admin_state *a = s->data;

	if (!a)
		return;
	ui_list_free(a->list);
	if (a->pane)
		delwin(a->pane);
	free(a);
	s->data = NULL;
}

/* Fetches again (after a release, or with a new filter: then FROM_TOP,
 * so that the list does not fetch pages down to where the cursor was). */
static int admin_reload(struct admin_state *a, bool from_top)
{
	if (from_top)
		ui_list_key(a->list, (struct ui_input){.ch = KEY_HOME, .is_key = true});
	a->heading_dirty = true;
	ui_list_reload(a->list); /* errors were shown by the fetch */
	return UI_HANDLED | UI_REDRAW;
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
	return cell(buf, size, "%llu", (unsigned long long)((const struct lock_row *)row)->number);
}

static size_t lock_table(const void *row, char *buf, size_t size)
{
	return cell(buf, size, "%s", word(((const struct lock_row *)row)->table));
}

static size_t lock_record(const void *row, char *buf, size_t size)
{
	return cell(buf, size, "%llu", (unsigned long long)((const struct lock_row *)row)->record);
}

static size_t lock_holder(const void *row, char *buf, size_t size)
{
	const struct lock_row *lock = row;

	return cell(buf, size, "%s (%s)", lock->name, lock->login);
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
		return cell(buf, size, "%lld min", (long long)minutes);
	if (minutes < 48 * 60)
		return cell(buf, size, "%lld h", (long long)(minutes / 60));
	return cell(buf, size, "%lld Tage", (long long)(minutes / (24 * 60)));
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
	case WF_ID:
		codec_get_u64(f, &row->number);
		break;
	case WF_TABLE:
		codec_get_str(f, row->table, sizeof(row->table));
		break;
	case WF_FIRST:
		codec_get_u64(f, &row->record);
		break;
	case WF_HOLDER:
		codec_get_str(f, row->login, sizeof(row->login));
		break;
	case WF_NAME:
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
		if (f.tag == WF_ID)
			row = (struct lock_row){.now = now};
		if (lock_field(&f, &row) && row.number)
			ui_list_append(list, &row);
	}
}

static enum status locks_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	struct admin_state *a = ctx;
	char errtext[ERRTEXT_SIZE];
	struct wire_msg reply;
	enum status st;

	*more = false;
	if (first)
		return STATUS_OK; /* one answer holds them all */
	ui_request(a->ui, WIRE_LOCKS_LIST);
	if ((st = ui_call(a->ui, &reply, errtext, sizeof(errtext))) != STATUS_OK) {
		show_error(a->ui, st, errtext);
		return st;
	}
	a->loaded = time(NULL);
	locks_take(&reply, list, a->loaded);
	a->heading_dirty = true;
	return STATUS_OK;
}

static void locks_heading(const struct admin_state *a, char *buf, size_t size)
{
	char when[16];

	cell_time(when, sizeof(when), a->loaded, TIME_CLOCK);
	cell(buf, size, "Bearbeitungssperren aller Sitzungen · Stand %s", when);
}

/* Releases the selected lock after asking; its holder's screen learns it
 * at the next save, which the record's version check keeps safe. */
static int locks_release(struct admin_state *a)
{
	const struct lock_row *row = ui_list_selected(a->list);
	char question[CONFIG_NAME_SIZE + 64], errtext[ERRTEXT_SIZE], name[CONFIG_NAME_SIZE];
	struct wire_msg reply;
	unsigned long long number;
	enum status st;

	if (!row) {
		ui_error(a->ui, "Es gibt keine Sperre zum Freigeben.");
		return UI_HANDLED;
	}
	number = row->number;
	text_copy(name, sizeof(name), row->name); /* ROW goes with the reload */
	snprintf(question, sizeof(question), "Sperre Nr. %llu von %s freigeben?", number, name);
	if (!ui_confirm(a->ui, question))
		return UI_HANDLED;
	codec_put_u64(ui_request(a->ui, WIRE_UNLOCK), WF_ID, number);
	st = ui_call(a->ui, &reply, errtext, sizeof(errtext));
	if (st == STATUS_OK)
		ui_message(a->ui, "Sperre Nr. %llu von %s ist freigegeben.", number, name);
	else if (st == STATUS_ERR_NOT_FOUND)
		ui_message(a->ui, "Sperre Nr. %llu besteht nicht mehr.", number);
	else
		show_error(a->ui, st, errtext);
	return admin_reload(a, false);
}

static const struct admin_view locks_view = {
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
	struct admin_state *a = s->data;

	switch (action) {
	case ACT_RELEASE:
		return locks_release(a);
	case ACT_RELOAD:
		return admin_reload(a, false);
	default:
		return ui_list_key(a->list, in);
	}
}

const struct screen_ops scr_locks_ops = {
        .title = "Bearbeitungssperren",
        .keys = locks_keys,
        .nkeys = sizeof(locks_keys) / sizeof(locks_keys[0]),
        .open = locks_open,
        .draw = admin_draw,
        .key = locks_key,
        .resize = admin_resize,
        .close = admin_close,
};

/* --- Protokoll --- */

static size_t audit_id(const void *row, char *buf, size_t size)
{
	return cell(buf, size, "%llu",
	            (unsigned long long)((const struct audit_entry *)row)->head.id);
}

static size_t audit_time(const void *row, char *buf, size_t size)
{
	return cell_time(buf, size, ((const struct audit_entry *)row)->time, TIME_FULL);
}

static size_t audit_login(const void *row, char *buf, size_t size)
{
	return cell(buf, size, "%s", ((const struct audit_entry *)row)->login);
}

static size_t audit_action(const void *row, char *buf, size_t size)
{
	return cell(buf, size, "%s", word(((const struct audit_entry *)row)->action));
}

static size_t audit_table(const void *row, char *buf, size_t size)
{
	return cell(buf, size, "%s", word(((const struct audit_entry *)row)->table));
}

static size_t audit_record(const void *row, char *buf, size_t size)
{
	uint64_t record = ((const struct audit_entry *)row)->record;

	if (!record)
		return cell(buf, size, "%s", "");
	return cell(buf, size, "%llu", (unsigned long long)record);
}

static size_t audit_detail(const void *row, char *buf, size_t size)
{
	return cell(buf, size, "%s", ((const struct audit_entry *)row)->detail);
}

static const struct ui_column audit_columns[] = {
        {.label = "Nr.", .width = 7, .format = audit_id, .numeric = true},
        {.label = "Zeit", .width = 16, .format = audit_time},
        {.label = "Benutzer", .width = 10, .format = audit_login},
        {.label = "Aktion", .width = 9, .format = audit_action},
        {.label = "Art", .width = 9, .format = audit_table},
        {.label = "Datensatz", .width = 9, .format = audit_record, .numeric = true},
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
	struct admin_state *a = ctx;
	char errtext[ERRTEXT_SIZE];
	struct codec_buf *req = ui_request(a->ui, WIRE_AUDIT_QUERY);
	struct wire_msg reply;
	enum status st;

	if (first == 0)
		a->next = 0;
	if (a->user[0])
		codec_put_str(req, WF_USER, a->user);
	if (a->record)
		codec_put_u64(req, WF_ID, a->record);
	if (a->since)
		codec_put_u64(req, WF_DATE, (uint64_t)a->since);
	codec_put_u64(req, WF_FIRST, a->next);
	if ((st = ui_call(a->ui, &reply, errtext, sizeof(errtext))) != STATUS_OK) {
		show_error(a->ui, st, errtext);
		return st;
	}
	if ((st = wire_each(&reply, WF_RECORD, audit_take, list)) != STATUS_OK)
		return st;
	a->next = 0;
	wire_get_u64(&reply, WF_MORE, &a->next);
	*more = a->next != 0;
	return STATUS_OK;
}

static void audit_heading(const struct admin_state *a, char *buf, size_t size)
{
	char since[DATE_BUFSIZE];
	size_t used = cell(buf, size, "Protokoll (Ortszeit)");

	if (!a->user[0] && !a->since && !a->record) {
		cell(buf + used, size - used, " · ohne Filter");
		return;
	}
	if (a->user[0])
		used += cell(buf + used, size - used, " · Benutzer %s", a->user);
	if (a->since) {
		date_format(a->since, since, sizeof(since));
		used += cell(buf + used, size - used, " · seit %s", since);
	}
	if (a->record)
		cell(buf + used, size - used, " · Datensatz %llu", (unsigned long long)a->record);
}

static int audit_ask_user(struct admin_state *a)
{
	char buf[CONFIG_LOGIN_SIZE];

	text_copy(buf, sizeof(buf), a->user);
	if (!ui_prompt(a->ui, "Benutzer (Anmeldung, leer: alle): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (text_check(buf, false) != STATUS_OK || strchr(buf, ' ')) {
		ui_error(a->ui, "Keine gültige Anmeldung: %s", buf);
		return UI_HANDLED;
	}
	text_copy(a->user, sizeof(a->user), buf);
	return admin_reload(a, true);
}

static int audit_ask_date(struct admin_state *a)
{
	char buf[32] = "";
	int32_t date = 0;

	date_format(a->since, buf, sizeof(buf));
	if (!ui_prompt(a->ui, "Protokoll seit (TT.MM.JJJJ, leer: alles): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (buf[0] && date_parse(buf, &date) != STATUS_OK) {
		ui_error(a->ui, "Kein gültiges Datum: %s (bitte TT.MM.JJJJ)", buf);
		return UI_HANDLED;
	}
	a->since = date;
	return admin_reload(a, true);
}

static int audit_ask_record(struct admin_state *a)
{
	char buf[32] = "", *end;
	unsigned long long record = 0;

	if (a->record)
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)a->record);
	if (!ui_prompt(a->ui, "Datensatz-Nr. (leer: alle): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (buf[0]) {
		record = buf[0] >= '0' && buf[0] <= '9' ? strtoull(buf, &end, 10) : 0;
		if (!record || *end) {
			ui_error(a->ui, "Keine gültige Datensatz-Nr.: %s", buf);
			return UI_HANDLED;
		}
	}
	a->record = record;
	return admin_reload(a, true);
}

static int audit_clear(struct admin_state *a)
{
	a->user[0] = '\0';
	a->since = 0;
	a->record = 0;
	ui_message(a->ui, "Alle Filter sind gelöscht.");
	return admin_reload(a, true);
}

static const struct admin_view audit_view = {
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
	struct admin_state *a = s->data;

	switch (action) {
	case ACT_USER:
		return audit_ask_user(a);
	case ACT_DATE:
		return audit_ask_date(a);
	case ACT_RECORD:
		return audit_ask_record(a);
	case ACT_CLEAR:
		return audit_clear(a);
	case ACT_RELOAD:
		return admin_reload(a, false);
	default:
		return ui_list_key(a->list, in);
	}
}

const struct screen_ops scr_audit_ops = {
        .title = "Protokoll",
        .keys = audit_keys,
        .nkeys = sizeof(audit_keys) / sizeof(audit_keys[0]),
        .open = audit_open,
        .draw = admin_draw,
        .key = audit_key,
        .resize = admin_resize,
        .close = admin_close,
};
