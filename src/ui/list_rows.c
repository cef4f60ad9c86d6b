/* The rows a list holds: in list order as the source gave them, filtered
 * and sorted into VIS; and the window of pages a two-way source gave,
 * which slides as the user scrolls.
 *
 * A list of records holds at most LIST_WINDOW_PAGES pages however far one
 * scrolls: a page fetched below lets the top page go, one fetched above
 * (from the server's position of the top row, keyset backwards) lets the
 * bottom page go. End fetches the last page from the other end, so it
 * costs what the first page costs at any length of the list; Home
 * fetches the first again when the window has moved.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list_private.h"
#include "model/csv.h"
#include "model/text.h"

/* --- rows and cells --- */

const void *list_row(const struct ui_list *list, size_t row)
{
	return list->rows + row * list->row_size;
}

size_t list_page(const struct ui_list *list)
{
	int h = getmaxy(list->win);

	return h > 3 ? (size_t)(h - 2) : 1;
}

void list_cell(const struct ui_list *list, size_t col, const void *row, char *buf, size_t size)
{
	buf[0] = '\0';
	if (list->place[col].field)
		field_format(list->place[col].field, row, buf, size);
	else if (list->columns[col].format)
		list->columns[col].format(row, buf, size);
}

enum status ui_list_csv(const struct ui_list *list, FILE *out)
{
	char cell[LIST_CELL_SIZE];
	struct csv csv;

	csv_open_file(&csv, out);
	csv_bom(&csv);
	for (size_t c = 0; c < list->ncolumns; c++)
		csv_text(&csv, list->columns[c].label);
	csv_end_row(&csv);
	for (size_t i = 0; i < list->nvis; i++) {
		for (size_t c = 0; c < list->ncolumns; c++) {
			list_cell(list, c, list_row(list, list->vis[i]), cell, sizeof(cell));
			csv_text(&csv, cell);
		}
		csv_end_row(&csv);
	}
	return csv_status(&csv);
}

/* Local filtering: the folded filter is found in the folded text of any
 * cell, so "muell" finds "Müller" in whichever column it stands. */
static bool list_row_matches(const struct ui_list *list, const void *row)
{
	char cell[LIST_CELL_SIZE], folded[LIST_CELL_SIZE * 2];

	if (!list->folded[0] || list->source.server_filter)
		return true;
	for (size_t col = 0; col < list->ncolumns; col++) {
		list_cell(list, col, row, cell, sizeof(cell));
		text_fold(cell, folded, sizeof(folded));
		if (strstr(folded, list->folded))
			return true;
	}
	return false;
}

void ui_list_append(struct ui_list *list, const void *row)
{
	if (list->nrows == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 64;
		char *rows = realloc(list->rows, cap * list->row_size);

		if (!rows) {
			list->nomem = true;
			return;
		}
		list->rows = rows;
		list->cap = cap;
	}
	memcpy(list->rows + list->nrows * list->row_size, row, list->row_size);
	list->nrows++;
}

static bool list_vis_push(struct ui_list *list, size_t row)
{
	if (list->nvis == list->vis_cap) {
		size_t cap = list->vis_cap ? list->vis_cap * 2 : 64;
		size_t *vis = realloc(list->vis, cap * sizeof(*vis));

		if (!vis)
			return false;
		list->vis = vis;
		list->vis_cap = cap;
	}
	list->vis[list->nvis++] = row;
	return true;
}

/* --- sorting --- */

/* The key of one row for the sort: a number, or the folded cell text. */
struct sort_key {
	size_t row;
	int64_t num;
	char *text; /* malloc'd; NULL for numbers */
	int sign;   /* -1 descending */
};

/* A number as shown in German ("1.234,56 €", "-3", "12"), scaled by 100
 * so whole numbers and cents compare alike; text without digits is 0. */
static int64_t list_parse_number(const char *s)
{
	int64_t v = 0;
	int decimals = -1;
	bool negative = false;

	while (*s && !(*s >= '0' && *s <= '9') && *s != '-')
		s++;
	if (*s == '-')
		negative = true, s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (decimals >= 2 || v > INT64_MAX / 1000)
				continue;
			v = v * 10 + (*s - '0');
			decimals += decimals >= 0;
		} else if (*s == ',' && decimals < 0) {
			decimals = 0;
		} else if (*s != '.') {
			break;
		}
	}
	for (decimals = decimals < 0 ? 0 : decimals; decimals < 2; decimals++)
		v *= 10;
	return negative ? -v : v;
}

