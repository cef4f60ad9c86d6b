/* The built-in text editor for multi-line fields (journal entries, notes):
 * the whole body window, word wrap by display width, UTF-8 text. Users
 * have no way out to $EDITOR (design.md), so this is the editor.
 *
 * Private to src/ui: the form engine (form.c) opens it for fields with
 * `multiline = true` and draws its preview of the first lines; its UTF-8
 * and key helpers below serve the form's other parts as well.
 */
#ifndef UI_EDITOR_H
#define UI_EDITOR_H

#include "ui.h"

struct editor;

/* Opens an editor drawing into WIN (all of it) on TEXT (UTF-8, copied),
 * refusing input beyond MAX_BYTES bytes of UTF-8. TITLE (German) heads the
 * first line. READONLY: the text can be read and scrolled, not changed.
 * Returns NULL when out of memory. Free with editor_free. */
struct editor *editor_new(struct ui *ui, WINDOW *win, const char *title, const char *text,
                          size_t max_bytes, bool readonly);
void editor_free(struct editor *ed);
/* Draws into the window (wnoutrefresh only) with the cursor at its place. */
void editor_draw(struct editor *ed);
/* WIN has a new size (or is a new window); the text and cursor stay. */
void editor_resize(struct editor *ed, WINDOW *win);

enum editor_result {
	EDITOR_UNUSED,  /* not a key of the editor: the shell's (Ctrl-L, ...) */
	EDITOR_USED,    /* moved, or refused with a message */
	EDITOR_CHANGED, /* the text changed */
	EDITOR_CLOSE,   /* Esc or F2: back to the form, keeping the text */
};
enum editor_result editor_key(struct editor *ed, struct ui_input in);

/* The text as UTF-8 into BUF of SIZE bytes (cut at a character boundary);
 * returns the length. */
size_t editor_text(const struct editor *ed, char *buf, size_t size);

/* Draws the first ROWS lines of TEXT wrapped to WIDTH columns at Y,X of WIN
 * with ATTR, padded with blanks: the preview of a multi-line field. */
void editor_preview(WINDOW *win, int y, int x, int rows, int width, const char *text, attr_t attr);

/* UTF-8 to code points and back, independent of the locale, so that text
 * survives a terminal whose locale is not UTF-8. editor_decode writes at
 * most SIZE-1 characters and a 0 (malformed bytes become U+FFFD) and
 * returns the count; editor_encode writes N characters, cut at a character
 * boundary to fit SIZE with its NUL, and returns the length. */
size_t editor_decode(const char *text, wchar_t *out, size_t size);
size_t editor_encode(const wchar_t *s, size_t n, char *out, size_t size);
/* Bytes of code point C in UTF-8. */
size_t editor_utf8_len(wchar_t c);
/* A key typed into the one-line UTF-8 text BUF (a prompt, a pick list's
 * narrowing): a character is added (when it fits), Backspace removes the
 * last one. False when IN is no such key. */
bool editor_line_key(struct ui *ui, char *buf, size_t size, struct ui_input in);

/* Enter (or Return) and Backspace as terminals send them, read alike by
 * the editor, the form and its choice list. */
bool editor_is_enter(struct ui_input in);
bool editor_is_backspace(struct ui_input in);
/* On a terminal without UTF-8 (ui_ascii) a typed character beyond ASCII
 * is refused with a message on the message line: it could not be shown,
 * and what such a terminal sends is no UTF-8. True when IN was refused. */
bool editor_refuse_char(struct ui *ui, struct ui_input in);

#endif
