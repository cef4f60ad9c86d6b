/* The generic list screen: a heading line that says what is shown (the
 * list, its parent, the filters that hold), above a list in a subwindow of
 * the body, all made from a screen descriptor (desc.h).
 *
 * Records come from the server page by page: a child list asks for the
 * parent's children, '/' for the words of names (the word index), the
 * first filter that has an index of its own for that index's keys, and
 * every other filter as "field=value". Rows that are no records come from
 * the descriptor's FETCH.
 *
 * The list lives in a subwindow of the body (derwin), so that when the
 * shell touches the body after a screen above was closed, the list's lines
 * are sent again with the heading.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "desc.h"
#include "model/date.h"
#include "model/text.h"

#define HEADING_SIZE 320
#define LIVE_ROWS    500 /* rows in hand up to which a list follows others' saves */

enum {
	A_OPEN = 1,
	A_PARENT,
	A_NEW,
	A_CHILDREN,
	A_FILTER,
	A_RELOAD,
	A_EXPORT,
	A_LIST,   /* a key of the list itself: search, sort */
	A_ACTION, /* A_ACTION + i: the descriptor's action i */
};

const struct desc_filter desc_year_filters[1] = {
        {.name = "year",
         .label = "Jahr",
         .source = SOURCE_NONE,
         .prompt = "Jahr (JJJJ, leer: das laufende): ",
         .check = desc_year_check},
};

int desc_shown_year(const struct list_state *ls)
{
	int year = atoi(ls->filters[0]);

	return year ? year : DATE_YEAR(date_today());
}

/* A year filter's value: four digits, or empty for the current one. */
bool desc_year_check(struct ui *ui, char *value, size_t size)
{
	int year = atoi(value);

	if (!value[0])
		return true;
	if (year < 1990 || year > 2100) {
		ui_error(ui, "Jahr: vierstellig, z.B. %d", DATE_YEAR(date_today()));
		return false;
	}
	snprintf(value, size, "%d", year);
	return true;
}

size_t desc_cell(char *buf, size_t size, const char *fmt, ...)
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

static uint64_t rec_id(const void *rec)
{
	return ((const struct record_head *)rec)->id;
}

/* --- the source of records --- */

static void add_row(void *ctx, const void *rec)
{
	ui_list_append(ctx, rec);
}

static void put_filter(struct codec_buf *req, const char *field, const char *value)
{
	char text[DESC_VALUE_SIZE + 64];

	snprintf(text, sizeof(text), "%s=%s", field, value);
	codec_put_str(req, WF_FILTER, text);
}

/* The filter served by its index: the only one set, when no words are
 * searched and no parent holds the list; -1 when none. */
static int index_filter(const struct list_state *ls)
{
	int found = -1;

	for (size_t i = 0; i < ls->desc->nfilters; i++)
		if (ls->filters[i][0])
			found = found == -1 && ls->desc->filters[i].index ? (int)i : -2;
	return found >= 0 && !ls->parent && !ui_list_filter(ls->list)[0] ? found : -1;
}

/* A page of records: further down the list is the server's order (or
 * backwards for a list of the newest first), further up the other way. */
static enum status fetch_records(void *ctx, struct ui_list *list, struct ui_list_page *page,
                                 bool *more)
{
	struct list_state *ls = ctx;
	const struct screen_desc *d = ls->desc;
	struct codec_buf *req = ui_record_list(ls->ui, d->def);
	uint8_t key[DESC_VALUE_SIZE + 1];
	int by_index = index_filter(ls), len;

	if (!page->from && !page->up)
		ls->fetched = time(NULL);
	if (d->newest_first != page->up)
		codec_put_u64(req, WF_BACKWARD, 1);
	if (ls->parent)
		codec_put_u64(req, WF_PARENT, rec_id(ls->parent));
	else if (ui_list_filter(list)[0])
		codec_put_str(req, WF_WORDS, ui_list_filter(list));
	for (size_t i = 0; i < d->nfilters; i++)
		if ((int)i == by_index &&
		    (len = index_put_text(key, sizeof(key), ls->filters[i])) > 0) {
			codec_put_str(req, WF_INDEX, d->filters[i].name);
			codec_put_bytes(req, WF_KEY, key, (size_t)len);
		} else if (ls->filters[i][0]) {
			put_filter(req, d->filters[i].name, ls->filters[i]);
		}
	if (page->from)
		page->last = *page->from;
	return ui_record_page(ls->ui, req, d->def, &page->last, &page->first, add_row, list, more);
}

