/* Drawing helpers: text by display width, lines with an ASCII fallback.
 *
 * Stored text is UTF-8. In a UTF-8 locale each character is drawn with its
 * wcwidth; when the locale is not UTF-8 (an old terminal emulator), German
 * letters are spelt out (ä -> ae) and everything else beyond ASCII becomes
 * '?', so a screen never shows mojibake. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "model/text.h"

static bool draw_ascii;

void ui_draw_set_ascii(bool ascii)
{
	draw_ascii = ascii;
}

/* Decodes one UTF-8 character of S (LEN bytes); returns its length, 0 on
 * malformed input (neutralised text has none). */
static size_t utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;

	if (n > len)
		return 0;
	*cp = n == 1 ? u[0] : u[0] & (0x3f >> (n - 1));
	for (size_t i = 1; i < n; i++)
		*cp = *cp << 6 | (u[i] & 0x3f);
	return n;
}

static const char *ascii_spelling(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		const char *ascii;
	} table[] = {{0xe4, "ae"},    {0xf6, "oe"}, {0xfc, "ue"},    {0xc4, "Ae"},  {0xd6, "Oe"},
	             {0xdc, "Ue"},    {0xdf, "ss"}, {0x20ac, "EUR"}, {0x2013, "-"}, {0x2014, "-"},
	             {0x2026, "..."}, {0xb7, "-"},  {0x25b6, ">"},   {0x25bc, "v"}, {0x25b2, "^"}};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].cp == cp)
			return table[i].ascii;
	return "?";
}

/* Draws one character; returns the columns used, or -1 when it does not
 * fit in ROOM columns. */
static int put_char(WINDOW *win, uint32_t cp, int room)
{
	if (cp < 0x80 || draw_ascii) {
		const char *s = cp < 0x80 ? NULL : ascii_spelling(cp);
		int w = s ? (int)strlen(s) : 1;

		if (w > room)
			return -1;
		if (s)
			waddstr(win, s);
		else
			waddch(win, (chtype)cp);
		return w;
	}
	wchar_t wc = (wchar_t)cp;
	int w = wcwidth(wc);

	if (w < 0)
		w = 1, wc = L'?';
	if (w > room)
		return -1;
	waddnwstr(win, &wc, 1);
	return w;
}

int ui_width(const char *text)
{
	size_t len = strlen(text);
	int used = 0;

	while (len > 0) {
		uint32_t cp;
		size_t n = utf8_next(text, len, &cp);
		int w;

		if (n == 0)
			break;
		if (cp < 0x80)
			w = 1;
		else if (draw_ascii)
			w = (int)strlen(ascii_spelling(cp));
		else if ((w = wcwidth((wchar_t)cp)) < 0)
			w = 1;
		used += w;
		text += n;
		len -= n;
	}
	return used;
}

int ui_put(WINDOW *win, int y, int x, const char *text, int width, bool pad)
{
	char clean[1024];
	const char *p = clean;
	size_t len;
	int used = 0;

	if (width <= 0)
		return 0;
	len = text_neutralise(text ? text : "", false, clean, sizeof(clean));
	wmove(win, y, x);
	while (len > 0) {
		uint32_t cp;
		size_t n = utf8_next(p, len, &cp);
		int w;

		if (n == 0 || (w = put_char(win, cp, width - used)) < 0)
			break;
		used += w;
		p += n;
		len -= n;
	}
	for (; pad && used < width; used++)
		waddch(win, ' ');
	return used;
}

void ui_hline(struct ui *ui, WINDOW *win, int y, int x, int width)
{
	wmove(win, y, x);
	whline(win, ui->ascii ? '-' : ACS_HLINE, width);
}
