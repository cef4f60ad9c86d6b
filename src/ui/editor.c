/* The built-in text editor: the text as an array of code points with the
 * cursor as an index into it, and a table of visual lines made afresh after
 * every change.
 *
 * Texts are small (a journal entry is a few kilobytes), so a change is one
 * memmove and a new line table; a gap buffer would buy nothing. A line
 * wraps after the last blank that fits, or is cut inside a word longer than
 * the line. The editor wraps one column short of the window's width, so the
 * cursor behind the last character of a full line stays inside the window.
 * Widths are ui_char_width's: wcwidth's, the same the terminal uses, or on a
 * terminal without UTF-8 those of the ASCII spelling ui_put shows (ä is
 * "ae", two columns). There only ASCII can be typed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "editor.h"

struct vline {
	size_t start, end; /* the characters shown: [start, end) */
	size_t next;       /* where the next line starts; len + 1 for the last line */
};

struct editor {
	struct ui *ui;
	WINDOW *win;
	char title[128];
	wchar_t *text;
	size_t len, cap; /* characters; cap counts room for a terminating 0 */
	size_t bytes, max_bytes;
	size_t cur; /* the cursor, an index into text */
	int goal;   /* the column Up and Down aim for; -1 when not moving up or down */
	bool readonly;
	struct vline *lines; /* at most cap + 1: each line but the last holds a character */
	size_t nlines, top;
};

size_t editor_utf8_len(wchar_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* Decodes one character at S; malformed bytes count one each, as U+FFFD. */
static size_t utf8_decode(const unsigned char *s, wchar_t *out)
{
	size_t n = s[0] < 0x80    ? 1
	           : s[0] >= 0xf5 ? 0
	           : s[0] >= 0xf0 ? 4
	           : s[0] >= 0xe0 ? 3
	           : s[0] >= 0xc2 ? 2
	                          : 0;
	uint32_t cp;

	if (n == 0) {
		*out = 0xfffd;
		return 1;
	}
	cp = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*out = 0xfffd;
			return 1;
		}
		cp = cp << 6 | (s[i] & 0x3f);
	}
	*out = (wchar_t)cp;
	return n;
}

size_t editor_decode(const char *text, wchar_t *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = 0;

	if (size == 0)
		return 0;
	while (*s && n + 1 < size)
		s += utf8_decode(s, &out[n++]);
	out[n] = 0;
	return n;
}

size_t editor_encode(const wchar_t *s, size_t n, char *out, size_t size)
{
	static const unsigned char lead[] = {0, 0, 0xc0, 0xe0, 0xf0}; /* by length */
	size_t len = 0;

	if (size == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = (uint32_t)s[i];
		size_t k = editor_utf8_len(s[i]);

		if (len + k >= size)
			break;
		if (k == 1) {
			out[len] = (char)c;
		} else {
			out[len] = (char)(lead[k] | (c >> (6 * (k - 1))));
			for (size_t j = 1; j < k; j++)
				out[len + j] = (char)(0x80 | ((c >> (6 * (k - 1 - j))) & 0x3f));
		}
		len += k;
	}
	out[len] = '\0';
	return len;
}

/* Finds the end of the visual line starting at START of TEXT (LEN
 * characters) in WIDTH columns: *END is where its characters end, the
 * return value where the next line starts (LEN + 1 after the last line). */
static size_t wrap_line(const wchar_t *text, size_t len, size_t start, int width, size_t *end)
{
	size_t blank = 0; /* the index after the last blank; 0 = none yet */
	int col = 0;

	for (size_t i = start; i < len; i++) {
		int w = ui_char_width(text[i]);

		if (text[i] == L'\n') {
			*end = i;
			return i + 1;
		}
		if (col + w > width && i > start) {
			*end = blank > start ? blank : i;
			return *end;
		}
		col += w;
		if (text[i] == L' ')
			blank = i + 1;
	}
	*end = len;
	return len + 1;
}

static int text_cols(const struct editor *ed)
{
	int cols = getmaxx(ed->win) - 1;

	return cols > 0 ? cols : 1;
}

static int text_rows(const struct editor *ed)
{
	int rows = getmaxy(ed->win) - 1; /* below the title line */

	return rows > 0 ? rows : 1;
}

static void layout(struct editor *ed)
{
	size_t start = 0;

	ed->nlines = 0;
	for (;;) {
		struct vline *l = &ed->lines[ed->nlines++];

		l->start = start;
		l->next = wrap_line(ed->text, ed->len, start, text_cols(ed), &l->end);
		if (l->next > ed->len)
			break;
		start = l->next;
	}
}

static size_t cursor_line(const struct editor *ed)
{
	size_t k = 0;

	while (k + 1 < ed->nlines && ed->cur >= ed->lines[k].next)
		k++;
	return k;
}

static int span_width(const struct editor *ed, size_t from, size_t to)
{
	int w = 0;

	for (size_t i = from; i < to; i++)
		w += ui_char_width(ed->text[i]);
	return w;
}