static enum status fetch_rows(void *ctx, struct ui_list *list, struct ui_list_page *page,
                              bool *more)
{
	struct list_state *ls = ctx;

	if (ls->desc->fetch)
		return ls->desc->fetch(ls, list, page, more);
	*more = false;
	return ls->desc->rows(ls, list);
}

/* --- the heading --- */

/* "Angebote · Sozialraum FG · Träger alle", "Monatszahlen · Angebot:
 * Elterncafé", and the words searched. */
static void heading_text(const struct list_state *ls, char *buf, size_t size)
{
	const struct screen_desc *d = ls->desc;
	const struct field_def *name;
	char value[DESC_VALUE_SIZE * 2];
	size_t used;

	if (d->heading) {
		d->heading(ls, buf, size);
		return;
	}
	used = desc_cell(buf, size, "%s", d->title);
	if (ls->parent && ls->parent_def) {
		const struct screen_desc *pd = desc_find(ls->parent_def->table);

		name = pd && pd->name_field ? record_field(ls->parent_def, pd->name_field) : NULL;
		if (name)
			field_format(name, ls->parent, value, sizeof(value));
		else
			snprintf(value, sizeof(value), "Nr. %llu",
			         (unsigned long long)rec_id(ls->parent));
		used += desc_cell(buf + used, size - used, " · %s: %s", ls->parent_def->label,
		                  value);
	}
	for (size_t i = 0; i < d->nfilters; i++)
		used += desc_cell(buf + used, size - used, " · %s: %s", d->filters[i].label,
		                  ls->filters[i][0] ? ls->filters[i] : "alle");
	if (ui_list_filter(ls->list)[0])
		desc_cell(buf + used, size - used, " · Suche: %s", ui_list_filter(ls->list));
}

/* --- filters --- */

/* The entries of a configuration list for a pick list, "alle" first. */
static size_t filter_entries(const struct config *config, enum field_source source,
                             struct ui_pick_entry *out, size_t cap)
{
	size_t n = 0;

	out[n++] = (struct ui_pick_entry){"", "alle"};
	switch (source) {
	case SOURCE_DISTRICTS:
		for (size_t i = 0; i < config->ndistricts && n < cap; i++)
			out[n++] = (struct ui_pick_entry){config->districts[i].id,
			                                  config->districts[i].name};
		break;
	case SOURCE_TEAMS:
		for (size_t i = 0; i < config->nteams && n < cap; i++)
			out[n++] =
			        (struct ui_pick_entry){config->teams[i].id, config->teams[i].name};
		break;
	case SOURCE_PROVIDERS:
		for (size_t i = 0; i < config->nproviders && n < cap; i++)
			out[n++] = (struct ui_pick_entry){config->providers[i].id,
			                                  config->providers[i].name};
		break;
	case SOURCE_STAFF:
		for (size_t i = 0; i < config->nstaff && n < cap; i++)
			out[n++] = (struct ui_pick_entry){config->staff[i].login,
			                                  config->staff[i].name};
		break;
	default:
		break;
	}
	return n;
}

static size_t source_size(const struct config *config, enum field_source source)
{
	switch (source) {
	case SOURCE_DISTRICTS:
		return config->ndistricts;
	case SOURCE_TEAMS:
		return config->nteams;
	case SOURCE_PROVIDERS:
		return config->nproviders;
	case SOURCE_STAFF:
		return config->nstaff;
	default:
		return 0;
	}
}

