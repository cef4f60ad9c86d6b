/* The shell: the screen stack, the bars, the message line, the help screen
 * and the loop that reads keys and hands them to the top screen.
 *
 * A key goes first to the top screen's key table, then to the screen (a
 * form types it, a list moves), and only when the screen did not use it to
 * the keys every screen shares (help, back, quit, repaint). So '?' and 'q'
 * are typed into a form field and work as keys in a list.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "editor.h"
#include "internal.h"
#include "model/date.h"
#include "model/domain.h"
#include "screens.h"

#define CTRL(c) ((c)&0x1f)

static bool key_typing; /* the top screen types letters: name function keys */

/* Help first: it always fits on the bottom line. */
const struct ui_key ui_global_keys[] = {
        {.cmd = CMD_HELP},
        {.cmd = CMD_BACK},
        {.cmd = CMD_QUIT},
        {.cmd = CMD_REPAINT},
};
const size_t ui_nglobal_keys = sizeof(ui_global_keys) / sizeof(ui_global_keys[0]);

const struct wire_welcome *ui_me(const struct ui *ui)
{
	return &ui->me;
}

const struct cfg_staff *ui_staff(const struct ui *ui)
{
	return &ui->config->staff[ui->staff];
}

const struct config *ui_config(const struct ui *ui)
{
	return ui->config;
}

bool ui_ascii(const struct ui *ui)
{
	return ui->ascii;
}

bool ui_colour(const struct ui *ui)
{
	return ui->colour;
}

static void set_message(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	/* An error that stays is not written over by a field's help. */
	if (!error && time(NULL) < ui->message_until)
		return;
	vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	ui->message_error = error;
	ui->message_shown = false;
	ui->message_until = 0;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
	beep();
}

void ui_error_stays(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
	ui->message_until = time(NULL) + UI_MESSAGE_STAYS_S;
	beep();
}

void ui_draw_message(struct ui *ui)
{
	werase(ui->msg);
	wattrset(ui->msg, ui_attr(ui, ui->message_error ? UI_ATTR_ERROR : UI_ATTR_NORMAL));
	ui_put(ui->msg, 0, 0, ui->message, COLS - 1, false);
	wattrset(ui->msg, A_NORMAL);
	wnoutrefresh(ui->msg);
}

/* "n Neu", "F2 Speichern", "Esc Zurück" for the bottom line and help:
 * the letter, or where letters are typed (or there is none) the function
 * key. */
static void key_label(const struct ui_keymap_entry *e, char *buf, size_t size)
{
	if (e->fkey && (!e->key || key_typing || e->key < 32))
		snprintf(buf, size, "F%d", e->fkey);
	else if (e->key == 27)
		snprintf(buf, size, "Esc");
	else if (e->key == '\r')
		snprintf(buf, size, "Enter");
	else if (e->key == ' ')
		snprintf(buf, size, "Leer");
	else if (e->cmd == CMD_DRAFT)
		snprintf(buf, size, "1-9");
	else if (e->key > 0 && e->key < 32)
		snprintf(buf, size, "^%c", e->key + '@');
	else if (e->key > 32 && e->key < 127)
		snprintf(buf, size, "%c", e->key);
	else
		snprintf(buf, size, "?");
}

static const char *key_word(const struct ui_key *key, const struct ui_keymap_entry *e)
{
	return key->label ? key->label : e->label;
}

void ui_keys_changed(struct ui *ui)
{
	ui->bars_dirty = true;
}

const char *ui_screen_title(const struct screen *s)
{
	return s->title ? s->title : s->ops->title ? s->ops->title : "";
}

bool ui_key_allowed(const struct ui *ui, const struct ui_key *key)
{
	return !key->def || rights_may(ui_staff(ui), key->def, key->verb);
}

static bool bound(const struct ui_key *keys, size_t n, const struct ui_key *key)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i].cmd == key->cmd)
			return true;
	return false;
}

/* Puts the labelled keys of KEYS that are not in SKIP, up to column LIMIT. */
static int put_keys(struct ui *ui, const struct ui_key *keys, size_t n, const struct ui_key *skip,
                    size_t nskip, int x, int limit)
{
	char name[16];

	for (size_t i = 0; i < n; i++) {
		const struct ui_keymap_entry *e = ui_keymap_find(keys[i].cmd);
		const char *word = e ? key_word(&keys[i], e) : "";
		int w;

		/* On the first screen there is nothing to go back to. */
		if (!word[0] || (skip && bound(skip, nskip, &keys[i])) ||
		    !ui_key_allowed(ui, &keys[i]) || (keys[i].cmd == CMD_BACK && ui->depth == 1))
			continue;
		key_label(e, name, sizeof(name));
		w = ui_width(name) + 1 + ui_width(word);
		if (x + w > limit)
			break;
		wattrset(ui->keys, A_BOLD);
		x += ui_put(ui->keys, 0, x, name, limit - x, false) + 1;
		wattrset(ui->keys, A_NORMAL);
		x += ui_put(ui->keys, 0, x, word, limit - x, false) + 2;
	}
	return x;
}