/* The last place the cursor may take on line K: before the newline, after
 * the last character of the text, or on the last character of a wrapped
 * line (the place after it is the next line's start). */
static size_t line_last(const struct editor *ed, size_t k)
{
	const struct vline *l = &ed->lines[k];

	if (l->next > ed->len || (l->end < ed->len && ed->text[l->end] == L'\n'))
		return l->end;
	return l->end - 1;
}

static size_t index_at(const struct editor *ed, size_t k, int goal)
{
	size_t i = ed->lines[k].start, last = line_last(ed, k);
	int col = 0;

	while (i < last && col + ui_char_width(ed->text[i]) <= goal)
		col += ui_char_width(ed->text[i++]);
	return i;
}

struct editor *editor_new(struct ui *ui, WINDOW *win, const char *title, const char *text,
                          size_t max_bytes, bool readonly)
{
	struct editor *ed = calloc(1, sizeof(*ed));
	size_t have = strlen(text);

	if (!ed)
		return NULL;
	ed->cap = (max_bytes > have ? max_bytes : have) + 1; /* a character has a byte at least */
	ed->text = malloc(ed->cap * sizeof(*ed->text));
	ed->lines = malloc((ed->cap + 1) * sizeof(*ed->lines));
	if (!ed->text || !ed->lines) {
		editor_free(ed);
		return NULL;
	}
	ed->ui = ui;
	ed->win = win;
	snprintf(ed->title, sizeof(ed->title), "%s", title);
	ed->max_bytes = max_bytes;
	ed->readonly = readonly;
	ed->len = editor_decode(text, ed->text, ed->cap);
	for (size_t i = 0; i < ed->len; i++)
		ed->bytes += editor_utf8_len(ed->text[i]);
	ed->cur = ed->len;
	ed->goal = -1;
	layout(ed);
	return ed;
}

void editor_free(struct editor *ed)
{
	if (!ed)
		return;
	free(ed->text);
	free(ed->lines);
	free(ed);
}

void editor_resize(struct editor *ed, WINDOW *win)
{
	ed->win = win;
	layout(ed);
}

size_t editor_text(const struct editor *ed, char *buf, size_t size)
{
	return editor_encode(ed->text, ed->len, buf, size);
}

/* Draws characters [FROM, TO) of TEXT at Y,X, padded with blanks to WIDTH
 * columns when PAD. */
static void draw_span(WINDOW *win, int y, int x, const wchar_t *text, size_t from, size_t to,
                      int width, bool pad)
{
	int col = 0;

	wmove(win, y, x);
	for (size_t i = from; i < to; i++) {
		int w = ui_put_char(win, text[i], width - col); /* a '\n' shows as '?' */

		if (w < 0)
			break;
		col += w;
	}
	for (; pad && col < width; col++)
		waddch(win, ' ');
}

static void draw_title(struct editor *ed, size_t line)
{
	char head[256];
	int cols = getmaxx(ed->win);

	snprintf(head, sizeof(head), "%s (%s)  Zeile %zu/%zu", ed->title,
	         ed->readonly ? "nur lesen; Esc: zurück" : "Esc oder F2: zurück zum Formular",
	         line + 1, ed->nlines);
	wattrset(ed->win, ui_attr(ed->ui, UI_ATTR_TITLE));
	ui_put(ed->win, 0, 0, head, cols, true);
	wattrset(ed->win, A_NORMAL);
}

void editor_draw(struct editor *ed)
{
	int rows = text_rows(ed);
	size_t k = cursor_line(ed);

	if (k < ed->top)
		ed->top = k;
	else if (k >= ed->top + (size_t)rows)
		ed->top = k - (size_t)rows + 1;
	werase(ed->win);
	draw_title(ed, k);
	for (int r = 0; r < rows && ed->top + (size_t)r < ed->nlines; r++) {
		const struct vline *l = &ed->lines[ed->top + (size_t)r];

		draw_span(ed->win, r + 1, 0, ed->text, l->start, l->end, getmaxx(ed->win), false);
	}
	wmove(ed->win, 1 + (int)(k - ed->top), span_width(ed, ed->lines[k].start, ed->cur));
	wnoutrefresh(ed->win);
}

static enum editor_result insert_char(struct editor *ed, wchar_t c)
{
	size_t n = editor_utf8_len(c);

	if (ed->bytes + n > ed->max_bytes || ed->len + 1 >= ed->cap) {
		ui_error(ed->ui, "Mehr Text passt nicht in dieses Feld.");
		return EDITOR_USED;
	}
	wmemmove(ed->text + ed->cur + 1, ed->text + ed->cur, ed->len - ed->cur);
	ed->text[ed->cur++] = c;
	ed->len++;
	ed->bytes += n;
	layout(ed);
	return EDITOR_CHANGED;
}

static enum editor_result remove_char(struct editor *ed, size_t at)
{
	ed->bytes -= editor_utf8_len(ed->text[at]);
	wmemmove(ed->text + at, ed->text + at + 1, ed->len - at - 1);
	ed->len--;
	if (ed->cur > at)
		ed->cur--;
	layout(ed);
	return EDITOR_CHANGED;
}

