/* Drawing helpers: text by display width, lines with an ASCII fallback.
 *
 * Stored text is UTF-8. In a UTF-8 locale each character is drawn with its
 * wcwidth; when the locale is not UTF-8 (an old terminal emulator), German
 * letters are spelt out (ä -> ae) and everything else beyond ASCII becomes
 * '?', so a screen never shows mojibake. ui_ascii_text gives the same
 * spelling to the form, for libform, which shows no UTF-8 there. */
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

/* No spelling is longer than its character in UTF-8, so ui_ascii_text
 * never makes text longer. */
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

/* Control characters have no width of their own; they are shown as '?'. */
static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f;
}

int ui_char_width(wchar_t c)
{
	int w;

	if (c < 0x80)
		return 1;
	if (draw_ascii)
		return (int)strlen(ascii_spelling((uint32_t)c));
	w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int ui_put_char(WINDOW *win, wchar_t c, int room)
{
	uint32_t cp = is_control((uint32_t)c) ? '?' : (uint32_t)c;

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

		if (n == 0)
			break;
		used += ui_char_width((wchar_t)cp);
		text += n;
		len -= n;
	}
	return used;
}

size_t ui_ascii_text(const char *text, char *out, size_t size)
{
	size_t len = strlen(text), used = 0;

	if (size == 0)
		return 0;
	while (len > 0) {
		uint32_t cp;
		size_t n = utf8_next(text, len, &cp), k;
		const char *s;

		if (n == 0 || !text_valid_utf8(text, n))
			n = 1, cp = '?'; /* each malformed byte is one '?', as text_neutralise */
		s = cp >= 0x80 ? ascii_spelling(cp) : is_control(cp) ? "?" : NULL;
		k = s ? strlen(s) : 1;
		if (used + k >= size)
			break;
		memcpy(out + used, s ? s : text, k);
		used += k;
		text += n;
		len -= n;
	}
	out[used] = '\0';
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

		if (n == 0 || (w = ui_put_char(win, (wchar_t)cp, width - used)) < 0)
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
