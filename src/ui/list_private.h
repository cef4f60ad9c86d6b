/* The list view's state, shared by list.c (drawing, keys) and
 * list_rows.c (the rows in hand, their order, the window of pages and
 * fetching). Private to src/ui. */
#ifndef UI_LIST_PRIVATE_H
#define UI_LIST_PRIVATE_H

#include "ui.h"

#define LIST_CELL_SIZE   512
#define LIST_FILTER_SIZE 128
#define LIST_GUTTER      2 /* the cursor's mark and a blank, left of the columns */
/* Pages of a two-way source a list holds at most: scrolled further, the
 * farthest page goes, and comes again from its position when scrolled
 * back (8 pages of 50 rows: 400 rows, about 1 MB of offers). */
#define LIST_WINDOW_PAGES 8

/* Where a column's cells come from and where they go at this width. */
struct list_place {
	const struct field_def *field; /* NULL: made by the column's format */
	int x, w;
};

/* One page in hand of a two-way source: its rows and the server's
 * positions of its top and bottom, to fetch what lies above or below. */
struct list_window_page {
	size_t nrows;
	struct ui_page_pos top, bottom;
};

struct ui_list {
	struct ui *ui;
	WINDOW *win;
	WINDOW *measure; /* a pad never shown: measures right-aligned text */
	const struct record_def *def;
	const struct ui_column *columns;
	struct list_place *place; /* per column */
	size_t ncolumns;
	struct ui_list_source source;

	char *rows; /* nrows rows of row_size bytes, in list order */
	size_t row_size, nrows, cap;
	bool more;       /* the source has rows below these */
	bool more_above; /* ... and above them (the window slid down, or End) */
	bool loaded;     /* fetched at least once */
	bool nomem;      /* a row could not be kept during the last fetch */
	struct list_window_page pages[LIST_WINDOW_PAGES + 1];
	size_t npages;
	size_t *vis; /* indices into rows: filtered, sorted */
	size_t nvis, vis_cap;
	size_t cursor, top; /* indices into vis */

	char filter[LIST_FILTER_SIZE];
	char folded[LIST_FILTER_SIZE * 2]; /* the filter, folded; "" when none */
	int sort;                          /* column index, -1: source order */
	bool descending;

	bool full; /* repaint everything at the next draw */
	size_t drawn_top, drawn_cursor, drawn_nvis;
};

/* list_rows.c */
const void *list_row(const struct ui_list *list, size_t row);
/* Lines for rows: the window less the header and the count line. */
size_t list_page(const struct ui_list *list);
/* The display text of column COL of ROW. */
void list_cell(const struct ui_list *list, size_t col, const void *row, char *buf, size_t size);
void list_show_cursor(struct ui_list *list);
/* VIS anew after the filter or the sort changed, the cursor on its row. */
void list_rebuild(struct ui_list *list);
/* Fetches pages until WANT rows are visible or the source has no more. */
enum status list_fill(struct ui_list *list, size_t want);
/* The cursor keys: returns ui_flags, UI_UNHANDLED for another key. */
int list_move_key(struct ui_list *list, wint_t key);

#endif