static void list_sort_key(const struct ui_list *list, size_t row, struct sort_key *key)
{
	const void *rec = list_row(list, row);
	const struct field_def *f = list->place[list->sort].field;
	char cell[LIST_CELL_SIZE], folded[LIST_CELL_SIZE * 2];

	key->row = row;
	key->num = 0;
	key->text = NULL;
	key->sign = list->descending ? -1 : 1;
	if (f && record_field_number(f, rec, &key->num))
		return;
	list_cell(list, (size_t)list->sort, rec, cell, sizeof(cell));
	if (list->columns[list->sort].numeric) {
		key->num = list_parse_number(cell);
		return;
	}
	text_fold(cell, folded, sizeof(folded));
	key->text = strdup(folded);
}

/* Ties keep the source order, so a sort is stable whichever way it runs. */
static int list_compare_keys(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	int c;

	if (a->text || b->text)
		c = strcmp(a->text ? a->text : "", b->text ? b->text : "");
	else
		c = (a->num > b->num) - (a->num < b->num);
	if (c)
		return c * a->sign;
	return (a->row > b->row) - (a->row < b->row);
}

/* Puts VIS (filled in source order) in sort order. Keys are made once per
 * row, not per comparison; without memory for them the order stays. */
static void list_sort_vis(struct ui_list *list)
{
	struct sort_key *keys;

	if (list->sort < 0)
		return;
	keys = malloc((list->nvis ? list->nvis : 1) * sizeof(*keys));
	if (!keys) {
		ui_error(list->ui, "%s", status_message(STATUS_ERR_NOMEM));
		return;
	}
	for (size_t i = 0; i < list->nvis; i++)
		list_sort_key(list, list->vis[i], &keys[i]);
	qsort(keys, list->nvis, sizeof(*keys), list_compare_keys);
	for (size_t i = 0; i < list->nvis; i++) {
		list->vis[i] = keys[i].row;
		free(keys[i].text);
	}
	free(keys);
}

/* --- keeping the cursor --- */

/* Moves TOP so that the cursor is on screen, and no blank lines stay at
 * the bottom while rows above are hidden. */
void list_show_cursor(struct ui_list *list)
{
	size_t page = list_page(list);

	if (list->nvis == 0) {
		list->cursor = list->top = 0;
		return;
	}
	if (list->cursor >= list->nvis)
		list->cursor = list->nvis - 1;
	if (list->top + page > list->nvis)
		list->top = list->nvis > page ? list->nvis - page : 0;
	if (list->cursor < list->top)
		list->top = list->cursor;
	if (list->cursor >= list->top + page)
		list->top = list->cursor - page + 1;
}

/* Puts the cursor back on row ROW (an index into ROWS) after VIS was
 * rebuilt; on the first line when that row is gone. */
static void list_find_row(struct ui_list *list, size_t row)
{
	list->cursor = 0;
	for (size_t i = 0; i < list->nvis; i++)
		if (list->vis[i] == row) {
			list->cursor = i;
			break;
		}
	list_show_cursor(list);
}

/* Rebuilds VIS after the filter or the sort changed, keeping the cursor on
 * its row when that row is still shown. */
void list_rebuild(struct ui_list *list)
{
	size_t row = list->nvis ? list->vis[list->cursor] : SIZE_MAX;

	list->nvis = 0;
	for (size_t i = 0; i < list->nrows; i++)
		if (list_row_matches(list, list_row(list, i)) && !list_vis_push(list, i))
			list->nomem = true;
	list_sort_vis(list);
	list_find_row(list, row);
	list->full = true;
}

/* Takes rows FROM.. (just fetched) into VIS. Appended in source order
 * they leave the lines on screen alone; sorted in they may move
 * everything. */
static void list_take_rows(struct ui_list *list, size_t from)
{
	size_t row = list->nvis ? list->vis[list->cursor] : SIZE_MAX;

	for (size_t i = from; i < list->nrows; i++)
		if (list_row_matches(list, list_row(list, i)) && !list_vis_push(list, i))
			list->nomem = true;
	if (list->sort >= 0 && list->nrows > from) {
		list_sort_vis(list);
		list_find_row(list, row);
		list->full = true;
	}
}

/* --- the window of pages --- */

#define LIST_EMPTY_PAGES 20

/* VIS anew after the rows moved by DELTA (positive: rows came in above),
 * the cursor and the top line on the rows they were on; a cursor whose
 * row went stays at that end. */
