/* The one-line field the cursor is in: its characters as code points, the
 * cursor as an index into them, and the first column libform's view shows.
 *
 * libform is driven request by request beside this copy (form.c says why
 * its buffer is never read). A character is one libform position in a
 * UTF-8 locale; in ASCII mode libform holds the spelling ui_put shows
 * ("ae" for ä), so the cursor steps over all of a spelling at once and
 * never stands inside one, and deleting a character deletes its spelling.
 */
#include "editor.h"
#include "form_private.h"

/* libform's positions for character C. */
static int char_steps(const struct field_line *l, wchar_t c)
{
	return l->ascii ? ui_char_width(c) : 1;
}

static int line_cols(const struct field_line *l, size_t n)
{
	int cols = 0;

	for (size_t i = 0; i < n; i++)
		cols += ui_char_width(l->chars[i]);
	return cols;
}

int field_line_width(const struct field_line *l)
{
	return line_cols(l, l->len);
}

/* Scrolls as libform does after each request (_nc_Refresh_Current_Field),
 * so that field_line_paint shows what libform's view holds. Over the
 * positions of one spelling this comes to the same as once at its end. */
static void view_follow(struct field_line *l)
{
	int col = line_cols(l, l->pos);

	if (col < l->first_col)
		l->first_col = col;
	else if (col >= l->first_col + l->cols)
		l->first_col = col - l->cols + 1;
}

/* Sends REQ to libform once for every position of character C. */
static void drive(struct field_line *l, wchar_t c, int req)
{
	for (int k = char_steps(l, c); k > 0; k--)
		form_driver_w(l->form, KEY_CODE_YES, req);
}

void field_line_cursor_to(struct field_line *l, size_t target)
{
	if (target == 0 && l->pos > 0) {
		form_driver_w(l->form, KEY_CODE_YES, REQ_BEG_FIELD);
		l->pos = 0;
		view_follow(l);
	}
	while (l->pos != target) {
		bool left = l->pos > target;

		drive(l, l->chars[left ? l->pos - 1 : l->pos],
		      left ? REQ_PREV_CHAR : REQ_NEXT_CHAR);
		l->pos = left ? l->pos - 1 : l->pos + 1;
		view_follow(l);
	}
}

void field_line_load(struct field_line *l, const char *text, int cols, size_t pos)
{
	l->pos = 0;
	l->first_col = 0;
	l->cols = cols;
	l->len = editor_decode(text, l->chars, l->cap);
	field_line_cursor_to(l, pos < l->len ? pos : l->len);
}

bool field_line_move_key(struct field_line *l, struct ui_input in)
{
	if (!in.is_key)
		return false;
	switch (in.ch) {
	case KEY_LEFT:
		field_line_cursor_to(l, l->pos > 0 ? l->pos - 1 : 0);
		return true;
	case KEY_RIGHT:
		field_line_cursor_to(l, l->pos < l->len ? l->pos + 1 : l->len);
		return true;
	case KEY_HOME:
		field_line_cursor_to(l, 0);
		return true;
	case KEY_END:
		field_line_cursor_to(l, l->len);
		return true;
	default:
		return false;
	}
}

bool field_line_insert(struct field_line *l, wchar_t c)
{
	if (form_driver_w(l->form, OK, c) != E_OK)
		return false;
	wmemmove(l->chars + l->pos + 1, l->chars + l->pos, l->len - l->pos);
	l->chars[l->pos++] = c;
	l->len++;
	view_follow(l);
	return true;
}

bool field_line_delete(struct field_line *l, bool before)
{
	size_t at = before ? l->pos - 1 : l->pos;

	if (before ? l->pos == 0 : l->pos >= l->len)
		return false;
	drive(l, l->chars[at], before ? REQ_DEL_PREV : REQ_DEL_CHAR);
	wmemmove(l->chars + at, l->chars + at + 1, l->len - at - 1);
	l->len--;
	l->pos = at;
	view_follow(l);
	return true;
}

/* libform's copy from its pad shifts the line when the first column shown
 * cuts a double-width character, and after the screen erased its window
 * this restores the field. A character cut at either edge shows as
 * blanks. */
void field_line_paint(const struct field_line *l, WINDOW *win, int y, int x, attr_t attr)
{
	int col = 0, used = 0;

	wattrset(win, attr);
	wmove(win, y, x);
	for (size_t i = 0; i < l->len && used < l->cols; col += ui_char_width(l->chars[i]), i++) {
		int w = ui_char_width(l->chars[i]), cut;

		if (col + w <= l->first_col)
			continue; /* left of the view */
		if (col >= l->first_col && used + w <= l->cols) {
			ui_put_char(win, l->chars[i], l->cols - used);
			used += w;
			continue;
		}
		cut = col < l->first_col ? col + w - l->first_col : l->cols - used;
		for (; cut > 0; cut--, used++)
			waddch(win, ' ');
	}
	for (; used < l->cols; used++)
		waddch(win, ' ');
	wattrset(win, A_NORMAL);
}