/* The commands the screen offers. */
static const struct ui_key *screen_keys(const struct screen *s, size_t *n)
{
	*n = s->keys ? s->nkeys : s->ops->nkeys;
	return s->keys ? s->keys : s->ops->keys;
}

static void draw_top(struct ui *ui)
{
	const struct screen *top = ui->depth ? ui->stack[ui->depth - 1] : NULL;
	const struct cfg_staff *me = ui_staff(ui);
	char left[128], right[192], date[16];
	int rw;

	date_format(date_today(), date, sizeof(date));
	snprintf(left, sizeof(left), "sozialraum · %s", top ? ui_screen_title(top) : "");
	snprintf(right, sizeof(right), "%s · %s%s%s · %s", me->name, role_labels[me->role],
	         ui->me.team[0] ? " · " : "", ui->me.team, date);
	wbkgdset(ui->top, ' ' | ui_attr(ui, UI_ATTR_BAR));
	werase(ui->top);
	rw = ui_width(right) < COLS - 20 ? ui_width(right) : COLS - 20;
	ui_put(ui->top, 0, 0, left, COLS - rw - 2, false);
	ui_put(ui->top, 0, COLS - rw, right, rw, false);
	wnoutrefresh(ui->top);
}

void ui_draw_bars(struct ui *ui)
{
	const struct screen *top = ui->depth ? ui->stack[ui->depth - 1] : NULL;
	const struct ui_key *keys = NULL;
	size_t nkeys = 0;
	int x = 0;

	draw_top(ui);
	werase(ui->keys);

	key_typing = top && top->ops->typing;
	/* The screen's keys first; "? Hilfe" (or "F1 Hilfe") always fits after them. */
	if (top) {
		keys = screen_keys(top, &nkeys);
		x = put_keys(ui, keys, nkeys, NULL, 0, x, COLS - 11);
	}
	put_keys(ui, ui_global_keys, ui_nglobal_keys, keys, nkeys, x, COLS - 1);
	wnoutrefresh(ui->keys);
	ui->bars_dirty = false;
}

WINDOW *ui_body_new(void)
{
	WINDOW *win = newwin(LINES - 3, COLS, 1, 0);

	if (win)
		keypad(win, TRUE);
	return win;
}

bool ui_push(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen *s = calloc(1, sizeof(*s));
	enum status st = STATUS_ERR_NOMEM;

	if (s && ui->depth < UI_MAX_DEPTH && (s->win = ui_body_new())) {
		s->ops = ops;
		s->ui = ui;
		s->data = data;
		ui->stack[ui->depth++] = s;
		st = ops->open ? ops->open(s) : STATUS_OK;
		if (st == STATUS_OK) {
			ui->bars_dirty = true;
			return true;
		}
		ui->depth--;
	}
	if (s && s->ops && s->ops->close)
		s->ops->close(s);
	if (s && s->win)
		delwin(s->win);
	free(s);
	/* The screen may have said why itself; else the status says it. */
	if (st != STATUS_ERR_UNAVAILABLE && (!ui->message[0] || ui->message_shown))
		ui_error(ui, "%s", status_message(st));
	return false;
}

static void pop_screen(struct ui *ui)
{
	struct screen *s = ui->stack[--ui->depth];

	if (s->ops->close)
		s->ops->close(s);
	delwin(s->win);
	free(s);
	if (ui->depth) {
		touchwin(ui->stack[ui->depth - 1]->win);
		if (ui->stack[ui->depth - 1]->ops->resize)
			ui->stack[ui->depth - 1]->ops->resize(ui->stack[ui->depth - 1]);
	}
	ui->bars_dirty = true;
}

/* Reads a key for a question on the message line (no screen sees it). */
bool ui_read_answer(struct ui *ui, struct ui_input *in)
{
	while (!ui_term_read(ui, in, 1000))
		if (ui_got_hangup || ui_got_term)
			return false;
	return true;
}

enum ui_answer ui_ask(struct ui *ui, const char *question)
{
	struct ui_input in;

