/* The list view: rows from a source (a page of the server's answer at a
 * time, or a whole configuration directory), columns from a table, the '/'
 * filter and a sort by any column.
 *
 * Rows live in ROWS in the order the source gave them. VIS holds the
 * indices of the rows that pass the local filter, in sort order; the cursor
 * and the top line index VIS. Sorting and filtering work on the rows in
 * hand only: a paged source keeps fetching as the user scrolls, and rows
 * that arrive are filtered and sorted in.
 *
 * Drawing is incremental, because lists are what users scroll through all
 * day over SSH: the list remembers what the window shows (top, cursor,
 * number of visible rows). The cursor's line is highlighted whole, so a
 * move repaints the two lines it left and entered; a scroll by less than
 * a page shifts the lines with wscrl (ncurses then scrolls the terminal
 * instead of repainting it) and draws only the lines that came into view.
 * Anything else (first draw, resize, filter, sort, reload) repaints the
 * whole window, which ncurses still sends only as far as it changed.
 *
 * Window layout: line 0 the column labels, lines 1..h-2 the rows, line h-1
 * the count ("12 von 40 Einträgen").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list_private.h"
#include "model/text.h"

/* --- drawing --- */

/* Column positions for the window's width: the columns wide terminals
 * show too only there, fixed widths first, a blank between columns, the
 * columns of width 0 share what is left. */
static void list_layout(struct ui_list *list)
{
	int cols = getmaxx(list->win), rest = cols - LIST_GUTTER, nflex = 0, x = LIST_GUTTER;
	int shown = 0;

	for (size_t i = 0; i < list->ncolumns; i++) {
		int w = list->columns[i].width;

		if (list->columns[i].min_cols > cols)
			continue;
		rest -= (w > 0 ? w : 0) + (shown++ > 0);
		nflex += w <= 0;
	}
	for (size_t i = 0, flex = 0; i < list->ncolumns; i++) {
		int w = list->columns[i].width;

		if (list->columns[i].min_cols > cols) {
			list->place[i].x = x < cols ? x : cols;
			list->place[i].w = 0;
			continue;
		}
		/* The last flexible column takes the remainder of the division. */
		if (w <= 0 && rest > 0)
			w = rest / nflex + (++flex == (size_t)nflex ? rest % nflex : 0);
		else if (w <= 0)
			w = 0;
		list->place[i].x = x < cols ? x : cols;
		list->place[i].w = x + w <= cols ? w : cols - list->place[i].x;
		x += w + 1;
	}
	if (list->measure)
		delwin(list->measure);
	list->measure = newpad(1, cols > 0 ? cols : 1);
}

/* Writes TEXT in column COL of line Y in the window's current attribute;
 * numbers to the right; a text cut short ends in "…". */
static void list_put_cell(struct ui_list *list, int y, size_t col, const char *text)
{
	int x = list->place[col].x, w = list->place[col].w, used;

	if (w <= 0)
		return;
	if (!list->columns[col].numeric && w > 1 && ui_width(text) > w) {
		used = ui_put(list->win, y, x, text, w - 1, false);
		ui_put(list->win, y, x + used, ui_ascii(list->ui) ? "~" : "…", w - used, true);
		return;
	}
	if (list->columns[col].numeric && list->measure) {
		used = ui_put(list->measure, 0, 0, text, w, false);
		ui_put(list->win, y, x, "", w - used, true);
		x += w - used;
		w = used;
	}
	ui_put(list->win, y, x, text, w, true);
}

/* Fills line Y from column X to the end with blanks of the current
 * attribute. */
static void list_fill_line(struct ui_list *list, int y, int x)
{
	int cols = getmaxx(list->win);

	if (x < cols)
		ui_put(list->win, y, x, "", cols - x, true);
}

/* The sort column's label gets an arrow, in front of it when the column
 * is too narrow for both. */
