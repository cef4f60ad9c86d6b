/* A list screen: a heading line that says what is shown, above a list in a
 * subwindow of the body. The directories and the admin screens are all of
 * this shape; each is a list_view plus its own keys and state. Private to
 * src/ui. */
#ifndef UI_LIST_SCREEN_H
#define UI_LIST_SCREEN_H

#include "ui/ui.h"

struct list_screen;

/* What one list screen shows. FETCH gets the list_screen as its CTX. */
struct list_view {
	const struct ui_column *columns;
	size_t ncolumns, row_size;
	enum status (*fetch)(void *ctx, struct ui_list *list, size_t first, bool *more);
	void (*heading)(const struct list_screen *ls, char *buf, size_t size);
};

/* The state of an open list screen, its screen's s->data. */
struct list_screen {
	const struct list_view *view;
	struct ui *ui;
	WINDOW *pane; /* the list's window: the body less the heading line */
	struct ui_list *list;
	bool heading_dirty;
	void *extra; /* the screen's own state (filters, the parent shown) */
};

/* A state with EXTRA_SIZE zeroed bytes of the screen's own, for open() to
 * put in s->data, or for a screen to fill in and push (ui_push(ui, ops,
 * ls)). NULL when out of memory; list_screen_close() frees it. */
struct list_screen *list_screen_new(size_t extra_size);

/* The screen_ops functions. Open shows VIEW in S, whose s->data comes from
 * list_screen_new(), and fetches. */
enum status list_screen_open(struct screen *s, const struct list_view *view);
void list_screen_draw(struct screen *s);
void list_screen_resize(struct screen *s);
void list_screen_close(struct screen *s);

/* Fetches again (after a change, or with a new filter: then FROM_TOP, so
 * that the list does not fetch pages down to where the cursor was).
 * Returns ui_flags. */
int list_screen_reload(struct list_screen *ls, bool from_top);

/* printf into a cell; returns the length kept (never more than SIZE - 1). */
size_t list_screen_cell(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