	ui_message(ui, "%s (j/n, Esc: zurück)", question);
	ui_draw_message(ui);
	for (;;) {
		if (!ui_read_answer(ui, &in))
			return UI_ANSWER_CANCEL;
		if (in.is_key)
			continue;
		if (in.ch == 'j' || in.ch == 'J' || in.ch == 'y') {
			ui_message(ui, "%s", "");
			return UI_ANSWER_YES;
		}
		if (in.ch == 'n' || in.ch == 'N' || in.ch == 27) {
			ui_message(ui, "%s", "");
			return in.ch == 27 ? UI_ANSWER_CANCEL : UI_ANSWER_NO;
		}
	}
}

bool ui_confirm(struct ui *ui, const char *question)
{
	return ui_ask(ui, question) == UI_ANSWER_YES;
}

/* Edits BUF on the message line; Enter takes it, Esc cancels. */
bool ui_prompt(struct ui *ui, const char *prompt, char *buf, size_t size)
{
	struct ui_input in;

	for (;;) {
		/* A character refused is said until the next key. */
		if (time(NULL) >= ui->message_until)
			ui_message(ui, "%s%s", prompt, buf);
		ui_draw_message(ui);
		wmove(ui->msg, 0,
		      ui_width(ui->message) < COLS - 1 ? ui_width(ui->message) : COLS - 2);
		wnoutrefresh(ui->msg);
		if (!ui_read_answer(ui, &in) || (!in.is_key && in.ch == 27))
			break;
		if ((!in.is_key && (in.ch == '\r' || in.ch == '\n')) ||
		    (in.is_key && in.ch == KEY_ENTER)) {
			ui->message_until = 0;
			ui_message(ui, "%s", "");
			return true;
		}
		ui->message_until = 0;
		editor_line_key(ui, buf, size, in);
	}
	ui->message_until = 0;
	ui_message(ui, "%s", "");
	return false;
}

/* --- help: made from the key tables of the screen below and the shell --- */

/* TEXT from column X on, broken at blanks into the lines it needs (a
 * free line of help goes on indented). Returns the line after it. */
static int help_wrap(WINDOW *win, int y, int x, const char *text)
{
	char line[256];

	while (*text && y < getmaxy(win) - 1) {
		int room = getmaxx(win) - x - 1;
		size_t len = strlen(text), cut = 0;

		/* The words that fit; one word longer than the line is cut. */
		while (cut < len) {
			size_t next = cut + 1;

			while (next < len && text[next] != ' ')
				next++;
			if (next >= sizeof(line))
				break;
			memcpy(line, text, next);
			line[next] = '\0';
			if (ui_width(line) > room)
				break;
			cut = next;
		}
		if (cut == 0)
			cut = len < sizeof(line) ? len : sizeof(line) - 1;
		memcpy(line, text, cut);
		line[cut] = '\0';
		ui_put(win, y++, x, line, room, false);
		for (text += cut; *text == ' '; text++)
			;
		x = x == 2 ? 4 : x;
	}
	return y;
}

static int help_lines(const struct ui *ui, const struct ui_key *keys, size_t n,
                      const struct ui_key *skip, size_t nskip, WINDOW *win, int y)
{
	char name[32], fkey[16];

	for (size_t i = 0; i < n && y < getmaxy(win); i++) {
		const struct ui_keymap_entry *e = ui_keymap_find(keys[i].cmd);

		/* Help lists what works here, for this role, once. */
		if (!e || !ui_key_allowed(ui, &keys[i]) || (skip && bound(skip, nskip, &keys[i])))
			continue;
		/* The other key of the command too: "s F6", "F2 ^S". */
		key_label(e, name, sizeof(name));
		if (e->fkey && name[0] != 'F')
			snprintf(fkey, sizeof(fkey), " F%d", e->fkey);
		else if (e->fkey && e->key > 0 && e->key < 32 && e->key != 27 && e->key != '\r')
			snprintf(fkey, sizeof(fkey), " ^%c", e->key + '@');
		else
			fkey[0] = '\0';
		strncat(name, fkey, sizeof(name) - strlen(name) - 1);
		wattrset(win, A_BOLD);
		ui_put(win, y, 2, name, 10, true);
		wattrset(win, A_NORMAL);
		y = help_wrap(win, y, 13, keys[i].help ? keys[i].help : e->help);
	}
	return y;
}

