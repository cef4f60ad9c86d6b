/* A pick list over the body: the filters of a list, the values of a
 * filter, the child lists of a record. Typing narrows the entries to those
 * whose code or name has words that begin with what was typed (folded:
 * "harks" finds Harksheide, "fg" the code FG), so a long list is chosen
 * from by code or name as well as with the arrow keys.
 *
 * The list reads its keys itself, as the questions on the message line
 * do, and gives the screen below back untouched.
 */
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "internal.h"
#include "model/text.h"

#define PICK_TYPED_SIZE 64

struct pick {
	struct ui *ui;
	WINDOW *win;
	const char *title;
	const struct ui_pick_entry *entries;
	size_t n, *vis, nvis, sel, top;
	int rows, value_cols;
	char typed[PICK_TYPED_SIZE];
};

static bool pick_matches(const struct ui_pick_entry *e, const char *typed)
{
	char both[512];

	if (!typed[0])
		return true;
	snprintf(both, sizeof(both), "%s %s", e->value, e->name ? e->name : "");
	return text_match(both, typed);
}

/* The entries that match what was typed; the selection stays on its
 * entry when that still matches. */
static void pick_narrow(struct pick *p)
{
	size_t keep = p->nvis ? p->vis[p->sel] : SIZE_MAX;

	p->nvis = p->sel = 0;
	for (size_t i = 0; i < p->n; i++)
		if (pick_matches(&p->entries[i], p->typed)) {
			if (i == keep)
				p->sel = p->nvis;
			p->vis[p->nvis++] = i;
		}
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)p->rows)
		p->top = p->sel - (size_t)p->rows + 1;
	if (p->top + (size_t)p->rows > p->nvis)
		p->top = p->nvis > (size_t)p->rows ? p->nvis - (size_t)p->rows : 0;
}

static void pick_draw(struct pick *p)
{
	int w = getmaxx(p->win);
	char line[PICK_TYPED_SIZE + 64];

	werase(p->win);
	box(p->win, 0, 0);
	wattrset(p->win, ui_attr(p->ui, UI_ATTR_TITLE));
	ui_put(p->win, 0, 2, p->title, w - 4, false);
	for (int r = 0; r < p->rows; r++) {
		size_t i = p->top + (size_t)r;
		const struct ui_pick_entry *e = i < p->nvis ? &p->entries[p->vis[i]] : NULL;
		int used;

		wattrset(p->win,
		         ui_attr(p->ui, e && i == p->sel ? UI_ATTR_SELECTED : UI_ATTR_NORMAL));
		/* a value cut short keeps a blank before the name */
		used = ui_put(p->win, 1 + r, 1, e ? e->value : "", p->value_cols - 1, true);
		used += ui_put(p->win, 1 + r, 1 + used, " ", 1, true);
		if (e && e->name)
			ui_put(p->win, 1 + r, 1 + used, e->name, w - 2 - used, true);
		else
			ui_put(p->win, 1 + r, 1 + used, "", w - 2 - used, true);
	}
	wattrset(p->win, ui_attr(p->ui, UI_ATTR_LABEL));
	if (p->typed[0])
		snprintf(line, sizeof(line), " %s: %zu ", p->typed, p->nvis);
	else
		snprintf(line, sizeof(line), " Tippen grenzt ein ");
	ui_put(p->win, p->rows + 1, 2, line, w - 4, false);
	wattrset(p->win, A_NORMAL);
	wnoutrefresh(p->win);
}

static void pick_move(struct pick *p, long step)
{
	long sel = (long)p->sel + step;

	if (!p->nvis)
		return;
	sel = sel < 0 ? 0 : sel >= (long)p->nvis ? (long)p->nvis - 1 : sel;
	p->sel = (size_t)sel;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)p->rows)
		p->top = p->sel - (size_t)p->rows + 1;
}

/* Typing and deleting narrow; false when IN is no text key. */
static bool pick_type(struct pick *p, struct ui_input in)
{
	if (in.ch == ' ' || !editor_line_key(p->ui, p->typed, sizeof(p->typed), in))
		return false;
	pick_narrow(p);
	return true;
}

/* Returns the index picked, -1 for Esc, -2 to go on reading. */
static int pick_key(struct pick *p, struct ui_input in)
{
	if (!in.is_key && in.ch == 27)
		return -1;
	if ((in.is_key && in.ch == KEY_ENTER) || (!in.is_key && (in.ch == '\r' || in.ch == '\n')))
		return p->nvis ? (int)p->vis[p->sel] : -2;
	if (pick_type(p, in) || !in.is_key)
		return -2;
	switch (in.ch) {
	case KEY_UP:
		pick_move(p, -1);
		break;
	case KEY_DOWN:
		pick_move(p, 1);
		break;
	case KEY_PPAGE:
		pick_move(p, -p->rows);
		break;
	case KEY_NPAGE:
		pick_move(p, p->rows);
		break;
	case KEY_HOME:
		pick_move(p, -(long)p->nvis);
		break;
	case KEY_END:
		pick_move(p, (long)p->nvis);
		break;
	default:
		break;
	}
	return -2;
}

static bool pick_window(struct pick *p)
{
	int width = ui_width(p->title) + 6, names = 0, room;

	for (size_t i = 0; i < p->n; i++) {
		int v = ui_width(p->entries[i].value) + 1;
		int name = p->entries[i].name ? ui_width(p->entries[i].name) : 0;
		int w = v + name + 2;

		p->value_cols = v > p->value_cols ? v : p->value_cols;
		names = name > names ? name : names;
		width = w > width ? w : width;
	}
	width += p->value_cols; /* names line up after the widest value */
	width = width > COLS - 4 ? COLS - 4 : width;
	/* values are cut before names are: short names ("§ 8a") show whole */
	room = width - 2 - names;
	room = room < width / 2 ? width / 2 : room;
	p->value_cols = p->value_cols > room ? room : p->value_cols;
	p->value_cols = p->value_cols < 2 ? 2 : p->value_cols;
	p->rows = (int)p->n < LINES - 7 ? (int)p->n : LINES - 7;
	p->rows = p->rows < 1 ? 1 : p->rows;
	p->win = newwin(p->rows + 2, width, (LINES - p->rows - 2) / 2, (COLS - width) / 2);
	if (p->win)
		keypad(p->win, TRUE);
	return p->win != NULL;
}

int ui_pick(struct ui *ui, const char *title, const struct ui_pick_entry *entries, size_t n,
            size_t selected)
{
	struct pick p = {.ui = ui, .title = title, .entries = entries, .n = n};
	struct ui_input in;
	int picked = -2;

	if (!n || !(p.vis = calloc(n, sizeof(*p.vis))) || !pick_window(&p)) {
		free(p.vis);
		return -1;
	}
	pick_narrow(&p);
	pick_move(&p, (long)(selected < n ? selected : 0));
	while (picked == -2) {
		pick_draw(&p);
		picked = ui_read_answer(ui, &in) ? pick_key(&p, in) : -1;
	}
	delwin(p.win);
	free(p.vis);
	if (ui->depth)
		touchwin(ui->stack[ui->depth - 1]->win);
	return picked;
}
