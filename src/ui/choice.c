/* Choice fields: their entries and the list that pops up to pick one
 * (Space or F4 in the form).
 *
 * The list is drawn by hand into the form's window, not with libmenu: the
 * entries come straight from the field table or the configuration without
 * copies, and ui_put gives them the ASCII spelling on a terminal that is not
 * UTF-8. It takes the keys while open, so the shell keeps running.
 */
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "editor.h"
#include "form_private.h"

bool choice_field(const struct field_def *f)
{
	return f->type == FIELD_CHOICE || f->type == FIELD_REF;
}

bool choice_entry(const struct ui *ui, const struct field_def *f, size_t k, const char **value,
                  const char **name)
{
	const struct config *c = ui_config(ui);

	if (f->type == FIELD_CHOICE) {
		if (!f->choices || !f->choices[k])
			return false;
		*value = f->choice_labels ? f->choice_labels[k] : f->choices[k];
		*name = f->choices[k];
		return true;
	}
#define ENTRY(list, n, id)                                       \
	do {                                                     \
		if (!c || k >= c->n)                             \
			return false;                            \
		*value = c->list[k].id, *name = c->list[k].name; \
		return true;                                     \
	} while (0)
	switch (f->source) {
	case SOURCE_DISTRICTS:
		ENTRY(districts, ndistricts, id);
	case SOURCE_TEAMS:
		ENTRY(teams, nteams, id);
	case SOURCE_PROVIDERS:
		ENTRY(providers, nproviders, id);
	case SOURCE_SERVICES:
		ENTRY(services, nservices, code);
	case SOURCE_STAFF:
		ENTRY(staff, nstaff, login);
	case SOURCE_REPORTERS:
		ENTRY(reporters, nreporters, id);
	default:
		return false;
	}
#undef ENTRY
}

const char *choice_match(const struct ui *ui, const struct field_def *f, const char *text)
{
	const char *value, *name, *found = NULL;
	size_t n = strlen(text), hits = 0;

	for (size_t k = 0; n > 0 && choice_entry(ui, f, k, &value, &name); k++) {
		if (strcasecmp(text, value) == 0 || strcasecmp(text, name) == 0)
			return value;
		if (strncasecmp(text, value, n) == 0 || strncasecmp(text, name, n) == 0)
			found = value, hits++;
	}
	return hits == 1 ? found : NULL;
}

/* --- the list --- */

/* Entry K of the list: the field's entries, then the empty value for a
 * field that may stay empty. */
static bool popup_entry(const struct choice_popup *p, size_t k, const char **value,
                        const char **name)
{
	const struct field_def *f = p->field;

	if (choice_entry(p->ui, f, k, value, name)) {
		*name = f->type == FIELD_REF ? *name : "";
		return true;
	}
	if (f->required || (k > 0 && !choice_entry(p->ui, f, k - 1, value, name)))
		return false;
	*value = *name = "";
	return true;
}

/* Counts the entries, measures them and finds TEXT among them. */
static void popup_measure(struct choice_popup *p, const char *text)
{
	const char *value, *name;
	int name_cols = 0;

	p->value_cols = 6; /* "(leer)" */
	p->sel = 0;
	for (p->count = 0; popup_entry(p, p->count, &value, &name); p->count++) {
		int w = ui_width(value), n = ui_width(name);

		p->value_cols = w > p->value_cols ? w : p->value_cols;
		name_cols = n > name_cols ? n : name_cols;
		if (strcmp(value, text) == 0)
			p->sel = p->count;
	}
	p->cols = p->value_cols + (name_cols ? name_cols + 1 : 0) + 2;
}

/* Below the field at ROW (ROWS high), or above it when there is no room
 * below; from column X when the list fits there. */
static bool popup_place(struct choice_popup *p, int row, int rows, int x)
{
	int height = getmaxy(p->win), width = getmaxx(p->win);

	p->rows = (int)p->count < height - 2 ? (int)p->count : height - 2;
	if (p->rows < 1 || width < 3)
		return false;
	p->cols = p->cols < width ? p->cols : width;
	p->y = row + rows;
	if (p->y + p->rows + 2 > height)
		p->y = row >= p->rows + 2 ? row - p->rows - 2 : height - p->rows - 2;
	p->x = x + p->cols > width ? width - p->cols : x;
	p->top = 0;
	return true;
}

