/* The screens that are a heading line above a list: one set of
 * open/draw/resize/close for the directories and the admin screens.
 *
 * The list lives in a subwindow of the body (derwin), so that when the
 * shell touches the body after a screen above was closed, the list's
 * lines are sent again with the heading.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "list_screen.h"

#define HEADING_SIZE 256

struct list_screen *list_screen_new(size_t extra_size)
{
	struct list_screen *ls = calloc(1, sizeof(*ls));

	if (ls && extra_size && !(ls->extra = calloc(1, extra_size))) {
		free(ls);
		return NULL;
	}
	return ls;
}

static WINDOW *list_screen_pane_new(struct screen *s)
{
	return derwin(s->win, getmaxy(s->win) - 1, getmaxx(s->win), 1, 0);
}

enum status list_screen_open(struct screen *s, const struct list_view *view)
{
	struct list_screen *ls = s->data;

	ls->view = view;
	ls->ui = s->ui;
	ls->heading_dirty = true;
	if (!(ls->pane = list_screen_pane_new(s)))
		return STATUS_ERR_NOMEM;
	ls->list = ui_list_new(s->ui, ls->pane, NULL, view->columns, view->ncolumns, view->row_size,
	                       (struct ui_list_source){.fetch = view->fetch, .ctx = ls});
	if (!ls->list)
		return STATUS_ERR_NOMEM;
	return ui_list_reload(ls->list);
}

void list_screen_draw(struct screen *s)
{
	struct list_screen *ls = s->data;
	char text[HEADING_SIZE];

	if (ls->heading_dirty) {
		ls->view->heading(ls, text, sizeof(text));
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

void list_screen_resize(struct screen *s)
{
	struct list_screen *ls = s->data;
	WINDOW *pane = list_screen_pane_new(s);

	if (!pane)
		return; /* keep the old window; the next resize tries again */
	ui_list_resize(ls->list, pane);
	delwin(ls->pane);
	ls->pane = pane;
	ls->heading_dirty = true;
}

/* The subwindow goes before the shell deletes the body: curses refuses
 * to delete a window that still has subwindows. */
void list_screen_close(struct screen *s)
{
	struct list_screen *ls = s->data;

	if (!ls)
		return;
	ui_list_free(ls->list);
	if (ls->pane)
		delwin(ls->pane);
	free(ls->extra);
	free(ls);
	s->data = NULL;
}

int list_screen_reload(struct list_screen *ls, bool from_top)
{
	if (from_top)
		ui_list_key(ls->list, (struct ui_input){.ch = KEY_HOME, .is_key = true});
	ls->heading_dirty = true;
	ui_list_reload(ls->list); /* errors were shown by the fetch */
	return UI_HANDLED | UI_REDRAW;
}

size_t list_screen_cell(char *buf, size_t size, const char *fmt, ...)
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
