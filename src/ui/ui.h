/* The terminal program's shared mechanisms: the screen vtable, key tables,
 * the form engine and the list view. Only src/ui includes curses.
 *
 * Layout at 80x24 (the design size): line 0 the top bar (program, user,
 * role, team, date), lines 1..LINES-3 the body (one screen's window), line
 * LINES-2 the message line, line LINES-1 the keys that work here. Drawing
 * code only calls wnoutrefresh(); the loop in term.c calls doupdate() once
 * before each read of a key.
 */
#ifndef UI_UI_H
#define UI_UI_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "model/config.h"
#include "model/draft.h"
#include "model/record.h"
#include "model/rights.h"
#include "model/status.h"
#include "ui/main.h"
#include "wire/client.h"

/* What a key handler did; the shell acts on the flags. */
enum ui_flags {
	UI_UNHANDLED = 0,
	UI_HANDLED = 1 << 0, /* the key was used */
	UI_REDRAW = 1 << 1,  /* the screen's draw() must run */
	UI_LEAVE = 1 << 2,   /* close this screen, back to the one below */
	UI_QUIT = 1 << 3,    /* end the program (asks first when input is unsaved) */
};

/* A key as read: a character (wide) or a curses key code. A byte the
 * locale has no character for comes as UI_UNDECODABLE (U+FFFD). */
struct ui_input {
	wint_t ch;
	bool is_key; /* ch is a KEY_* code */
};
#define UI_UNDECODABLE 0xfffd

/* The commands of the program. The key map (keymap.c) gives each one
 * letter (or control key) and one function key, the same on every screen:
 * a screen names the commands it offers, never the keys. In a form,
 * where letters are typed, the function keys work. */
enum ui_cmd {
	CMD_NONE,
	CMD_HELP,     /* ? F1 */
	CMD_BACK,     /* Esc */
	CMD_QUIT,     /* q F10 */
	CMD_REPAINT,  /* ^L */
	CMD_OPEN,     /* Enter */
	CMD_SAVE,     /* ^S F2 */
	CMD_EDIT,     /* F3 */
	CMD_FILTER,   /* f F4: filters from pick lists (in a form F4 is a field's list) */
	CMD_RELOAD,   /* g F5 */
	CMD_SORT,     /* s F6 */
	CMD_SORT_REV, /* S */
	CMD_NEW,      /* n F7 */
	CMD_END,      /* e F8: end the selected entry (deactivate, release) */
	CMD_CHILDREN, /* u F9: the entry's child lists */
	CMD_PARENT,   /* o: what the entry belongs to (a person's case) */
	CMD_CORRECT,  /* b: a new entry that corrects the selected one */
	CMD_SEARCH,   /* / */
	CMD_TOGGLE,   /* Space */
	CMD_ADDRESS,  /* a */
	CMD_DRAFT,    /* 1 .. 9 */
	CMD_CASES,    /* !: a case the dashboard names (§ 8a, unassigned, due, mine) */
	CMD_BOOK,     /* z: book a payment on the entry (Zahlung); its bookings */
	CMD_EXPORT,   /* x: the list as a CSV file in the user's export folder */
	CMD_COUNT
};

/* One command of the key map. */
struct ui_keymap_entry {
	enum ui_cmd cmd;
	int key;           /* the letter or control key ('n', 27 Esc, '\r' Enter), 0: none */
	int fkey;          /* the function key number (2: F2), 0: none */
	const char *label; /* the bottom line's word: "Neu" */
	const char *help;  /* the help screen's line */
};
extern const struct ui_keymap_entry ui_keymap[];
extern const size_t ui_keymap_size;
const struct ui_keymap_entry *ui_keymap_find(enum ui_cmd cmd);
/* The command whose key IN is (CMD_NONE: none). TYPING: letters are text
 * here, only function and control keys are commands. */
enum ui_cmd ui_keymap_cmd(struct ui_input in, bool typing);

/* A command a screen offers: its own word and help line for it (NULL:
 * the key map's), the screen's action number, and whether the user's
 * role may use it. The bottom line and the help are made from these, so
 * they cannot drift from what works. */