static void help_draw(struct screen *s)
{
	const struct screen *below = s->data;
	const struct ui_key *keys;
	size_t nkeys;
	int y;

	werase(s->win);
	wattrset(s->win, ui_attr(s->ui, UI_ATTR_TITLE));
	ui_put(s->win, 0, 0, ui_screen_title(below), COLS, false);
	wattrset(s->win, A_NORMAL);
	key_typing = below->ops->typing;
	keys = screen_keys(below, &nkeys);
	y = help_lines(s->ui, keys, nkeys, NULL, 0, s->win, 2);
	y = help_lines(s->ui, ui_global_keys, ui_nglobal_keys, keys, nkeys, s->win, y);
	y++;
	for (size_t i = 0; below->ops->help && below->ops->help[i]; i++)
		y = help_wrap(s->win, y, 2, below->ops->help[i]);
	ui_put(s->win, getmaxy(s->win) - 1, 2, "Eine beliebige Taste: zurück", COLS - 3, false);
	wnoutrefresh(s->win);
}

static int help_key(struct screen *s, int action, struct ui_input in)
{
	(void)s, (void)action, (void)in;
	return UI_LEAVE; /* any key goes back */
}

static const struct screen_ops help_ops = {
        .title = "Hilfe",
        .draw = help_draw,
        .key = help_key,
};

/* --- the loop --- */

/* The command of KEYS that IN is (a screen offers a command once). */
static const struct ui_key *match_key(const struct ui *ui, const struct ui_key *keys, size_t n,
                                      struct ui_input in)
{
	enum ui_cmd cmd = ui_keymap_cmd(in, false);

	for (size_t i = 0; cmd != CMD_NONE && i < n; i++)
		if (keys[i].cmd == cmd && ui_key_allowed(ui, &keys[i]))
			return &keys[i];
	return NULL;
}

static bool any_dirty(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->dirty && ui->stack[i]->ops->dirty(ui->stack[i]))
			return true;
	return false;
}

static void save_drafts(struct ui *ui)
{
	for (int i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i]->ops->dirty && ui->stack[i]->ops->dirty(ui->stack[i]) &&
		    ui->stack[i]->ops->save_draft)
			ui->stack[i]->ops->save_draft(ui->stack[i]);
}

static void repaint(struct ui *ui)
{
	clearok(curscr, TRUE);
	ui->bars_dirty = true;
	if (ui->depth)
		touchwin(ui->stack[ui->depth - 1]->win);
}

static void resize_all(struct ui *ui)
{
	/* curses resized stdscr, which marks it changed: the next key read
	 * would paint it, empty, over the screens (keys are read before the
	 * screen is updated). Taken now, the screens below go over it. */
	wnoutrefresh(stdscr);
	ui->message_shown = false;
	ui->too_small = LINES < UI_MIN_LINES || COLS < UI_MIN_COLS;
	if (ui->too_small)
		return;
	wresize(ui->top, 1, COLS);
	wresize(ui->msg, 1, COLS);
	mvwin(ui->msg, LINES - 2, 0);
	wresize(ui->keys, 1, COLS);
	mvwin(ui->keys, LINES - 1, 0);
	for (int i = 0; i < ui->depth; i++) {
		wresize(ui->stack[i]->win, LINES - 3, COLS);
		if (ui->stack[i]->ops->resize)
			ui->stack[i]->ops->resize(ui->stack[i]);
	}
	repaint(ui);
}

static void quit(struct ui *ui)
{
	if (any_dirty(ui) &&
	    !ui_confirm(ui, "Es gibt ungesicherte Eingaben; sie bleiben als Entwurf erhalten. "
	                    "Beenden?"))
		return;
	save_drafts(ui);
	ui->quit = true;
}

static void global_key(struct ui *ui, const struct ui_key *key)
{
	struct screen *top = ui->stack[ui->depth - 1];

	switch (key ? key->cmd : CMD_NONE) {
	case CMD_HELP:
		if (top->ops != &help_ops)
			ui_push(ui, &help_ops, top);
		break;
	case CMD_BACK:
		if (ui->depth > 1)
			pop_screen(ui);
		break;
	case CMD_QUIT:
		quit(ui);
		break;
	case CMD_REPAINT:
		repaint(ui);
		break;
	default:
		break;
	}
}

static void handle_key(struct ui *ui, struct ui_input in)
{
	struct screen *top = ui->stack[ui->depth - 1];
	size_t nkeys;
	const struct ui_key *keys = screen_keys(top, &nkeys);
	const struct ui_key *key = match_key(ui, keys, nkeys, in);
	int flags;

	if (in.is_key && in.ch == KEY_RESIZE) {
		resize_all(ui);
		return;
	}
	if (!in.is_key && in.ch == CTRL('l')) {
		repaint(ui);
		return;
	}
	flags = top->ops->key(top, key ? key->action : -1, in);
	if (flags & UI_QUIT)
		quit(ui);
	else if ((flags & UI_LEAVE) && ui->depth > 1)
		pop_screen(ui);
	else if (!(flags & UI_HANDLED))
		global_key(ui, match_key(ui, ui_global_keys, ui_nglobal_keys, in));
}

