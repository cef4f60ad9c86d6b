/* The terminal: start and stop, signals, colours, reading keys.
 *
 * Signals only set flags (style.md): SIGHUP (an SSH drop; ncurses leaves it
 * at its default, which would kill us with the input unsaved), SIGTERM and
 * SIGINT end the loop, which sends the drafts, restores the terminal and
 * exits. The screen is updated once no key waits to be read.
 */
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
/* After our headers: term.h defines macros such as "columns". */
#include <term.h>

volatile sig_atomic_t ui_got_hangup, ui_got_term;

static void on_hangup(int sig)
{
	(void)sig;
	ui_got_hangup = 1;
}

static void on_term(int sig)
{
	(void)sig;
	ui_got_term = 1;
}

static void install_signals(void)
{
	struct sigaction sa = {.sa_handler = on_hangup}; /* no SA_RESTART: reads return */

	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Terminal descriptions come from the system's directories only, in
 * Debian's order: the environment's TERMINFO and TERMINFO_DIRS are
 * replaced, and HOME goes (the program has no use for it), since ncurses
 * reads ~/.terminfo first whatever else is set. */
static void system_terminfo(void)
{
	unsetenv("TERMINFO");
	unsetenv("HOME");
	setenv("TERMINFO_DIRS", "/etc/terminfo:/lib/terminfo:/usr/share/terminfo", 1);
}

/* An unknown TERM falls back to vt100, which every terminal emulator
 * understands, with a note on the first screen; a known one that cannot
 * place the cursor (TERM=dumb, a printing terminal) is refused. */
static enum status check_term(struct ui *ui, char *msg, size_t size)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (term && *term && setupterm(term, STDOUT_FILENO, &err) == OK) {
		const char *cup = tigetstr("cup");
		bool addressable = cup && cup != (const char *)-1;

		del_curterm(cur_term);
		if (addressable)
			return STATUS_OK;
		snprintf(msg, size,
		         "das Terminal (TERM=%.40s) kann den Cursor nicht setzen; bitte in einem "
		         "Terminal wie xterm oder PuTTY starten",
		         term);
		return STATUS_ERR_INVALID;
	}
	snprintf(ui->note, sizeof(ui->note),
	         "Unbekannter Terminaltyp '%.40s': einfache Darstellung (vt100).",
	         term ? term : "");
	setenv("TERM", "vt100", 1);
	return STATUS_OK;
}

/* Home, End, Insert, Delete, Page Up and Down and the function keys as
 * the common terminals send them, whatever the terminfo entry says (PuTTY,
 * tmux and screen send ESC[1~ and ESC[4~ under TERM=xterm; rxvt ESC[7~ and
 * ESC[8~; an xterm started as TERM=vt100 sends F5 as ESC[15~, which vt100's
 * entry does not know: it would arrive as Esc and four letters). */