struct ui_key {
	enum ui_cmd cmd;
	const char *label; /* NULL: the key map's word; "": not on the bottom line */
	const char *help;  /* NULL: the key map's line */
	int action;
	/* Offered only when the role may do VERB to some records of type DEF
	 * (the model's rights table; NULL: always). */
	const struct record_def *def;
	enum right_verb verb;
};

struct ui;

/* The role may use KEY (see struct ui_key). */
bool ui_key_allowed(const struct ui *ui, const struct ui_key *key);
/* IN is the key of command CMD here. */
bool ui_key_is(struct ui_input in, enum ui_cmd cmd);

/* Keys the shell handles on every screen (help, back, quit, repaint). */
extern const struct ui_key ui_global_keys[];
extern const size_t ui_nglobal_keys;

struct ui;
struct ui_list;
struct screen;

/* A screen: a small vtable whose key handler returns flags instead of
 * drawing (htop's Panel, petitboot's nc-scr). */
struct screen_ops {
	const char *title; /* top bar, after the program name */
	const struct ui_key *keys;
	size_t nkeys;
	/* Fetches what the screen shows; a status != OK closes it with the
	 * status's message. */
	enum status (*open)(struct screen *s);
	/* Draws into s->win (wnoutrefresh only). */
	void (*draw)(struct screen *s);
	/* ACTION is the action of a matching ui_key, or -1 when the key is no
	 * binding (typing into a form, moving in a list). */
	int (*key)(struct screen *s, int action, struct ui_input in);
	/* s->win has its new size already. */
	void (*resize)(struct screen *s);
	/* Unsaved input? (quit asks first; drafts are sent). May be NULL. */
	bool (*dirty)(struct screen *s);
	/* Sends the draft of unsaved input now (hang-up, idle, leaving a
	 * field, every few seconds of typing). May be NULL. */
	void (*save_draft)(struct screen *s);
	/* The server came back after a restart: take edit locks again. May be NULL. */
	void (*reconnected)(struct screen *s);
	/* Somebody else saved a record this session may see: the screen
	 * marks what it shows as stale and fetches it again when it is next
	 * drawn. May be NULL. */
	void (*event)(struct screen *s, const struct wire_event *ev);
	void (*close)(struct screen *s); /* frees s->data */
	/* Letters are typed here (a form): the shell's own keys are offered by
	 * their function keys ("F1 Hilfe", "F10 Ende"). */
	bool typing;
	/* Lines the help screen shows below the keys (moving between fields,
	 * the editor's keys); NULL-terminated, may be NULL. */
	const char *const *help;
};

struct screen {
	const struct screen_ops *ops;
	struct ui *ui;
	WINDOW *win; /* the body area */
	void *data;
	/* The commands offered and the title, when they depend on what is
	 * shown (a screen made from a descriptor); NULL: the ops' own. */
	const struct ui_key *keys;
	size_t nkeys;
	const char *title;
};

/* --- the shell (shell.c, term.c, session.c) --- */

/* The screen's title for the top bar and the help. */
const char *ui_screen_title(const struct screen *s);
/* The top screen's commands changed (s->keys): the bottom line is drawn
 * again. */
void ui_keys_changed(struct ui *ui);

/* Opens screen OPS on top of the stack with DATA (owned by the screen from
 * now on; its close() frees it). Returns false (message shown) when its
 * open() failed. */
bool ui_push(struct ui *ui, const struct screen_ops *ops, void *data);

/* The message line: INFO in normal, ERROR in the error colour (bold when
 * monochrome). Cleared at the next key. printf-like. */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error that stays on the message line for some seconds, over the
 * keys that follow, until it has been read. */