/* A value for filter I of a choice field: one of its choices. */
static bool choose_choice(struct list_state *ls, size_t i, const struct field_def *fd)
{
	struct ui_pick_entry entries[32] = {{"", "alle"}};
	char title[96];
	size_t n = 1, sel = 0;
	int k;

	for (size_t c = 0; fd->choices[c] && n < sizeof(entries) / sizeof(entries[0]); c++, n++) {
		entries[n] = (struct ui_pick_entry){
		        fd->choices[c], fd->choice_labels ? fd->choice_labels[c] : NULL};
		if (strcmp(fd->choices[c], ls->filters[i]) == 0)
			sel = n;
	}
	snprintf(title, sizeof(title), "%s wählen", ls->desc->filters[i].label);
	if ((k = ui_pick(ls->ui, title, entries, n, sel)) < 0)
		return false;
	text_copy(ls->filters[i], sizeof(ls->filters[i]), entries[k].value);
	return true;
}

/* A value for filter I: from the pick list of its source, or of the
 * field's choices, or typed. */
static bool choose_value(struct list_state *ls, size_t i)
{
	const struct desc_filter *f = &ls->desc->filters[i];
	const struct config *config = ui_config(ls->ui);
	char value[DESC_VALUE_SIZE], title[96];
	const struct field_def *fd;
	struct ui_pick_entry *entries;
	size_t n, sel = 0;
	int k;

	if (f->source == SOURCE_NONE &&
	    (fd = ls->desc->def ? record_field(ls->desc->def, f->name) : NULL) &&
	    fd->type == FIELD_CHOICE)
		return choose_choice(ls, i, fd);
	if (f->source == SOURCE_NONE) {
		text_copy(value, sizeof(value), ls->filters[i]);
		if (!ui_prompt(ls->ui, f->prompt, value, sizeof(value)))
			return false;
		text_trim(value);
		if (value[0] && f->check && !f->check(ls->ui, value, sizeof(value)))
			return false;
		text_copy(ls->filters[i], sizeof(ls->filters[i]), value);
		return true;
	}
	n = source_size(config, f->source) + 1;
	if (!(entries = calloc(n, sizeof(*entries))))
		return false;
	n = filter_entries(config, f->source, entries, n);
	for (size_t j = 1; j < n; j++)
		if (strcmp(entries[j].value, ls->filters[i]) == 0)
			sel = j;
	snprintf(title, sizeof(title), "%s wählen", f->label);
	k = ui_pick(ls->ui, title, entries, n, sel);
	if (k >= 0)
		text_copy(ls->filters[i], sizeof(ls->filters[i]), entries[k].value);
	free(entries);
	return k >= 0;
}

/* F4: which filter (when there are several, or to clear them all), then
 * its value. */
static int choose_filter(struct list_state *ls)
{
	const struct screen_desc *d = ls->desc;
	struct ui_pick_entry entries[DESC_FILTERS_MAX + 1];
	size_t n = 0;
	int k = 0;

	for (size_t i = 0; i < d->nfilters && i < DESC_FILTERS_MAX; i++)
		entries[n++] = (struct ui_pick_entry){d->filters[i].label,
		                                      ls->filters[i][0] ? ls->filters[i] : "alle"};
	if (n > 1) {
		entries[n++] = (struct ui_pick_entry){"Alle Filter aufheben", NULL};
		if ((k = ui_pick(ls->ui, "Filter", entries, n, 0)) < 0)
			return UI_HANDLED | UI_REDRAW;
	}
	if ((size_t)k == d->nfilters) {
		memset(ls->filters, 0, sizeof(ls->filters));
		ui_message(ls->ui, "Alle Filter sind aufgehoben.");
	} else if (!choose_value(ls, (size_t)k)) {
		return UI_HANDLED | UI_REDRAW;
	}
	return scr_list_reload(ls, true);
}

/* --- opening rows --- */