static void popup_frame(const struct choice_popup *p)
{
	WINDOW *w = p->win;
	bool ascii = ui_ascii(p->ui);
	int bottom = p->y + p->rows + 1, right = p->x + p->cols - 1;

	wattrset(w, A_NORMAL);
	mvwhline(w, p->y, p->x, ascii ? '-' : ACS_HLINE, p->cols);
	mvwhline(w, bottom, p->x, ascii ? '-' : ACS_HLINE, p->cols);
	mvwvline(w, p->y, p->x, ascii ? '|' : ACS_VLINE, p->rows + 2);
	mvwvline(w, p->y, right, ascii ? '|' : ACS_VLINE, p->rows + 2);
	mvwaddch(w, p->y, p->x, ascii ? '+' : ACS_ULCORNER);
	mvwaddch(w, p->y, right, ascii ? '+' : ACS_URCORNER);
	mvwaddch(w, bottom, p->x, ascii ? '+' : ACS_LLCORNER);
	mvwaddch(w, bottom, right, ascii ? '+' : ACS_LRCORNER);
}

void choice_popup_draw(struct choice_popup *p)
{
	int inner = p->cols - 2, value_cols = p->value_cols < inner ? p->value_cols : inner;
	const char *value, *name;

	if (p->sel < p->top)
		p->top = p->sel;
	else if (p->sel >= p->top + (size_t)p->rows)
		p->top = p->sel - (size_t)p->rows + 1;
	popup_frame(p);
	for (int r = 0; r < p->rows && popup_entry(p, p->top + (size_t)r, &value, &name); r++) {
		int y = p->y + 1 + r;

		wattrset(p->win, p->top + (size_t)r == p->sel ? ui_attr(p->ui, UI_ATTR_SELECTED)
		                                              : A_NORMAL);
		ui_put(p->win, y, p->x + 1, value[0] ? value : "(leer)", value_cols, true);
		if (inner > value_cols)
			ui_put(p->win, y, p->x + 1 + value_cols, "", 1, true);
		if (inner > value_cols + 1)
			ui_put(p->win, y, p->x + 2 + value_cols, name, inner - value_cols - 1,
			       true);
	}
	wattrset(p->win, A_NORMAL);
	wmove(p->win, p->y + 1 + (int)(p->sel - p->top), p->x + 1);
	wnoutrefresh(p->win);
}

void choice_popup_open(struct choice_popup *p, struct ui *ui, WINDOW *win,
                       const struct field_def *f, const char *text, int row, int rows, int x)
{
	p->ui = ui;
	p->win = win;
	p->field = f;
	popup_measure(p, text);
	if (p->count == 0 || !popup_place(p, row, rows, x)) {
		ui_error(ui, "%s: keine Auswahl möglich", f->label);
		return;
	}
	p->open = true;
	choice_popup_draw(p);
}

/* Jumps to the next entry whose value or name begins with C (any case). */
static void popup_jump(struct choice_popup *p, wint_t c)
{
	const char *value, *name;

	for (size_t step = 1; step <= p->count; step++) {
		size_t k = (p->sel + step) % p->count;
		wchar_t first[2], other[2];

		popup_entry(p, k, &value, &name);
		editor_decode(value, first, 2);
		editor_decode(name, other, 2);
		if (towlower((wint_t)first[0]) == towlower(c) ||
		    towlower((wint_t)other[0]) == towlower(c)) {
			p->sel = k;
			return;
		}
	}
}

/* Moves the selection; false when IN is no key that moves it. */
static bool popup_move(struct choice_popup *p, struct ui_input in)
{
	size_t last = p->count - 1, page = (size_t)p->rows;

	if (!in.is_key)
		return false;
	if (in.ch == KEY_UP || in.ch == KEY_HOME)
		p->sel = in.ch == KEY_HOME || p->sel == 0 ? 0 : p->sel - 1;
	else if (in.ch == KEY_DOWN || in.ch == KEY_END)
		p->sel = in.ch == KEY_END || p->sel == last ? last : p->sel + 1;
	else if (in.ch == KEY_PPAGE)
		p->sel = p->sel > page ? p->sel - page : 0;
	else if (in.ch == KEY_NPAGE)
		p->sel = p->sel + page < last ? p->sel + page : last;
	else
		return false;
	return true;
}

enum choice_result choice_popup_key(struct choice_popup *p, struct ui_input in, const char **value)
{
	bool pick = editor_is_enter(in) || (!in.is_key && in.ch == ' ');
	const char *name;

	if (pick || (!in.is_key && in.ch == 27) || (in.is_key && in.ch == KEY_F(4))) {
		p->open = false;
		return pick && popup_entry(p, p->sel, value, &name) ? CHOICE_PICKED : CHOICE_CLOSED;
	}
	if (!in.is_key && iswprint(in.ch))
		popup_jump(p, in.ch);
	else if (!popup_move(p, in))
		return CHOICE_UNUSED;
	choice_popup_draw(p);
	return CHOICE_MOVED;
}