static void define_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} keys[] = {
	        {"\033[1~", KEY_HOME},  {"\033[7~", KEY_HOME},   {"\033[H", KEY_HOME},
	        {"\033OH", KEY_HOME},   {"\033[4~", KEY_END},    {"\033[8~", KEY_END},
	        {"\033[F", KEY_END},    {"\033OF", KEY_END},     {"\033[2~", KEY_IC},
	        {"\033[3~", KEY_DC},    {"\033[5~", KEY_PPAGE},  {"\033[6~", KEY_NPAGE},
	        {"\033OP", KEY_F(1)},   {"\033OQ", KEY_F(2)},    {"\033OR", KEY_F(3)},
	        {"\033OS", KEY_F(4)},   {"\033[11~", KEY_F(1)},  {"\033[12~", KEY_F(2)},
	        {"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)},  {"\033[15~", KEY_F(5)},
	        {"\033[17~", KEY_F(6)}, {"\033[18~", KEY_F(7)},  {"\033[19~", KEY_F(8)},
	        {"\033[20~", KEY_F(9)}, {"\033[21~", KEY_F(10)},
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

/* The field being typed in is drawn plain: every typed character then
 * costs its own byte on the wire, not an attribute set and reset around it
 * (16 to 25 bytes a key on a slow line). The other fields keep their
 * background (underline when monochrome), so the form still shows where
 * input goes, and the cursor shows which field is active. */
void ui_term_colours(struct ui *ui)
{
	const char *no_colour = getenv("NO_COLOR");

	ui->colour = has_colors() && !(no_colour && *no_colour) && ui->config->ui.colour;
	if (!ui->colour)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);  /* bars */
	init_pair(2, COLOR_BLACK, COLOR_CYAN);  /* selection */
	init_pair(3, COLOR_RED, -1);            /* errors */
	init_pair(4, COLOR_BLACK, COLOR_WHITE); /* fields */
	init_pair(6, COLOR_BLUE, -1);           /* labels, titles */
}

attr_t ui_attr(const struct ui *ui, enum ui_attr which)
{
	static const attr_t colour[] = {[UI_ATTR_NORMAL] = A_NORMAL,
	                                [UI_ATTR_BAR] = COLOR_PAIR(1),
	                                [UI_ATTR_SELECTED] = COLOR_PAIR(2),
	                                [UI_ATTR_ERROR] = COLOR_PAIR(3) | A_BOLD,
	                                [UI_ATTR_FIELD] = COLOR_PAIR(4),
	                                [UI_ATTR_FIELD_ACTIVE] = A_NORMAL,
	                                [UI_ATTR_LABEL] = A_NORMAL,
	                                [UI_ATTR_READONLY] = A_DIM,
	                                [UI_ATTR_TITLE] = COLOR_PAIR(6) | A_BOLD};
	static const attr_t mono[] = {
	        [UI_ATTR_NORMAL] = A_NORMAL,    [UI_ATTR_BAR] = A_REVERSE,
	        [UI_ATTR_SELECTED] = A_REVERSE, [UI_ATTR_ERROR] = A_BOLD,
	        [UI_ATTR_FIELD] = A_UNDERLINE,  [UI_ATTR_FIELD_ACTIVE] = A_NORMAL,
	        [UI_ATTR_LABEL] = A_NORMAL,     [UI_ATTR_READONLY] = A_NORMAL,
	        [UI_ATTR_TITLE] = A_BOLD};

	return ui->colour ? colour[which] : mono[which];
}

enum status ui_term_start(struct ui *ui, char *msg, size_t size)
{
	const char *codeset = nl_langinfo(CODESET);

	ui->ascii = !codeset || strcmp(codeset, "UTF-8") != 0;
	ui_draw_set_ascii(ui->ascii);
	if (ui->ascii)
		snprintf(ui->note, sizeof(ui->note),
		         "Kein UTF-8: Umlaute erscheinen als ae, oe, ue. Abhilfe: LANG=C.UTF-8 "
		         "setzen (ssh: SendEnv LANG).");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(msg, size,
		         "sozialraum braucht ein Terminal für Ein- und Ausgabe "
		         "(über SSH: ssh -t)");
		return STATUS_ERR_INVALID;
	}
	system_terminfo();
	if (check_term(ui, msg, size) != STATUS_OK)
		return STATUS_ERR_INVALID;
	set_escdelay(ui->config->ui.esc_delay_ms);
	if (!initscr()) {
		snprintf(msg, size, "das Terminal lässt sich nicht einrichten");
		return STATUS_ERR_IO;
	}
	install_signals();
	if (LINES < UI_MIN_LINES || COLS < UI_MIN_COLS) {
		endwin();
		snprintf(msg, size,
		         "das Terminal ist %dx%d Zeichen groß; nötig sind mindestens %dx%d", COLS,
		         LINES, UI_MIN_COLS, UI_MIN_LINES);
		return STATUS_ERR_RANGE;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_keys();
	ui_term_colours(ui);
	refresh(); /* stdscr stays untouched from now on: reading keys repaints nothing */
	return STATUS_OK;
}

void ui_term_stop(void)
{
	if (!isendwin())
		endwin();
}

/* In a UTF-8 locale keys are read as wide characters; otherwise get_wch
 * would swallow the bytes of a character it cannot decode, so bytes are
 * read one by one: a byte above ASCII is the character the locale's
 * character set says (ä in ISO-8859-1, kept as UTF-8 like any other), and
 * one it has no character for arrives as U+FFFD, which the form refuses
 * with a message that stays, instead of losing the letter silently. */
static bool read_key(struct ui *ui, struct ui_input *in, int timeout_ms);

/* Waits for a key and for the server's socket at once: an event from the
 * server ends the wait (ui->server_ready) so that the screens update while
 * nobody types. Keys typed ahead are taken before the screen is updated,
 * so that a burst of keys on a slow line costs one repaint, not one each. */
bool ui_term_read(struct ui *ui, struct ui_input *in, int timeout_ms)
{
	struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
	                        {.fd = wire_client_fd(ui->client), .events = POLLIN}};

	ui->server_ready = false;
	if (ui_got_hangup || ui_got_term)
		return false;
	if (read_key(ui, in, 0))
		return true;
	doupdate();
	if (poll(fds, 2, timeout_ms) <= 0)
		return false;
	if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
		/* The input ended (terminal closed, SSH gone without SIGHUP):
		 * as a hang-up, drafts are kept and the program ends instead
		 * of reading nothing at full speed. */
		ui_got_hangup = 1;
		return false;
	}
	if (fds[1].revents) {
		/* Read now, so that a prompt waiting for its key does not find
		 * the socket readable again at once; the main loop hands the
		 * events to the screens. */
		wire_client_pump(ui->client);
		ui->server_ready = true;
		return false;
	}
	return read_key(ui, in, 0);
}

static bool read_key(struct ui *ui, struct ui_input *in, int timeout_ms)
{
	int r;

	if (ui_got_hangup || ui_got_term)
		return false;
	timeout(timeout_ms);
	if (ui->ascii) {
		r = getch();
		if (r == ERR)
			return false;
		in->is_key = r >= KEY_MIN;
		in->ch = (wint_t)r;
		if (!in->is_key && r >= 0x80 && r <= 0xff)
			in->ch = btowc(r) != WEOF ? btowc(r) : UI_UNDECODABLE;
		return true;
	}
	r = get_wch(&in->ch);
	if (r == ERR)
		return false;
	in->is_key = r == KEY_CODE_YES;
	return true;
}