static int open_row(struct list_state *ls, const void *row)
{
	const struct screen_desc *d = ls->desc;

	if (d->sub && d->sub_index)
		scr_list_open(ls->ui, d->sub, NULL, d->sub_index(row));
	else if (d->def && d->nsections)
		scr_form_open(ls->ui, d, rec_id(row), ls->parent, NULL);
	return UI_HANDLED | UI_REDRAW;
}

size_t desc_nchildren(const struct screen_desc *desc)
{
	return desc->nchildren + (desc->def && desc->def->audited);
}

const char *desc_child_title(const struct screen_desc *desc)
{
	if (desc_nchildren(desc) != 1)
		return NULL;
	return desc->nchildren ? desc->children[0]->title : history_desc.title;
}

int desc_open_children(struct ui *ui, const struct screen_desc *desc, const void *rec)
{
	struct ui_pick_entry entries[DESC_CHILDREN_MAX + 1];
	size_t n = 0;
	int k = 0;

	for (size_t i = 0; i < desc->nchildren && n < DESC_CHILDREN_MAX; i++)
		entries[n++] = (struct ui_pick_entry){desc->children[i]->title, NULL};
	if (desc->def && desc->def->audited)
		entries[n++] =
		        (struct ui_pick_entry){history_desc.title, "wer was wann geändert hat"};
	if (n > 1 && (k = ui_pick(ui, "Zugehörige Listen", entries, n, 0)) < 0)
		return UI_HANDLED | UI_REDRAW;
	if ((size_t)k < desc->nchildren)
		scr_list_open(ui, desc->children[k], rec, -1);
	else if (n)
		scr_list_open_of(ui, &history_desc, desc->def, rec);
	return UI_HANDLED | UI_REDRAW;
}

/* A child found without its parent (a person by name): the parent's form. */
static int open_parent(struct list_state *ls, const void *row)
{
	const struct record_def *def = ls->desc->def;
	const struct screen_desc *pd = desc_find(def->parent->table);
	int64_t id = 0;

	record_field_number(record_field(def, def->parent_field), row, &id);
	if (pd && id)
		scr_form_open(ls->ui, pd, (uint64_t)id, NULL, NULL);
	return UI_HANDLED | UI_REDRAW;
}

/* The user's folder of the export directory, made (0700) when missing;
 * false with the message said when there is none. */
static bool export_folder(struct ui *ui, char *dir, size_t size)
{
	const char *root = ui_config(ui)->export_dir;
	struct stat st;

	if (!root[0]) {
		ui_error(ui, "Kein Exportordner eingerichtet (export_dir in der Konfiguration).");
		return false;
	}
	if ((size_t)snprintf(dir, size, "%s/%s", root, ui_me(ui)->login) >= size ||
	    (mkdir(dir, 0700) != 0 && errno != EEXIST) || lstat(dir, &st) != 0 ||
	    !S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		ui_error(ui, "Der Exportordner %s lässt sich nicht anlegen (%s).", dir,
		         strerror(errno ? errno : EPERM));
		return false;
	}
	return true;
}

/* The name of a list's file: its export's, else its title's letters
 * folded to ASCII ("Sozialräume": "sozialraeume"). */