/* Moves the cursor DELTA visual lines up (negative) or down, keeping the
 * column it aimed for. */
static void move_lines(struct editor *ed, long delta)
{
	long k = (long)cursor_line(ed) + delta;

	if (ed->goal < 0)
		ed->goal = span_width(ed, ed->lines[cursor_line(ed)].start, ed->cur);
	if (k < 0)
		k = 0;
	if (k >= (long)ed->nlines)
		k = (long)ed->nlines - 1;
	ed->cur = index_at(ed, (size_t)k, ed->goal);
}

/* Keys that move the cursor; false when IN is none of them. */
static bool move_key(struct editor *ed, struct ui_input in)
{
	long page = text_rows(ed);

	if (!in.is_key)
		return false;
	switch (in.ch) {
	case KEY_UP:
	case KEY_DOWN:
	case KEY_PPAGE:
	case KEY_NPAGE:
		move_lines(ed, in.ch == KEY_UP      ? -1
		               : in.ch == KEY_DOWN  ? 1
		               : in.ch == KEY_PPAGE ? -page
		                                    : page);
		return true;
	case KEY_LEFT:
		ed->cur -= ed->cur > 0;
		break;
	case KEY_RIGHT:
		ed->cur += ed->cur < ed->len;
		break;
	case KEY_HOME:
		ed->cur = ed->lines[cursor_line(ed)].start;
		break;
	case KEY_END:
		ed->cur = line_last(ed, cursor_line(ed));
		break;
	default:
		return false;
	}
	ed->goal = -1;
	return true;
}

static bool is_close(struct ui_input in)
{
	return (!in.is_key && in.ch == 27) || (in.is_key && in.ch == KEY_F(2));
}

bool editor_is_enter(struct ui_input in)
{
	return in.is_key ? in.ch == KEY_ENTER : in.ch == '\r' || in.ch == '\n';
}

bool editor_is_backspace(struct ui_input in)
{
	return in.is_key ? in.ch == KEY_BACKSPACE : in.ch == 127 || in.ch == 8;
}

bool editor_refuse_char(struct ui *ui, struct ui_input in)
{
	if (in.is_key || in.ch != UI_UNDECODABLE || !ui_ascii(ui))
		return false;
	ui_error_stays(ui, "Zeichen nicht übernommen: die Sitzung hat kein UTF-8 (Abhilfe: "
	                   "LANG=C.UTF-8)");
	return true;
}

bool editor_line_key(struct ui *ui, char *buf, size_t size, struct ui_input in)
{
	size_t len = strlen(buf);
	wchar_t c = (wchar_t)in.ch;

	if (editor_is_backspace(in)) {
		while (len > 0 && ((unsigned char)buf[--len] & 0xc0) == 0x80)
			;
		buf[len] = '\0';
		return true;
	}
	if (in.is_key || in.ch < ' ' || in.ch == 127)
		return false;
	if (!editor_refuse_char(ui, in) && len + editor_utf8_len(c) < size)
		editor_encode(&c, 1, buf + len, size - len);
	return true;
}

/* Keys that change the text. */
static enum editor_result edit_key(struct editor *ed, struct ui_input in)
{
	ed->goal = -1;
	if (editor_is_enter(in))
		return insert_char(ed, L'\n');
	if (editor_is_backspace(in))
		return ed->cur > 0 ? remove_char(ed, ed->cur - 1) : EDITOR_USED;
	if (in.is_key && in.ch == KEY_DC)
		return ed->cur < ed->len ? remove_char(ed, ed->cur) : EDITOR_USED;
	if (!in.is_key && in.ch == '\t')
		return EDITOR_USED; /* a tab is a control character: not stored */
	if (editor_refuse_char(ed->ui, in))
		return EDITOR_USED;
	if (!in.is_key && iswprint(in.ch) && wcwidth(in.ch) > 0)
		return insert_char(ed, (wchar_t)in.ch);
	return EDITOR_UNUSED;
}

enum editor_result editor_key(struct editor *ed, struct ui_input in)
{
	if (is_close(in))
		return EDITOR_CLOSE;
	if (move_key(ed, in))
		return EDITOR_USED;
	if (ed->readonly) {
		if (editor_is_enter(in) || editor_is_backspace(in) ||
		    (!in.is_key && iswprint(in.ch)))
			return EDITOR_USED;
		return EDITOR_UNUSED;
	}
	return edit_key(ed, in);
}

void editor_preview(WINDOW *win, int y, int x, int rows, int width, const char *text, attr_t attr)
{
	size_t size = strlen(text) + 1, len, start = 0;
	wchar_t *w = malloc(size * sizeof(*w));

	len = w ? editor_decode(text, w, size) : 0;
	wattrset(win, attr);
	for (int r = 0; r < rows; r++) {
		size_t end = start, next = len + 1;

		if (w && start <= len)
			next = wrap_line(w, len, start, width, &end);
		draw_span(win, y + r, x, w, start, start <= len ? end : start, width, true);
		start = next;
	}
	wattrset(win, A_NORMAL);
	free(w);
}