static void list_sort_label(const struct ui_list *list, size_t col, char *buf, size_t size)
{
	const char *label = list->columns[col].label;
	const char *arrow = ui_ascii(list->ui) ? (list->descending ? "^" : "v")
	                                       : (list->descending ? "▲" : "▼");

	if ((int)col != list->sort)
		snprintf(buf, size, "%s", label);
	else if (text_width(label) + 2 <= list->place[col].w)
		snprintf(buf, size, "%s %s", label, arrow);
	else
		snprintf(buf, size, "%s%s", arrow, label);
}

static void list_draw_header(struct ui_list *list)
{
	char label[128];

	wattrset(list->win, (int)ui_attr(list->ui, UI_ATTR_TITLE));
	list_fill_line(list, 0, 0);
	for (size_t i = 0; i < list->ncolumns; i++) {
		list_sort_label(list, i, label, sizeof(label));
		list_put_cell(list, 0, i, label);
	}
}

/* The cursor's line is highlighted whole (and marked in the gutter, for
 * terminals without reverse video): a move sends the two lines again. */
static void list_draw_line(struct ui_list *list, size_t i)
{
	int y = 1 + (int)(i - list->top);
	bool here = i == list->cursor && i < list->nvis;
	attr_t attr = ui_attr(list->ui, here ? UI_ATTR_SELECTED : UI_ATTR_NORMAL);
	char cell[LIST_CELL_SIZE];
	int end = LIST_GUTTER;

	wattrset(list->win, (int)attr);
	ui_put(list->win, y, 0, here ? (ui_ascii(list->ui) ? ">" : "▶") : "", LIST_GUTTER, true);
	for (size_t col = 0; i < list->nvis && col < list->ncolumns; col++) {
		if (list->place[col].w <= 0)
			continue;
		list_cell(list, col, list_row(list, list->vis[i]), cell, sizeof(cell));
		list_put_cell(list, y, col, cell);
		end = list->place[col].x + list->place[col].w;
		if (end < getmaxx(list->win))
			ui_put(list->win, y, end++, "", 1, true);
	}
	/* Not past the edge: wmove would fail, and the cursor after a full
	 * line stands on the next one, which wclrtoeol would blank. */
	if (here)
		list_fill_line(list, y, end);
	else if (end < getmaxx(list->win)) {
		wmove(list->win, y, end);
		wclrtoeol(list->win);
	}
	wattrset(list->win, (int)ui_attr(list->ui, UI_ATTR_NORMAL));
}

/* Redraws the lines of VIS indices I and J (when on screen): the cursor
 * moved from one to the other. */
static void list_draw_marks(struct ui_list *list, size_t i, size_t j)
{
	size_t end = list->top + list_page(list);

	if (i >= list->top && i < end)
		list_draw_line(list, i);
	if (j >= list->top && j < end)
		list_draw_line(list, j);
}

/* "12 von 40 Einträgen", "12 von 40 Einträgen, weitere beim Blättern",
 * "12 von 400 geladenen, weitere darüber und darunter" (the window slid),
 * "Filter: muell — 3 Treffer". A sorted list sorts the rows in hand. */
static void list_count_text(const struct ui_list *list, char *buf, size_t size)
{
	const char *more = list->more_above && list->more ? ", weitere darüber und darunter"
	                   : list->more_above             ? ", weitere darüber"
	                   : list->more                   ? ", weitere beim Blättern"
	                                                  : "";
	const char *sorted = list->sort >= 0 && (list->more || list->more_above)
	                             ? " (sortiert: die geladenen)"
	                             : "";

	if (list->filter[0] && list->nvis == 0)
		snprintf(buf, size, "Filter: %s — keine Treffer%s", list->filter, more);
	else if (list->filter[0])
		snprintf(buf, size, "Filter: %s — %zu Treffer%s", list->filter, list->nvis, more);
	else if (list->nvis == 0)
		snprintf(buf, size, "Keine Einträge");
	else
		snprintf(buf, size, "%zu von %zu %s%s%s", list->cursor + 1, list->nvis,
		         list->more_above  ? "geladenen"
		         : list->nvis == 1 ? "Eintrag"
		                           : "Einträgen",
		         more, sorted);
}