static void list_shifted(struct ui_list *list, long delta)
{
	/* With no rows before, rows that came in above put it on the last. */
	long crow = list->nvis ? (long)list->vis[list->cursor] + delta : delta > 0 ? LONG_MAX : 0;
	size_t offset = list->cursor - list->top;

	list->nvis = 0;
	for (size_t i = 0; i < list->nrows; i++)
		if (list_row_matches(list, list_row(list, i)) && !list_vis_push(list, i))
			list->nomem = true;
	list_sort_vis(list);
	list->cursor = crow < 0 || !list->nvis ? 0 : list->nvis - 1;
	for (size_t i = 0; crow >= 0 && i < list->nvis; i++)
		if ((long)list->vis[i] >= crow) {
			list->cursor = i;
			break;
		}
	list->top = list->cursor > offset ? list->cursor - offset : 0;
	list_show_cursor(list);
	list->full = true;
}

static void list_drop_top(struct ui_list *list)
{
	size_t k = list->pages[0].nrows;

	memmove(list->rows, list->rows + k * list->row_size, (list->nrows - k) * list->row_size);
	list->nrows -= k;
	memmove(list->pages, list->pages + 1, --list->npages * sizeof(list->pages[0]));
	list->more_above = true;
	list_shifted(list, -(long)k);
}

static void list_drop_bottom(struct ui_list *list)
{
	list->nrows -= list->pages[--list->npages].nrows;
	list->more = true;
	list_shifted(list, 0);
}

/* The rows FROM.. came nearest first from above: they go to the front in
 * list order. */
static bool list_move_to_front(struct ui_list *list, size_t from)
{
	size_t k = list->nrows - from, size = list->row_size;
	char *moved = malloc(k ? k * size : 1);

	if (!moved)
		return false;
	for (size_t i = 0; i < k; i++)
		memcpy(moved + (k - 1 - i) * size, list->rows + (from + i) * size, size);
	memmove(list->rows + k * size, list->rows, from * size);
	memcpy(list->rows, moved, k * size);
	free(moved);
	return true;
}

/* A page from the source, appended to the rows. */
static enum status list_ask(struct ui_list *list, struct ui_list_page *page, bool *more)
{
	list->nomem = false;
	list->loaded = true;
	return list->source.fetch(list->source.ctx, list, page, more);
}

/* One page below the rows in hand; *GOT: the rows it brought. */
static enum status list_fetch_down(struct ui_list *list, size_t *got)
{
	struct ui_list_page page = {.from = list->npages ? &list->pages[list->npages - 1].bottom
	                                                 : NULL};
	size_t from = list->nrows;
	bool more = false;
	enum status st = list_ask(list, &page, &more);

	list->more = st == STATUS_OK ? more : list->more;
	*got = list->nrows - from;
	list_take_rows(list, from);
	if (st == STATUS_OK && list->source.two_way) {
		list->pages[list->npages++] =
		        (struct list_window_page){list->nrows - from, page.first, page.last};
		if (list->npages > LIST_WINDOW_PAGES)
			list_drop_top(list);
	}
	if (st == STATUS_OK && list->nomem)
		st = STATUS_ERR_NOMEM;
	return st;
}

/* One page above the rows in hand (with none in hand: the last page);
 * *GOT: the rows it brought. */
static enum status list_fetch_up(struct ui_list *list, size_t *got)
{
	struct ui_list_page page = {.up = true, .from = list->npages ? &list->pages[0].top : NULL};
	size_t from = list->nrows;
	bool more = false;
	enum status st = list_ask(list, &page, &more);

	*got = 0;
	if (st == STATUS_OK && !list_move_to_front(list, from))
		st = STATUS_ERR_NOMEM;
	if (st != STATUS_OK) {
		list->nrows = from;
		return st;
	}
	*got = list->nrows - from;
	memmove(list->pages + 1, list->pages, list->npages++ * sizeof(list->pages[0]));
	list->pages[0] = (struct list_window_page){list->nrows - from, page.last, page.first};
	list->more_above = more;
	list_shifted(list, (long)(list->nrows - from));
	if (list->npages > LIST_WINDOW_PAGES)
		list_drop_bottom(list);
	return list->nomem ? STATUS_ERR_NOMEM : STATUS_OK;
}

/* A sorted list sorts the rows in hand: its window does not slide. */
static bool list_may_fetch(const struct ui_list *list)
{
	return !list->source.two_way || list->sort < 0 || list->npages < LIST_WINDOW_PAGES;
}

/* Pages until WANT rows are visible or the source has no more. A page may
 * come back empty and promise more (the server reads a bounded number of
 * records per page, of which the user may see none): the next one goes on
 * after it, but a run of empty ones waits for the user to scroll on. A
 * full window is not slid to fill. */
enum status list_fill(struct ui_list *list, size_t want)
{
	enum status st = STATUS_OK;
	int empty = 0;

	while (st == STATUS_OK && list->more && list->nvis < want && empty < LIST_EMPTY_PAGES &&
	       list->npages < LIST_WINDOW_PAGES) {
		size_t got;

		st = list_fetch_down(list, &got);
		empty = got ? 0 : empty + 1;
	}
	return st;
}

