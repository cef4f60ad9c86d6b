/* The form engine's parts: the form's state, shared by form.c (keys,
 * moving, collecting, drafts) and form_layout.c (where fields go, the
 * libform objects, drawing); the entries of choice fields and the list
 * that pops up to pick one (choice.c), and the characters of the one-line
 * field the cursor is in (field_line.c). Private to src/ui.
 */
#ifndef UI_FORM_PRIVATE_H
#define UI_FORM_PRIVATE_H

#include "ui.h" /* first: it asks curses for the wide-character calls */

#include <form.h>
#include <time.h>

/* --- choices (choice.c) --- */

/* A field whose value is picked from a list: FIELD_CHOICE or FIELD_REF. */
bool choice_field(const struct field_def *f);

/* The K-th entry field F offers: VALUE goes into the field, NAME is the
 * other spelling (a choice's code name, a reference's full name). Both
 * point into the field table or the configuration. */
bool choice_entry(const struct ui *ui, const struct field_def *f, size_t k, const char **value,
                  const char **name);

/* The entry TEXT stands for: the same in any case, or the only one it
 * begins (ASCII case folded). NULL when none or several. */
const char *choice_match(const struct ui *ui, const struct field_def *f, const char *text);

/* The list of a choice field's entries, drawn over the form's window. */
struct choice_popup {
	bool open;
	struct ui *ui;
	WINDOW *win; /* the form's */
	const struct field_def *field;
	size_t count, sel, top; /* entries, the selected one, the first shown */
	int y, x, rows, cols;   /* the frame; ROWS entries inside */
	int value_cols;
};

/* Opens the list of field F, which holds TEXT and takes lines ROW to
 * ROW + ROWS - 1 from column X of WIN: below the field, or above it when
 * there is no room below. When there is nothing to pick it says so on the
 * message line and stays closed. */
void choice_popup_open(struct choice_popup *p, struct ui *ui, WINDOW *win,
                       const struct field_def *f, const char *text, int row, int rows, int x);
void choice_popup_draw(struct choice_popup *p);

enum choice_result {
	CHOICE_UNUSED, /* not a key of the list */
	CHOICE_MOVED,  /* the selection moved (drawn) */
	CHOICE_PICKED, /* closed with an entry picked */
	CHOICE_CLOSED, /* closed without one */
};
/* Up/Down/PgUp/PgDn/Home/End move, a letter jumps to the next entry that
 * begins with it, Enter or Space picks (*VALUE is the entry's value), Esc
 * or F4 closes. */
enum choice_result choice_popup_key(struct choice_popup *p, struct ui_input in, const char **value);

/* --- the current one-line field (field_line.c) --- */

/* The characters of the field the cursor is in, as code points: the
 * shadow of libform's buffer (see form.c). Each change goes to libform
 * (form_driver_w) and here together, so the two stay in step. In ASCII
 * mode libform holds the ASCII spelling (ui_ascii_text), where "ä" takes
 * two positions; columns are always the displayed ones (ui_char_width). */
struct field_line {
	FORM *form;     /* whose current field this is */
	wchar_t *chars; /* LEN characters; CAP counts a terminating 0 */
	size_t len, pos, cap;
	int cols;      /* the columns the field shows */
	int first_col; /* the first column shown, as libform's */
	bool ascii;    /* libform holds the ASCII spelling */
};

/* Takes TEXT (UTF-8) just after it went to libform with set_field_buffer,
 * which puts libform's cursor at the start; the cursor then goes to index
 * POS (SIZE_MAX: the end). COLS: the field's width. */
void field_line_load(struct field_line *l, const char *text, int cols, size_t pos);
void field_line_cursor_to(struct field_line *l, size_t target);
/* Left, Right, Home, End; false when IN is none of them. */
bool field_line_move_key(struct field_line *l, struct ui_input in);
/* The columns of all characters. */
int field_line_width(const struct field_line *l);
/* Insert C at the cursor, or remove the character before (BEFORE) or at
 * it; false when nothing changed. The caller checks that C fits. */
bool field_line_insert(struct field_line *l, wchar_t c);
bool field_line_delete(struct field_line *l, bool before);
/* Draws the part libform's view shows at Y,X of WIN with ATTR. */
void field_line_paint(const struct field_line *l, WINDOW *win, int y, int x, attr_t attr);

/* --- the form (form.c, form_layout.c) --- */

enum {
	MULTI_ROWS = 4,     /* rows of a multi-line field's preview */
	LABEL_MAX = 20,     /* widest label column */
	SMALL_CAP = 64,     /* bytes typed into a date, number, choice or yes/no field */
	PARSE_CAP = 4096,   /* field_parse reads at most this much */
	DRAFT_SECONDS = 5,  /* typing this long makes a draft due */
	NOTE_MIN_COLS = 8,  /* narrower room beside a field shows no note */
	MESSAGE_SIZE = 160, /* as struct field_error */
};

struct form_item {
	const struct field_def *def;
	const char *section; /* a heading above this field (the first of a section) */
	int section_row;
	FIELD *field;
	char *text;  /* as typed, UTF-8 */
	char *start; /* field_format of the starting record */
	size_t cap;  /* bytes of text and start, with the NUL */
	int row, rows, cols, page;
	int dcols;    /* columns libform holds: the longest text plus one */
	bool dirty;   /* changed since the last draft was due */
	bool touched; /* typed into since the cursor came */
	char error[MESSAGE_SIZE];
};

struct editor;

struct ui_form {
	struct ui *ui;
	WINDOW *win, *sub;
	FORM *form;
	FIELD **fields;
	bool posted;
	int page_shown, pages;
	const struct record_def *def;
	void *start, *scratch;
	const void *parent; /* for the type's rules that need it; may be NULL */
	bool readonly;
	struct form_item *items;
	size_t nitems, cur;
	int label_cols;
	struct field_line line; /* the current field's characters */
	struct choice_popup popup;
	struct editor *editor;
	bool editor_changed;
	bool left_changed, typed; /* for ui_form_draft_due */
	time_t due_at;
};

/* form_layout.c */
attr_t item_attr(const struct ui_form *form, size_t i);
void item_set_attr(struct ui_form *form, size_t i);
/* Writes item I's text into libform's buffer, which redraws the field; the
 * current field's cursor goes back to index POS. */
void item_show_text(struct ui_form *form, size_t i, size_t pos);
/* The bytes each field holds at most. */
void items_limits(struct ui_form *form);
/* The libform objects for the window's size; false when it is too small. */
bool form_build(struct ui_form *form);
void form_destroy(struct ui_form *form);
/* Draws the whole page afresh; after a key, what changed. */
void paint_all(struct ui_form *form);
void paint_after_key(struct ui_form *form);

#endif