void ui_error_stays(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Asks a yes/no question on the message line ("j"/"n"; Esc: neither, go
 * back to where the question came from); ui_confirm is true for yes. */
enum ui_answer { UI_ANSWER_NO, UI_ANSWER_YES, UI_ANSWER_CANCEL };
enum ui_answer ui_ask(struct ui *ui, const char *question);
bool ui_confirm(struct ui *ui, const char *question);

/* A pick list over the body: TITLE above, the entries' VALUE and NAME
 * (may be NULL) in two columns; typing narrows them to those whose value
 * or name begins with what was typed (any case, "ae" for "ä"). Returns
 * the index picked, or -1 on Esc. */
struct ui_pick_entry {
	const char *value, *name;
};
int ui_pick(struct ui *ui, const char *title, const struct ui_pick_entry *entries, size_t n,
            size_t selected);

/* Reads one line of text on the message line after PROMPT (for '/' search
 * and small questions); false when cancelled with Esc. */
bool ui_prompt(struct ui *ui, const char *prompt, char *buf, size_t size);

/* Who is logged in, and the configuration (read-only). */
const struct wire_welcome *ui_me(const struct ui *ui);
const struct cfg_staff *ui_staff(const struct ui *ui);
const struct config *ui_config(const struct ui *ui);
/* Use the ASCII fallback glyphs / no colour. */
bool ui_ascii(const struct ui *ui);
bool ui_colour(const struct ui *ui);

/* Colour pairs (all A_NORMAL/A_BOLD/A_REVERSE when monochrome). */
enum ui_attr {
	UI_ATTR_NORMAL,
	UI_ATTR_BAR,
	UI_ATTR_SELECTED,
	UI_ATTR_ERROR,
	UI_ATTR_FIELD,
	UI_ATTR_FIELD_ACTIVE,
	UI_ATTR_LABEL,
	UI_ATTR_READONLY,
	UI_ATTR_TITLE
};
attr_t ui_attr(const struct ui *ui, enum ui_attr which);

/* --- talking to the server (session.c) --- */

/* Starts a request of KIND; add fields to the returned buffer. */
struct codec_buf *ui_request(struct ui *ui, enum wire_kind kind);
/* Sends it and waits for the answer. While the server is away the message
 * line says so and the call waits for it to come back (the screen stays);
 * after a reconnect every screen's reconnected() runs. An ERROR answer's
 * text (if any) is copied into ERRTEXT (may be NULL). */
enum status ui_call(struct ui *ui, struct wire_msg *reply, char *errtext, size_t size);

/* An export (wire/client.h) as this user may have it, into OUT; an
 * error answer's text into ERRTEXT. */
enum status ui_export(struct ui *ui, const struct wire_export_query *q, FILE *out, char *errtext,
                      size_t size);
/* The same into *TEXT (NUL-terminated, the caller frees it); a refusal's
 * text on the message line. */
enum status ui_export_text(struct ui *ui, const char *kind, int year, char **text);

/* Edit locks this session holds, taken again after a server restart.
 * ui_lock: STATUS_OK; STATUS_ERR_LOCKED with the holder's name and the
 * time ("in Bearbeitung durch NAME seit HH:MM") in HOLDER; or
 * STATUS_ERR_EXISTS when this user's other session holds it, which
 * TAKE_OVER takes from it. ui_forget_lock: one taken over elsewhere. */
enum status ui_lock(struct ui *ui, const char *table, uint64_t id, bool take_over, char *holder,
                    size_t size);
void ui_unlock(struct ui *ui, const char *table, uint64_t id);
void ui_forget_lock(struct ui *ui, const char *table, uint64_t id);
/* "in Bearbeitung durch NAME seit HH:MM" from an answer naming the holder
 * of an edit lock (WF_HOLDER, WF_SINCE). */
void ui_holder_text(const struct wire_msg *reply, char *buf, size_t size);
/* Still held (after a server restart a lock may have gone to someone else). */
bool ui_holds_lock(const struct ui *ui, const char *table, uint64_t id);

/* The record service, the same for every record type. GET reads record
 * ID of DEF into REC; when somebody else edits it, HOLDER (may be NULL)
 * gets "in Bearbeitung durch NAME seit HH:MM", else "". SAVE sends REC
 * (new: id 0, or version 0 for a type whose ids come from its content)
 * and on success REC is what was stored; ERRTEXT gets the server's word
 * (the field's message, or who holds the lock). */
enum status ui_record_get(struct ui *ui, const struct record_def *def, uint64_t id, void *rec,
                          char *holder, size_t size);
enum status ui_record_save(struct ui *ui, const struct record_def *def, void *rec, char *errtext,
                           size_t size);
/* A list of DEF page by page: ui_record_list starts the request (add
 * WF_WORDS, WF_INDEX with WF_KEY, WF_PARENT, WF_FILTER, WF_BACKWARD to
 * it), and ui_record_page sends it from where POS says the last page
 * ended (a zeroed POS: from the start), calls ADD for every record, and
 * moves POS to where this page ended (empty: nothing follows); FIRST (may
 * be NULL) gets where it began. REQ is the request ui_record_list
 * returned. *MORE: another page follows. */
struct ui_page_pos {
	uint8_t after[WIRE_POSITION_MAX];
	size_t len;
};
struct codec_buf *ui_record_list(struct ui *ui, const struct record_def *def);
enum status ui_record_page(struct ui *ui, struct codec_buf *req, const struct record_def *def,
                           struct ui_page_pos *pos, struct ui_page_pos *first,
                           void (*add)(void *ctx, const void *rec), void *ctx, bool *more);
/* How many records of DEF the user may list whose INDEX key begins with
 * KEY (a text; NULL: the whole index) and, when FILTER is not NULL, whose
 * field holds a value ("status=offen"); -1 when it cannot be said, and
 * *MORE when the server stopped counting at its bound. */
int64_t ui_record_count(struct ui *ui, const struct record_def *def, const char *index,
                        const char *key, const char *filter, bool *more);
/* The positions an answer gives: where its page began and ended. */
void ui_page_positions(const struct wire_msg *reply, struct ui_page_pos *first,
                       struct ui_page_pos *last);

/* Drafts: sends DRAFT (table, record, title, text filled in by the caller). */
enum status ui_draft_put(struct ui *ui, struct draft *draft);
enum status ui_draft_delete(struct ui *ui, uint64_t id);

/* --- drawing helpers (draw.c) --- */

/* Writes UTF-8 text at Y,X in at most WIDTH columns (wcwidth; a
 * double-width character that would not fit is left out), padding with
 * blanks to WIDTH when PAD. Control characters are shown neutralised.
 * Returns the columns used. */
int ui_put(WINDOW *win, int y, int x, const char *text, int width, bool pad);
/* The columns ui_put would use for TEXT (in ASCII mode "ä" takes two). */
int ui_width(const char *text);
/* One character as ui_put draws it, at the window's cursor: the columns
 * used, or -1 (nothing drawn) when it needs more than ROOM. ui_char_width
 * is its width. */
int ui_put_char(WINDOW *win, wchar_t c, int room);
int ui_char_width(wchar_t c);
/* UTF-8 TEXT as ui_put shows it in ASCII mode (ä -> ae, é -> ?), for text
 * handed to libform, which cannot show UTF-8 outside a UTF-8 locale. Never
 * longer than TEXT; always NUL-terminates OUT; returns the length. */
size_t ui_ascii_text(const char *text, char *out, size_t size);
/* A box-drawing line / frame with the ASCII fallback when needed. */
void ui_hline(struct ui *ui, WINDOW *win, int y, int x, int width);

/* --- the form engine (form.c) --- */

/* A form over the fields of a record type: labels left, fields right, one
 * per line, scrolling when the window is short. Field kinds come from the
 * field table: text, multi-line text (edited in the built-in editor with
 * word wrap), date, money, number, choice from a list (FIELD_CHOICE, or
 * FIELD_REF into the configuration: offered with Space/F4), yes/no.
 * Validation is the model's: field_parse for each field, then the record
 * type's validator; the message is shown at the field. */
struct ui_form;

/* A section of a form: a heading (NULL: none) above fields named by
 * NAMES (NULL-terminated). */
struct ui_form_section {
	const char *title;
	const char *const *names;
};

/* SECTIONS: the fields shown (NULL: every field of DEF, no headings).
 * REC: the record the form starts from (copied). PARENT: the record REC
 * belongs to, for the type's rules that need it (may be NULL).
 * READONLY: shown, not editable. */
struct ui_form *ui_form_new(struct ui *ui, WINDOW *win, const struct record_def *def,
                            const struct ui_form_section *sections, size_t nsections,
                            const void *rec, const void *parent, bool readonly);
void ui_form_free(struct ui_form *form);
void ui_form_draw(struct ui_form *form);
/* Editing keys (typing, Tab/Down/Enter next field, Up/Shift-Tab back,
 * Left/Right/Home/End/Backspace/Del within the field, Space/F4 on a choice
 * to pick from the list, Enter on a multi-line field opens the editor).
 * Returns ui_flags. */
int ui_form_key(struct ui_form *form, struct ui_input in);
void ui_form_resize(struct ui_form *form, WINDOW *win);
void ui_form_set_readonly(struct ui_form *form, bool readonly);
/* Parses every field into REC (a copy of the starting record with what was
 * typed), then validates; on an error the cursor goes to the field and the
 * message is shown at it. */
enum status ui_form_collect(struct ui_form *form, void *rec);
/* A refusal of the server's that names a field of the form ("Anschrift:
 * unbekannte Straße ...") is shown at that field, the cursor goes there;
 * false when MESSAGE names none. */
bool ui_form_fail_text(struct ui_form *form, const char *message);
/* Input differs from the starting record. */
bool ui_form_changed(const struct ui_form *form);
/* Starts over from REC (after a save: the saved record, new version). */
void ui_form_reset(struct ui_form *form, const void *rec);
/* The typed text of every field into / out of a draft. */
void ui_form_to_draft(const struct ui_form *form, struct draft *draft);
void ui_form_from_draft(struct ui_form *form, const struct draft *draft);
/* True once after the cursor left a field whose text changed, or when
 * typing went on for a few seconds: time to send the draft. */
bool ui_form_draft_due(struct ui_form *form);

/* --- the list view (list.c) --- */

/* A column: the label, the width (0: what is left), and how a cell is
 * made: from a record field (FIELD, by name in the list's record type) or
 * by FORMAT for rows that are not records. */
struct ui_column {
	const char *label;
	int width;
	const char *field;
	size_t (*format)(const void *row, char *buf, size_t size);
	bool numeric; /* right-aligned, sorted as a number */
	int min_cols; /* shown only in a window at least this wide (0: always) */
};

/* A page a list asks its source for: the rows below the last in hand, or
 * (UP) those above the first, nearest first. FROM: the position to go on
 * from (NULL: from that end of the list, UP: the last page). A two-way
 * source gives back where the page began (FIRST: the server's WF_FIRST)
 * and where it ended (LAST: WF_AFTER, empty when nothing follows). */
struct ui_list_page {
	bool up;
	const struct ui_page_pos *from;
	struct ui_page_pos first, last;
};

/* Where the rows come from: FETCH appends a page of rows with
 * ui_list_append and says whether more follow (a configuration directory
 * gives all at once). TWO_WAY: pages from positions both ways, so the list
 * holds a bounded window of them however far one scrolls. SERVER_FILTER:
 * '/' refetches with ui_list_filter() (the server's word search) instead
 * of filtering the rows in hand by the folded text of their cells. */
struct ui_list_source {
	enum status (*fetch)(void *ctx, struct ui_list *list, struct ui_list_page *page,
	                     bool *more);
	void *ctx;
	bool server_filter;
	bool two_way;
};

struct ui_list;
struct ui_list *ui_list_new(struct ui *ui, WINDOW *win, const struct record_def *def,
                            const struct ui_column *columns, size_t ncolumns, size_t row_size,
                            struct ui_list_source source);
void ui_list_free(struct ui_list *list);
/* Copies one row in (during FETCH). */
void ui_list_append(struct ui_list *list, const void *row);
/* Drops the rows and fetches from the start (after a save, a new filter). */
enum status ui_list_reload(struct ui_list *list);
void ui_list_draw(struct ui_list *list);
/* Up/Down/PgUp/PgDn/Home/End (fetching more as the user scrolls), '/'
 * filter, 's' or F6 next sort column, Enter returns UI_HANDLED and the
 * caller reads ui_list_selected(). Returns ui_flags. */
int ui_list_key(struct ui_list *list, struct ui_input in);
void ui_list_resize(struct ui_list *list, WINDOW *win);
/* The row under the cursor, or NULL when the list is empty. */
const void *ui_list_selected(const struct ui_list *list);
/* The current '/' filter text ("" when none). */
const char *ui_list_filter(const struct ui_list *list);
size_t ui_list_count(const struct ui_list *list);
/* The rows in hand as shown (filtered, sorted), every column, as CSV for
 * German Excel (model/csv.h) into OUT: the export of a list whose rows
 * came all at once. */
enum status ui_list_csv(const struct ui_list *list, FILE *out);
/* The rows in hand begin at the list's start (none left above them). */
bool ui_list_at_start(const struct ui_list *list);

#endif
