/* The state of the running terminal program, shared by the shell's own
 * files (term.c, shell.c, session.c, draw.c); screens use ui.h only. */
#ifndef UI_INTERNAL_H
#define UI_INTERNAL_H

#include <signal.h>
#include <time.h>

#include "ui.h"

#define UI_MAX_DEPTH       16
#define UI_MAX_LOCKS       32
#define UI_MIN_LINES       24
#define UI_MIN_COLS        80
#define UI_MESSAGE_STAYS_S 5

struct ui_held_lock {
	char table[CONFIG_ID_SIZE];
	uint64_t id;
};

struct ui {
	struct config *config;
	struct wire_client *client;
	struct wire_welcome me;
	int staff; /* index into config->staff */

	struct screen *stack[UI_MAX_DEPTH];
	int depth;

	WINDOW *top, *msg, *keys; /* the bars; screens draw in their own body window */
	bool ascii, colour;
	char note[160]; /* said once at start (unknown TERM) */

	char message[256];
	bool message_error, message_shown;
	time_t message_until; /* a message that stays over the keys until then */
	bool bars_dirty;      /* top and keys lines need drawing */
	bool too_small;       /* the terminal shrank below 80x24 */

	struct ui_held_lock locks[UI_MAX_LOCKS];
	size_t nlocks;
	unsigned reconnects;
	bool server_away;

	time_t last_key;
	bool server_ready; /* the server's socket has something: events */
	bool quit;
	bool idled; /* ended by the idle timeout */
};

extern volatile sig_atomic_t ui_got_hangup, ui_got_term;

/* session.c: the server's unasked messages (events) to the screens, and
 * a lost connection tried again. */
void ui_session_events(struct ui *ui);

/* term.c */
enum status ui_term_start(struct ui *ui, char *msg, size_t size);
void ui_term_stop(void);
/* Reads one key after one doupdate(); false on timeout (TIMEOUT_MS) or
 * when a signal flag is set. */
bool ui_term_read(struct ui *ui, struct ui_input *in, int timeout_ms);
void ui_term_colours(struct ui *ui);

/* draw.c */
void ui_draw_set_ascii(bool ascii);

/* session.c */
enum status ui_session_open(struct ui *ui, const char *socket_path, const char *as_login, char *msg,
                            size_t size);
void ui_session_close(struct ui *ui);

/* shell.c */
WINDOW *ui_body_new(void);
/* Reads a key for a question or pick list that no screen sees; false on
 * hang-up or termination. */
bool ui_read_answer(struct ui *ui, struct ui_input *in);
void ui_draw_bars(struct ui *ui);
void ui_draw_message(struct ui *ui);

#endif