enum status ui_list_reload(struct ui_list *list)
{
	size_t keep = list->more_above ? 0 : list->cursor;
	enum status st;

	list->nrows = list->nvis = list->npages = 0;
	list->more = true;
	list->more_above = false;
	st = list_fill(list, keep + list_page(list) + 1);
	list->cursor = keep;
	list->top = list->top > keep ? keep : list->top;
	list_show_cursor(list);
	list->full = true;
	return st;
}

/* --- moving --- */

/* STEPS rows down: a page is fetched while a page of rows still lies
 * ahead, so scrolling never waits at the end of what is in hand. */
static enum status list_ahead_down(struct ui_list *list, size_t steps)
{
	enum status st = STATUS_OK;
	int empty = 0;

	while (st == STATUS_OK && list->more && empty < LIST_EMPTY_PAGES && list_may_fetch(list) &&
	       list->cursor + steps + list_page(list) + 1 > list->nvis) {
		size_t got;

		st = list_fetch_down(list, &got);
		empty = got ? 0 : empty + 1;
	}
	return st;
}

/* STEPS rows up, over the top of the window. */
static enum status list_ahead_up(struct ui_list *list, size_t steps)
{
	enum status st = STATUS_OK;
	int empty = 0;

	while (st == STATUS_OK && list->more_above && list->sort < 0 && empty < LIST_EMPTY_PAGES &&
	       list->cursor < steps + list_page(list)) {
		size_t got;

		st = list_fetch_up(list, &got);
		empty = got ? 0 : empty + 1;
	}
	return st;
}

/* Moves the cursor by STEP rows, the view by SHIFT lines as well (paging
 * keeps the cursor's place on screen). Errors are shown, the rows in hand
 * stay. */
static int list_go(struct ui_list *list, long step, long shift)
{
	size_t cursor = list->cursor, top = list->top;
	bool full = list->full;
	enum status st = step >= 0 ? list_ahead_down(list, (size_t)step)
	                           : list_ahead_up(list, (size_t)-step);

	if (st == STATUS_ERR_NOT_FOUND && list->source.two_way) {
		/* The server no longer knows the position (it restarted, or
		 * many other lists were read meanwhile): from the top again. */
		list->cursor = list->top = 0;
		ui_list_reload(list);
		ui_error(list->ui,
		         "Die Liste ist neu geladen: der Server kannte die Stelle nicht mehr.");
		return UI_HANDLED | UI_REDRAW;
	}
	if (st != STATUS_OK)
		ui_error(list->ui, "%s", status_message(st));
	if (list->nvis == 0)
		return UI_HANDLED;
	/* Rows that came or went moved the cursor's row: go from there. */
	if (step < 0)
		list->cursor = list->cursor > (size_t)-step ? list->cursor - (size_t)-step : 0;
	else
		list->cursor = list->cursor + (size_t)step < list->nvis
		                       ? list->cursor + (size_t)step
		                       : list->nvis - 1;
	if (shift < 0)
		list->top = list->top > (size_t)-shift ? list->top - (size_t)-shift : 0;
	else
		list->top += (size_t)shift;
	list_show_cursor(list);
	return list->cursor != cursor || list->top != top || list->full != full
	               ? UI_HANDLED | UI_REDRAW
	               : UI_HANDLED;
}

/* Home and End: to the real first or last row, from the other end of the
 * list when the window does not hold it. */
static int list_go_end(struct ui_list *list, bool last)
{
	enum status st = STATUS_OK;

	if (list->source.two_way && list->sort < 0 && (last ? list->more : list->more_above)) {
		list->nrows = list->nvis = list->npages = 0;
		list->cursor = list->top = 0;
		list->more = !last;
		list->more_above = last;
		st = last ? list_ahead_up(list, 0) : list_fill(list, list_page(list) + 1);
		list->full = true;
	}
	if (st != STATUS_OK)
		ui_error(list->ui, "%s", status_message(st));
	list->cursor = last && list->nvis ? list->nvis - 1 : 0;
	list_show_cursor(list);
	return UI_HANDLED | UI_REDRAW;
}

int list_move_key(struct ui_list *list, wint_t key)
{
	long page = (long)list_page(list);

	switch (key) {
	case KEY_UP:
		return list_go(list, -1, 0);
	case KEY_DOWN:
		return list_go(list, 1, 0);
	case KEY_PPAGE:
		return list_go(list, -page, -page);
	case KEY_NPAGE:
		return list_go(list, page, page);
	case KEY_HOME:
		return list_go_end(list, false);
	case KEY_END:
		return list_go_end(list, true);
	default:
		return UI_UNHANDLED;
	}
}