static void list_draw_count(struct ui_list *list)
{
	char buf[LIST_FILTER_SIZE + 96];

	list_count_text(list, buf, sizeof(buf));
	wattrset(list->win, (int)ui_attr(list->ui, UI_ATTR_NORMAL));
	list_fill_line(list, getmaxy(list->win) - 1, 0);
	ui_put(list->win, getmaxy(list->win) - 1, LIST_GUTTER, buf,
	       getmaxx(list->win) - LIST_GUTTER, true);
}

/* Draws the lines of VIS indices FROM..TO-1 that are on screen. */
static void list_draw_lines(struct ui_list *list, size_t from, size_t to)
{
	size_t end = list->top + list_page(list);

	for (size_t i = from < list->top ? list->top : from; i < to && i < end; i++)
		list_draw_line(list, i);
}

/* Shifts the row lines by DELTA (positive: the view moved down) and
 * draws the lines that came into view. */
static void list_scroll(struct ui_list *list, long delta)
{
	size_t page = list_page(list);

	wsetscrreg(list->win, 1, (int)page);
	scrollok(list->win, TRUE);
	wscrl(list->win, (int)delta);
	scrollok(list->win, FALSE);
	wsetscrreg(list->win, 0, getmaxy(list->win) - 1);
	if (delta > 0)
		list_draw_lines(list, list->top + page - (size_t)delta, list->top + page);
	else
		list_draw_lines(list, list->top, list->top + (size_t)-delta);
}

static void list_draw_full(struct ui_list *list)
{
	list_draw_header(list);
	list_draw_lines(list, list->top, list->top + list_page(list));
}

/* Repaints what changed since the last draw: the view's shift, the old
 * and the new cursor mark, rows that arrived below the last one (rows
 * only go away with a full repaint). */
static void list_draw_changes(struct ui_list *list)
{
	long delta = (long)list->top - (long)list->drawn_top;
	size_t page = list_page(list);

	if (delta != 0 && (size_t)labs(delta) < page)
		list_scroll(list, delta);
	else if (delta != 0)
		list_draw_lines(list, list->top, list->top + page);
	if (list->drawn_cursor != list->cursor)
		list_draw_marks(list, list->drawn_cursor, list->cursor);
	if (list->drawn_nvis < list->nvis)
		list_draw_lines(list, list->drawn_nvis, list->nvis);
}

void ui_list_draw(struct ui_list *list)
{
	if (!list->loaded) {
		enum status st = ui_list_reload(list);

		if (st != STATUS_OK)
			ui_error(list->ui, "%s", status_message(st));
	}
	if (getmaxy(list->win) < 3)
		list->full = true; /* too small to draw; paint it all once it grows */
	else if (list->full)
		list_draw_full(list);
	else
		list_draw_changes(list);
	if (getmaxy(list->win) >= 3) {
		list_draw_count(list);
		list->full = false;
	}
	list->drawn_top = list->top;
	list->drawn_cursor = list->cursor;
	list->drawn_nvis = list->nvis;
	wnoutrefresh(list->win);
}

/* --- keys --- */

/* Sets the filter: the server's name search refetches; a local filter
 * narrows the rows in hand and fetches until the window is full. */
static int list_set_filter(struct ui_list *list, const char *filter)
{
	enum status st = STATUS_OK;

	text_copy(list->filter, sizeof(list->filter), filter);
	text_fold(list->filter, list->folded, sizeof(list->folded));
	list->cursor = list->top = 0;
	if (list->source.server_filter) {
		st = ui_list_reload(list);
	} else {
		list_rebuild(list);
		list->cursor = list->top = 0;
		st = list_fill(list, list_page(list));
	}
	if (st != STATUS_OK)
		ui_error(list->ui, "%s", status_message(st));
	list->full = true;
	return UI_HANDLED | UI_REDRAW;
}