static void draw(struct ui *ui)
{
	struct screen *top = ui->stack[ui->depth - 1];

	if (ui->too_small) {
		erase();
		mvprintw(0, 0, "Fenster zu klein: nötig sind %dx%d.", UI_MIN_COLS, UI_MIN_LINES);
		wnoutrefresh(stdscr);
		return;
	}
	if (ui->bars_dirty)
		ui_draw_bars(ui);
	top->ops->draw(top);
	if (!ui->message_shown) {
		ui_draw_message(ui);
		ui->message_shown = true;
		/* The cursor belongs to the screen (a form's field), not the message. */
		top->ops->draw(top);
	}
}

/* No key for the configured time: the input is kept as a draft and the
 * session ends, as with a hang-up. */
static bool idle_expired(struct ui *ui)
{
	int limit = ui->config->ui.idle_timeout_s;

	return limit > 0 && time(NULL) - ui->last_key >= limit;
}

static void loop(struct ui *ui)
{
	struct ui_input in;

	while (!ui->quit && ui->depth > 0) {
		ui_session_events(ui);
		draw(ui);
		if (!ui_term_read(ui, &in, 1000)) {
			if (ui_got_hangup || ui_got_term || (ui->idled = idle_expired(ui))) {
				save_drafts(ui);
				break;
			}
			continue;
		}
		ui->last_key = time(NULL);
		if (ui->message[0] && ui->message_shown && time(NULL) >= ui->message_until)
			ui_message(ui, "%s", "");
		if (!ui->too_small || (in.is_key && in.ch == KEY_RESIZE))
			handle_key(ui, in);
	}
}

static int start(struct ui *ui, const struct ui_options *options)
{
	char msg[512];
	enum status st;

	st = ui_session_open(ui, ui->config->socket_path, options->as_login, msg, sizeof(msg));
	if (st == STATUS_ERR_UNAVAILABLE) {
		fprintf(stderr,
		        "sozialraum: der Datenserver läuft nicht (%s).\n"
		        "Bitte die Systemverwaltung, ihn zu starten: systemctl start sozialraumd\n",
		        ui->config->socket_path);
		return 1;
	}
	if (st != STATUS_OK) {
		fprintf(stderr, "sozialraum: Anmeldung abgelehnt: %s\n",
		        st == STATUS_ERR_DENIED && msg[0] ? msg : status_message(st));
		return 1;
	}
	if (ui_term_start(ui, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "sozialraum: %s\n", msg);
		return 1;
	}
	return 0;
}

static void finish(struct ui *ui)
{
	while (ui->depth > 0)
		pop_screen(ui);
	if (ui->top) {
		delwin(ui->top);
		delwin(ui->msg);
		delwin(ui->keys);
	}
	ui_term_stop();
	ui_session_close(ui);
}

static enum status load(struct ui *ui, const struct ui_options *options)
{
	struct config_errors errors = {0};
	enum status st = config_load(options->config_path, &ui->config, &errors);

	if (st != STATUS_OK) {
		fprintf(stderr, "sozialraum: die Konfiguration hat Fehler:\n");
		config_errors_print(&errors, stderr);
	}
	config_errors_free(&errors);
	if (st == STATUS_OK && options->data_dir)
		snprintf(ui->config->socket_path, sizeof(ui->config->socket_path), "%s/%s",
		         options->data_dir, WIRE_SOCKET_NAME);
	return st;
}

int ui_main(const struct ui_options *options)
{
	struct ui ui = {.staff = -1};
	int code;

	if (load(&ui, options) != STATUS_OK)
		return 1;
	if ((code = start(&ui, options)) != 0) {
		ui_session_close(&ui);
		config_free(ui.config);
		return code;
	}
	ui.top = newwin(1, COLS, 0, 0);
	ui.msg = newwin(1, COLS, LINES - 2, 0);
	ui.keys = newwin(1, COLS, LINES - 1, 0);
	ui.last_key = time(NULL);
	ui_push(&ui, &scr_dashboard_ops, NULL);
	if (ui.note[0]) /* over the dashboard's word on drafts, which it lists anyway */
		ui_message(&ui, "%s", ui.note);
	loop(&ui);
	code = ui_got_hangup || ui_got_term ? 1 : 0;
	finish(&ui);
	if (ui.idled)
		printf("sozialraum: Sitzung nach %d Minuten ohne Eingabe beendet; ungesicherte "
		       "Eingaben sind als Entwurf gespeichert.\n",
		       ui.config->ui.idle_timeout_s / 60);
	config_free(ui.config);
	return code;
}