static void export_name(const struct list_state *ls, const char *kind, char *buf, size_t size)
{
	if (kind) {
		snprintf(buf, size, "%s", kind);
		return;
	}
	text_fold(ls->desc->title, buf, size);
	for (char *p = buf; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			*p = '-';
}

/* What the list is as an export: its own (the year the screen shows), or
 * a record list (a child list: its parent's children); NULL kind: its
 * rows came all at once, this program writes them. */
static struct wire_export_query export_query(const struct list_state *ls)
{
	const struct screen_desc *d = ls->desc;
	struct wire_export_query q = {0};

	if (d->nfilters && strcmp(d->filters[0].name, "year") == 0)
		q.year = atoi(ls->filters[0]);
	if (d->export_kind) {
		q.kind = d->export_kind;
	} else if (d->def) {
		q.kind = d->def->table;
		if (ls->parent && ls->parent_def == d->def->parent)
			q.parent = ((const struct record_head *)ls->parent)->id;
	}
	return q;
}

/* 'x': the list as a CSV file, written by this program as this user into
 * a new file of their folder of the export directory: the server's
 * export of it (what this user may export), or the rows in hand where
 * they are all there is. */
static int export_list(struct list_state *ls)
{
	struct wire_export_query q = export_query(ls);
	char dir[PATH_MAX], path[PATH_MAX + 128], stamp[32], name[64], why[256] = "";
	time_t now = time(NULL);
	struct tm tm;
	FILE *out;
	enum status st;
	int fd;

	if (!export_folder(ls->ui, dir, sizeof(dir)))
		return UI_HANDLED;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d-%H%M%S", &tm);
	export_name(ls, q.kind, name, sizeof(name));
	snprintf(path, sizeof(path), "%s/%s-%s.csv", dir, name, stamp);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		ui_error(ls->ui, "%s lässt sich nicht anlegen (%s).", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return UI_HANDLED;
	}
	st = q.kind ? ui_export(ls->ui, &q, out, why, sizeof(why)) : ui_list_csv(ls->list, out);
	if (fclose(out) != 0 && st == STATUS_OK)
		st = STATUS_ERR_IO;
	if (st != STATUS_OK) {
		unlink(path);
		ui_error(ls->ui, "Export nicht möglich: %s", why[0] ? why : status_message(st));
		return UI_HANDLED;
	}
	ui_message(ls->ui, "Exportiert: %s", realpath(path, dir) ? dir : path);
	return UI_HANDLED;
}

static int run_action(struct list_state *ls, int action)
{
	const void *row = ui_list_selected(ls->list);

	switch (action) {
	case A_NEW:
		scr_form_open(ls->ui, ls->desc, 0, ls->parent, NULL);
		return UI_HANDLED | UI_REDRAW;
	case A_FILTER:
		return choose_filter(ls);
	case A_RELOAD:
		return scr_list_reload(ls, false);
	case A_EXPORT:
		return export_list(ls);
	default:
		break;
	}
	if (!row) {
		ui_message(ls->ui, "Die Liste ist leer.");
		return UI_HANDLED;
	}
	if (action == A_OPEN)
		return open_row(ls, row);
	if (action == A_CHILDREN)
		return desc_open_children(ls->ui, ls->desc, row);
	if (action == A_PARENT)
		return open_parent(ls, row);
	return ls->desc->actions[action - A_ACTION].run(ls, row);
}

/* --- the screen --- */

static void add_key(struct list_state *ls, size_t *n, struct ui_key key)
{
	if (*n < sizeof(ls->keys) / sizeof(ls->keys[0]))
		ls->keys[(*n)++] = key;
}

/* The commands this list offers, from its descriptor; actions on records
 * only to the roles the rights table lets do them. */
static size_t make_keys(struct list_state *ls)
{
	const struct screen_desc *d = ls->desc;
	size_t n = 0;

	if (d->sub || (d->def && d->nsections))
		add_key(ls, &n, (struct ui_key){CMD_OPEN, d->open_label, NULL, A_OPEN});
	/* A child is made within its parent's list, and a child listed
	 * without it (a person found by name) opens its parent. */
	if (d->def && d->nsections && (!d->def->parent || ls->parent))
		add_key(ls, &n, (struct ui_key){CMD_NEW, NULL, NULL, A_NEW, d->def, VERB_CREATE});
	if (d->def && d->def->parent && !ls->parent)
		add_key(ls, &n,
		        (struct ui_key){CMD_PARENT, d->def->parent->label, NULL, A_PARENT,
		                        d->def->parent, VERB_READ});
	add_key(ls, &n,
	        (struct ui_key){CMD_SEARCH, NULL,
	                        d->words ? "nach Wörtern des Namens suchen (leer: alle)"
	                                 : "die Liste eingrenzen (leer: alle)",
	                        A_LIST});
	if (d->nfilters)
		add_key(ls, &n, (struct ui_key){CMD_FILTER, NULL, NULL, A_FILTER});
	for (size_t i = 0; i < d->nactions; i++)
		add_key(ls, &n,
		        (struct ui_key){d->actions[i].cmd, d->actions[i].label, d->actions[i].help,
		                        A_ACTION + (int)i,
		                        d->actions[i].def ? d->actions[i].def : d->def,
		                        d->actions[i].verb});
	if (desc_nchildren(d))
		add_key(ls, &n,
		        (struct ui_key){CMD_CHILDREN, desc_child_title(d), NULL, A_CHILDREN});
	if (d->def || d->from_server)
		add_key(ls, &n, (struct ui_key){CMD_RELOAD, NULL, NULL, A_RELOAD});
	if (d->export_kind || d->def || d->rows) /* not the audit log's pages */
		add_key(ls, &n, (struct ui_key){CMD_EXPORT, NULL, NULL, A_EXPORT});
	add_key(ls, &n, (struct ui_key){CMD_SORT, "", NULL, A_LIST});
	add_key(ls, &n, (struct ui_key){CMD_SORT_REV, "", NULL, A_LIST});
	return n;
}

/* The user's own district: the first of their team's. */
static const char *home_district(struct ui *ui)
{
	const struct cfg_staff *me = ui_staff(ui);
	const struct config *config = ui_config(ui);

	if (me->team < 0 || !config->teams[me->team].ndistricts)
		return "";
	return config->districts[config->teams[me->team].districts[0]].id;
}

static WINDOW *pane_new(struct screen *s)
{
	return derwin(s->win, getmaxy(s->win) - 1, getmaxx(s->win), 1, 0);
}

static enum status list_open(struct screen *s)
{
	struct list_state *ls = s->data;
	const struct screen_desc *d = ls->desc;
	struct ui_list_source source = {.fetch = d->def ? fetch_records : fetch_rows,
	                                .ctx = ls,
	                                .server_filter = d->words,
	                                .two_way = d->def || d->fetch};

	ls->ui = s->ui;
	ls->screen = s;
	s->title = d->title;
	ls->heading_dirty = true;
	s->keys = ls->keys;
	s->nkeys = make_keys(ls);
	for (size_t i = 0; i < d->nfilters && i < DESC_FILTERS_MAX; i++)
		if (ls->preset_name && strcmp(d->filters[i].name, ls->preset_name) == 0)
			text_copy(ls->filters[i], sizeof(ls->filters[i]), ls->preset);
		else if (d->filters[i].home_district && !ls->parent)
			text_copy(ls->filters[i], sizeof(ls->filters[i]), home_district(s->ui));
	if (!(ls->pane = pane_new(s)))
		return STATUS_ERR_NOMEM;
	ls->list = ui_list_new(s->ui, ls->pane, d->def, d->columns, d->ncolumns,
	                       d->def ? d->def->size : d->row_size, source);
	if (!ls->list)
		return STATUS_ERR_NOMEM;
	return ui_list_reload(ls->list);
}

static void list_draw(struct screen *s)
{
	struct list_state *ls = s->data;
	char text[HEADING_SIZE];

	/* What others saved shows by itself: at most once a second (a burst
	 * of saves costs one fetch), and in a long list scrolled far (or
	 * gone to its end) only when asked, since the list is fetched again
	 * from its start. */
	if (ls->stale && time(NULL) > ls->fetched) {
		ls->stale = false;
		if (ui_list_count(ls->list) <= LIVE_ROWS && ui_list_at_start(ls->list))
			scr_list_reload(ls, false);
		else
			ui_message(s->ui, "Es gibt neue Änderungen: g lädt die Liste neu.");
	}
	if (ls->heading_dirty) {
		heading_text(ls, text, sizeof(text));
		wattrset(s->win, (int)ui_attr(s->ui, UI_ATTR_TITLE));
		ui_put(s->win, 0, 0, text, getmaxx(s->win), true);
		wattrset(s->win, A_NORMAL);
		ls->heading_dirty = false;
	}
	/* Every time: after the shell touched the body this sends the list's
	 * lines too, which share the body's memory. */
	wnoutrefresh(s->win);
	ui_list_draw(ls->list);
}

static int list_key(struct screen *s, int action, struct ui_input in)
{
	struct list_state *ls = s->data;
	int flags;

	if (action > 0 && action != A_LIST)
		return run_action(ls, action);
	flags = ui_list_key(ls->list, in);
	/* A heading made by the descriptor may follow the cursor; a search
	 * changes the default one. */
	if (flags & UI_REDRAW || ls->desc->heading)
		ls->heading_dirty = true;
	return flags;
}

/* A new size, or back from a screen above (a form that saved): the list is
 * fetched again for records. */
static void list_resize(struct screen *s)
{
	struct list_state *ls = s->data;
	WINDOW *pane = pane_new(s);

	if (!pane)
		return; /* keep the old window; the next resize tries again */
	ui_list_resize(ls->list, pane);
	delwin(ls->pane);
	ls->pane = pane;
	ls->heading_dirty = true;
	if (ls->desc->def)
		ui_list_reload(ls->list);
}

static void list_event(struct screen *s, const struct wire_event *ev)
{
	struct list_state *ls = s->data;

	if (ls->desc->refresh && ls->desc->def && strcmp(ev->table, ls->desc->def->table) == 0)
		ls->stale = true;
}

/* The subwindow goes before the shell deletes the body: curses refuses to
 * delete a window that still has subwindows. */
static void list_close(struct screen *s)
{
	struct list_state *ls = s->data;

	if (!ls)
		return;
	ui_list_free(ls->list);
	if (ls->pane)
		delwin(ls->pane);
	free(ls->parent);
	free(ls->extra);
	free(ls);
	s->data = NULL;
}

int scr_list_reload(struct list_state *ls, bool from_top)
{
	if (from_top)
		ui_list_key(ls->list, (struct ui_input){.ch = KEY_HOME, .is_key = true});
	ls->heading_dirty = true;
	ui_list_reload(ls->list); /* errors were shown by the fetch */
	return UI_HANDLED | UI_REDRAW;
}

/* One set of ops for every list; the title is the descriptor's, which the
 * top bar takes from the screen (see screen_title in shell.c). */
static const struct screen_ops list_ops = {
        .title = NULL,
        .open = list_open,
        .draw = list_draw,
        .key = list_key,
        .resize = list_resize,
        .event = list_event,
        .close = list_close,
};

static bool list_push(struct ui *ui, const struct screen_desc *desc,
                      const struct record_def *parent_def, const void *parent, int parent_index,
                      const char *preset_name, const char *preset)
{
	struct list_state *ls = calloc(1, sizeof(*ls));
	size_t parent_size = parent_def ? parent_def->size : 0;

	if (!ls)
		return false;
	ls->desc = desc;
	ls->parent_def = parent_def;
	ls->parent_index = parent_index;
	if ((desc->extra_size && !(ls->extra = calloc(1, desc->extra_size))) ||
	    (parent && parent_size && !(ls->parent = malloc(parent_size)))) {
		free(ls->extra);
		free(ls);
		return false;
	}
	if (ls->parent)
		memcpy(ls->parent, parent, parent_size);
	ls->preset_name = preset_name;
	text_copy(ls->preset, sizeof(ls->preset), preset ? preset : "");
	return ui_push(ui, &list_ops, ls);
}

bool scr_list_open(struct ui *ui, const struct screen_desc *desc, const void *parent,
                   int parent_index)
{
	return list_push(ui, desc, desc->def ? desc->def->parent : NULL, parent, parent_index, NULL,
	                 NULL);
}

bool scr_list_open_of(struct ui *ui, const struct screen_desc *desc,
                      const struct record_def *parent_def, const void *parent)
{
	return list_push(ui, desc, parent_def, parent, -1, NULL, NULL);
}

bool scr_list_open_filtered(struct ui *ui, const struct screen_desc *desc, const char *name,
                            const char *value)
{
	return list_push(ui, desc, NULL, NULL, -1, name, value);
}