static int list_ask_filter(struct ui_list *list)
{
	char buf[LIST_FILTER_SIZE];

	/* The prompt starts from the current filter, so it can be refined;
	 * emptied, it clears the filter. Esc leaves everything as it was. */
	text_copy(buf, sizeof(buf), list->filter);
	if (!ui_prompt(list->ui, "Suche: ", buf, sizeof(buf)))
		return UI_HANDLED;
	return list_set_filter(list, text_trim(buf));
}

/* 's': the next column, after the last one back to the source's order.
 * 'S': the other direction. */
static int list_next_sort(struct ui_list *list, bool reverse)
{
	if (reverse && list->sort < 0)
		return UI_HANDLED; /* the source's order has no other direction */
	if (reverse) {
		list->descending = !list->descending;
	} else {
		list->descending = false;
		if (++list->sort >= (int)list->ncolumns)
			list->sort = -1;
	}
	list_rebuild(list);
	return UI_HANDLED | UI_REDRAW;
}

int ui_list_key(struct ui_list *list, struct ui_input in)
{
	if (in.is_key && in.ch == KEY_F(6))
		return list_next_sort(list, false);
	if (in.is_key && in.ch == KEY_ENTER)
		return UI_HANDLED;
	if (in.is_key)
		return list_move_key(list, in.ch);
	switch (in.ch) {
	case '\n':
	case '\r':
		return UI_HANDLED;
	case '/':
		return list_ask_filter(list);
	case 's':
		return list_next_sort(list, false);
	case 'S':
		return list_next_sort(list, true);
	default:
		return UI_UNHANDLED;
	}
}

/* --- life cycle --- */

static void list_set_window(struct ui_list *list, WINDOW *win)
{
	list->win = win;
	/* Lets ncurses scroll the terminal (scroll region, insert/delete
	 * line) instead of repainting every line after wscrl. */
	idlok(win, TRUE);
	list_layout(list);
	list->full = true;
}

struct ui_list *ui_list_new(struct ui *ui, WINDOW *win, const struct record_def *def,
                            const struct ui_column *columns, size_t ncolumns, size_t row_size,
                            struct ui_list_source source)
{
	struct ui_list *list = calloc(1, sizeof(*list));

	if (!list)
		return NULL;
	list->place = calloc(ncolumns ? ncolumns : 1, sizeof(*list->place));
	if (!list->place) {
		free(list);
		return NULL;
	}
	list->ui = ui;
	list->def = def;
	list->columns = columns;
	list->ncolumns = ncolumns;
	list->row_size = row_size ? row_size : 1;
	list->source = source;
	list->sort = -1;
	for (size_t i = 0; i < ncolumns; i++)
		if (def && columns[i].field)
			list->place[i].field = record_field(def, columns[i].field);
	list_set_window(list, win);
	return list;
}

void ui_list_free(struct ui_list *list)
{
	if (!list)
		return;
	if (list->measure)
		delwin(list->measure);
	free(list->place);
	free(list->rows);
	free(list->vis);
	free(list);
}

void ui_list_resize(struct ui_list *list, WINDOW *win)
{
	enum status st;

	list_set_window(list, win);
	list_show_cursor(list);
	/* A taller window may show more rows than are in hand. */
	st = list->loaded ? list_fill(list, list->top + list_page(list)) : STATUS_OK;
	if (st != STATUS_OK)
		ui_error(list->ui, "%s", status_message(st));
	list_show_cursor(list);
}

const void *ui_list_selected(const struct ui_list *list)
{
	return list->nvis ? list_row(list, list->vis[list->cursor]) : NULL;
}

const char *ui_list_filter(const struct ui_list *list)
{
	return list->filter;
}

size_t ui_list_count(const struct ui_list *list)
{
	return list->nvis;
}

bool ui_list_at_start(const struct ui_list *list)
{
	return !list->more_above;
}
