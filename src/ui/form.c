/* The form engine: one libform FIELD per record field, labels beside.
 *
 * What is typed is kept here, not in libform. ncurses 6.4's form library
 * loses track of double-width characters when it copies a field's window
 * back into its buffer (win_wchnstr drops the continuation cells, and stale
 * cells stay behind the text), and a dynamic field that grows is redrawn
 * from that buffer. So every field's text lives in form_item.text, the
 * current field's characters in a shadow line (field_line.c) that each
 * editing key changes together with form_driver_w, and libform's buffer is
 * only ever written (set_field_buffer), never read. Fields are grown to their maximum
 * while they hold only blanks, one column beyond the longest text, so they
 * never grow later and the cursor always has a column after the last
 * character.
 *
 * Rules are the model's: field_parse, the record type's validator, and
 * the rules that need the parent record. A field whose text does not parse
 * cannot be left; the message stands at the field and on the message line.
 *
 * Where fields go and how they are drawn is form_layout.c. Choices pop up
 * in a list (choice.c); multi-line text opens editor.c. Both take the keys
 * while open, so the shell keeps running (hang-up, drafts).
 *
 * On a terminal without UTF-8 (ui_ascii) libform, in a locale that is not
 * UTF-8, would show every umlaut as a blank. There it gets the ASCII text
 * ui_put shows (ui_ascii_text: ä -> ae), which is all it ever displays;
 * the text kept here stays UTF-8 (a letter of the locale's character set
 * is typed as itself).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "editor.h"
#include "form_private.h"
#include "model/text.h"

static time_t now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static struct form_item *current(struct ui_form *form)
{
	return &form->items[form->cur];
}

/* --- the current field's text --- */

static void item_changed(struct ui_form *form, struct form_item *it)
{
	it->dirty = it->touched = true;
	it->error[0] = '\0';
	form->typed = true;
}

static void item_set_text(struct ui_form *form, size_t i, const char *text)
{
	struct form_item *it = &form->items[i];

	if (strcmp(it->text, text) == 0)
		return;
	text_copy(it->text, it->cap, text);
	item_changed(form, it);
	item_show_text(form, i, SIZE_MAX);
}

static void shadow_store(struct ui_form *form)
{
	struct form_item *it = current(form);

	editor_encode(form->line.chars, form->line.len, it->text, it->cap);
	item_changed(form, it);
}

/* --- moving between fields --- */

static const char *type_hint(const struct ui_form *form, const struct field_def *f)
{
	static const char *const hints[] = {
	        [FIELD_CHOICE] = "(Leertaste oder F4: Auswahl)",
	        [FIELD_REF] = "(Leertaste oder F4: Auswahl)",
	        [FIELD_BOOL] = "(Leertaste: ja/nein)",
	        [FIELD_DATE] = "(TT.MM.JJJJ)",
	        [FIELD_MONEY] = "(z.B. 1234,56)",
	};

	if (f->multiline)
		return form->readonly ? "(Enter: Text lesen)" : "(Enter: Text bearbeiten)";
	if (f->month && !form->readonly)
		return "(MM.JJJJ)";
	if (f->day_optional && !form->readonly)
		return "(TT.MM.JJJJ, ohne Tag: MM.JJJJ)";
	return form->readonly || !hints[f->type] ? "" : hints[f->type];
}

static void show_help(struct ui_form *form)
{
	const struct field_def *f = current(form)->def;
	const char *help = f->help ? f->help : "", *hint = type_hint(form, f);

	if (current(form)->error[0])
		ui_error(form->ui, "%s", current(form)->error);
	else
		ui_message(form->ui, "%s%s%s", help, help[0] && hint[0] ? " " : "", hint);
}

static void parse_message(const struct field_def *f, enum status st, char *buf, size_t size)
{
	static const char *const what[] = {
	        [FIELD_ID] = "keine gültige Zahl",
	        [FIELD_INT] = "keine gültige Zahl",
	        [FIELD_MONEY] = "Betrag ungültig (z.B. 1234,56)",
	        [FIELD_DATE] = "Datum ungültig (TT.MM.JJJJ)",
	        [FIELD_BOOL] = "bitte ja oder nein",
	        [FIELD_TEXT] = "enthält Steuerzeichen oder ungültige Zeichen",
	        [FIELD_CHOICE] = "bitte aus der Liste wählen (Leertaste oder F4)",
	        [FIELD_REF] = "enthält Steuerzeichen oder ungültige Zeichen",
	};
	bool number = f->type == FIELD_INT || f->type == FIELD_ID;

	snprintf(buf, size, "%s: %s", f->label,
	         st == STATUS_ERR_TOO_LONG          ? "zu lang"
	         : st == STATUS_ERR_RANGE && number ? "Zahl zu groß"
	         : f->month                         ? "Monat ungültig (MM.JJJJ)"
	                                            : what[f->type]);
}

static void enter_item(struct ui_form *form, size_t i)
{
	size_t old = form->cur;

	form->cur = i;
	set_current_field(form->form, form->items[i].field);
	item_set_attr(form, old);
	item_show_text(form, old, 0); /* libform's copy may hold stale cells */
	item_set_attr(form, i);
	form->line.pos = 0;
	item_show_text(form, i, SIZE_MAX);
	show_help(form);
}

/* Shows MESSAGE at item I and puts the cursor there. */
static void form_fail(struct ui_form *form, size_t i, const char *message)
{
	snprintf(form->items[i].error, sizeof(form->items[i].error), "%s", message);
	if (i != form->cur && form->posted)
		enter_item(form, i);
	if (form->posted)
		paint_after_key(form);
	ui_error(form->ui, "%s", message);
}

/* Completes a choice typed in part and checks that the text parses. */
static enum status item_check(struct ui_form *form, size_t i, void *rec)
{
	struct form_item *it = &form->items[i];
	const char *match =
	        choice_field(it->def) ? choice_match(form->ui, it->def, it->text) : NULL;
	char message[MESSAGE_SIZE];
	enum status st;

	if (match && form->posted)
		item_set_text(form, i, match);
	st = field_parse(it->def, it->text, rec);
	if (st == STATUS_OK)
		return st;
	parse_message(it->def, st, message, sizeof(message));
	form_fail(form, i, message);
	return st;
}

/* What follows from the fields (record_def.derive: a measure's cost),
 * shown as soon as a field is left: computed from every field that
 * parses, and each field whose value it changed shows the new one. */
static void form_derive(struct ui_form *form)
{
	void *before = malloc(form->def->size);
	char text[MESSAGE_SIZE];

	if (!before || !form->def->derive || form->readonly) {
		free(before);
		return;
	}
	memcpy(form->scratch, form->start, form->def->size);
	for (size_t i = 0; i < form->nitems; i++)
		(void)field_parse(form->items[i].def, form->items[i].text, form->scratch);
	memcpy(before, form->scratch, form->def->size);
	form->def->derive(form->scratch, ui_config(form->ui));
	for (size_t i = 0; i < form->nitems; i++) {
		const struct field_def *f = form->items[i].def;

		if (memcmp((char *)before + f->offset, (char *)form->scratch + f->offset,
		           f->size) == 0)
			continue;
		field_format(f, form->scratch, text, sizeof(text));
		item_set_text(form, i, text);
	}
	free(before);
}

/* Goes to item I unless the current field's new text does not parse. */
static int form_goto(struct ui_form *form, size_t i)
{
	struct form_item *it = current(form);

	if (it->touched && !form->readonly) {
		memcpy(form->scratch, form->start, form->def->size);
		if (item_check(form, form->cur, form->scratch) != STATUS_OK)
			return UI_HANDLED;
	}
	if (it->dirty)
		form->left_changed = true;
	it->touched = false;
	if (i != form->cur)
		enter_item(form, i);
	if (it->dirty || form->left_changed)
		form_derive(form);
	return UI_HANDLED;
}

/* The first item of the page DELTA pages away. */
static size_t page_first(const struct ui_form *form, int delta)
{
	int page = form->items[form->cur].page + delta;

	if (page < 0)
		page = 0;
	for (size_t i = 0; i < form->nitems; i++)
		if (form->items[i].page >= page)
			return i;
	return form->cur;
}

static bool is_delete(struct ui_input in)
{
	return editor_is_backspace(in) || (in.is_key && in.ch == KEY_DC);
}

/* --- the list of choices (Space or F4) --- */

static int popup_open(struct ui_form *form)
{
	const struct form_item *it = current(form);

	choice_popup_open(&form->popup, form->ui, form->win, it->def, it->text, it->row, it->rows,
	                  form->label_cols);
	return UI_HANDLED;
}

static int popup_input(struct ui_form *form, struct ui_input in)
{
	const char *value;

	switch (choice_popup_key(&form->popup, in, &value)) {
	case CHOICE_UNUSED:
		return UI_UNHANDLED;
	case CHOICE_PICKED:
		item_set_text(form, form->cur, value);
		/* fall through */
	case CHOICE_CLOSED:
		paint_all(form);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_HANDLED;
	}
}

/* --- the editor for multi-line text --- */

static int editor_open(struct ui_form *form, const struct ui_input *first)
{
	struct form_item *it = current(form);

	form->editor = editor_new(form->ui, form->win, it->def->label, it->text, it->cap - 1,
	                          form->readonly);
	if (!form->editor) {
		ui_error(form->ui, "%s", status_message(STATUS_ERR_NOMEM));
		return UI_HANDLED;
	}
	form->editor_changed = first && editor_key(form->editor, *first) == EDITOR_CHANGED;
	form->typed |= form->editor_changed;
	editor_draw(form->editor);
	return UI_HANDLED | UI_REDRAW;
}

/* Closes the editor; KEEP takes its text into the field. */
static void editor_close(struct ui_form *form, bool keep)
{
	struct form_item *it = current(form);

	if (!form->editor)
		return;
	if (keep && form->editor_changed) {
		editor_text(form->editor, it->text, it->cap);
		item_changed(form, it);
		form->left_changed = true;
	}
	editor_free(form->editor);
	form->editor = NULL;
	form->editor_changed = false;
}

static int editor_input(struct ui_form *form, struct ui_input in)
{
	switch (editor_key(form->editor, in)) {
	case EDITOR_UNUSED:
		return UI_UNHANDLED;
	case EDITOR_CLOSE:
		editor_close(form, true);
		paint_all(form);
		return UI_HANDLED | UI_REDRAW;
	case EDITOR_CHANGED:
		form->editor_changed = form->typed = true;
		/* fall through */
	default:
		editor_draw(form->editor);
		return UI_HANDLED;
	}
}

/* --- keys --- */

/* The next item STEP on (1: down, nitems - 1: up) that takes input: a
 * field the writer fills is passed over while editing (a read-only form
 * visits every field). */
static size_t next_item(const struct ui_form *form, size_t step)
{
	size_t i = form->cur;

	for (size_t k = 0; k < form->nitems; k++) {
		i = (i + step) % form->nitems;
		if (form->readonly || !form->items[i].def->filled)
			return i;
	}
	return form->cur;
}

static int nav_key(struct ui_form *form, struct ui_input in)
{
	size_t n = form->nitems;

	if (editor_is_enter(in) && current(form)->def->multiline)
		return editor_open(form, NULL);
	if ((!in.is_key && in.ch == '\t') || (in.is_key && in.ch == KEY_DOWN) ||
	    editor_is_enter(in))
		return form_goto(form, next_item(form, 1));
	if (!in.is_key)
		return UI_UNHANDLED;
	switch (in.ch) {
	case KEY_UP:
	case KEY_BTAB:
		return form_goto(form, next_item(form, n - 1));
	case KEY_NPAGE:
		return form_goto(form, page_first(form, 1));
	case KEY_PPAGE:
		return form_goto(form, page_first(form, form->cur == page_first(form, 0) ? -1 : 0));
	default:
		return UI_UNHANDLED;
	}
}

/* Inserts C at the cursor when it fits in the field's bytes and columns: a
 * double-width character must never push the field wider. */
static int type_char(struct ui_form *form, wchar_t c)
{
	struct form_item *it = current(form);
	struct field_line *l = &form->line;
	int w = wcwidth(c);

	if (w <= 0)
		return UI_HANDLED;
	if (strlen(it->text) + editor_utf8_len(c) >= it->cap || l->len + 1 >= l->cap ||
	    field_line_width(l) + w > it->dcols - 1) {
		ui_error(form->ui, "%s: mehr passt nicht in dieses Feld", it->def->label);
		return UI_HANDLED;
	}
	if (field_line_insert(l, c))
		shadow_store(form);
	return UI_HANDLED;
}

static int delete_char(struct ui_form *form, bool before)
{
	if (field_line_delete(&form->line, before))
		shadow_store(form);
	return UI_HANDLED;
}

/* Keys with a meaning of their own in some kinds of field. */
static int special_key(struct ui_form *form, struct ui_input in)
{
	struct form_item *it = current(form);
	bool space = !in.is_key && in.ch == ' ';

	if (it->def->multiline && !in.is_key && iswprint(in.ch))
		return editor_open(form, &in);
	if (it->def->type == FIELD_BOOL && !in.is_key && iswprint(in.ch)) {
		bool yes = strcmp(it->text, "ja") == 0;

		if (towlower(in.ch) == 'j' || towlower(in.ch) == 'n')
			yes = towlower(in.ch) == 'j';
		else if (space)
			yes = !yes;
		item_set_text(form, form->cur, yes ? "ja" : "nein");
		return UI_HANDLED;
	}
	if (choice_field(it->def) && ((space && !it->touched) || (in.is_key && in.ch == KEY_F(4))))
		return popup_open(form);
	if (!in.is_key && in.ch == 0x15 && !it->def->multiline) { /* ^U: clears to the start */
		while (field_line_delete(&form->line, true))
			;
		shadow_store(form);
		return UI_HANDLED;
	}
	if (it->def->multiline || it->def->type == FIELD_BOOL)
		return is_delete(in) ? UI_HANDLED : UI_UNHANDLED; /* nothing to delete there */
	return UI_UNHANDLED;
}

/* A field the writer fills is shown, never typed into. */
static bool refuse_filled(struct ui_form *form, struct ui_input in)
{
	const struct field_def *f = current(form)->def;

	if (!f->filled ||
	    (in.is_key && in.ch != KEY_DC && in.ch != KEY_BACKSPACE && in.ch != KEY_F(4)) ||
	    (!in.is_key && in.ch < ' ' && in.ch != 8 && in.ch != 127))
		return false;
	ui_error(form->ui, "%s: wird beim Speichern gesetzt%s%s", f->label, f->help ? " – " : "",
	         f->help ? f->help : "");
	return true;
}

static int edit_key(struct ui_form *form, struct ui_input in)
{
	int r = editor_refuse_char(form->ui, in) || refuse_filled(form, in) ? UI_HANDLED
	                                                                    : special_key(form, in);

	if (r != UI_UNHANDLED || current(form)->def->multiline ||
	    current(form)->def->type == FIELD_BOOL)
		return r;
	if (editor_is_backspace(in))
		return delete_char(form, true);
	if (in.is_key && in.ch == KEY_DC)
		return delete_char(form, false);
	if (!in.is_key && iswprint(in.ch))
		return type_char(form, (wchar_t)in.ch);
	return UI_UNHANDLED;
}

int ui_form_key(struct ui_form *form, struct ui_input in)
{
	int r;

	if (form->editor)
		return editor_input(form, in);
	if (form->popup.open)
		return popup_input(form, in);
	if (!form->posted)
		return UI_UNHANDLED;
	r = nav_key(form, in);
	if (r == UI_UNHANDLED && field_line_move_key(&form->line, in))
		r = UI_HANDLED; /* also when read-only */
	if (r == UI_UNHANDLED && !form->readonly)
		r = edit_key(form, in);
	if ((r & UI_HANDLED) && !form->editor && !form->popup.open) {
		if (form_page(form->form) != form->page_shown)
			r |= UI_REDRAW; /* the screen may draw more than the form */
		paint_after_key(form);
	}
	return r;
}

/* --- the interface --- */

/* One item per field named by SECTIONS (NULL: every field of the type). */
static bool items_new(struct ui_form *form, const struct ui_form_section *sections,
                      size_t nsections)
{
	size_t n = sections ? 0 : form->def->nfields;

	for (size_t k = 0; sections && k < nsections; k++)
		for (size_t i = 0; sections[k].names[i]; i++)
			n++;
	form->items = calloc(n ? n : 1, sizeof(*form->items));
	if (!form->items)
		return false;
	for (size_t i = 0; !sections && i < n; i++)
		form->items[form->nitems++].def = &form->def->fields[i];
	for (size_t k = 0; sections && k < nsections; k++) {
		const char *title = sections[k].title;

		for (size_t i = 0; sections[k].names[i]; i++) {
			const struct field_def *f = record_field(form->def, sections[k].names[i]);

			if (!f)
				continue;
			form->items[form->nitems].section = title;
			form->items[form->nitems++].def = f;
			title = NULL;
		}
	}
	items_limits(form);
	for (size_t i = 0; i < form->nitems; i++) {
		struct form_item *it = &form->items[i];

		if (!(it->text = malloc(it->cap)) || !(it->start = malloc(it->cap)))
			return false;
	}
	form->line.chars = malloc(form->line.cap * sizeof(*form->line.chars));
	return form->nitems > 0 && form->line.chars;
}

/* Fills every item from the starting record. */
static void items_format(struct ui_form *form)
{
	for (size_t i = 0; i < form->nitems; i++) {
		struct form_item *it = &form->items[i];

		field_format(it->def, form->start, it->start, it->cap);
		memcpy(it->text, it->start, it->cap);
		it->dirty = it->touched = false;
		it->error[0] = '\0';
	}
}

struct ui_form *ui_form_new(struct ui *ui, WINDOW *win, const struct record_def *def,
                            const struct ui_form_section *sections, size_t nsections,
                            const void *rec, const void *parent, bool readonly)
{
	struct ui_form *form = calloc(1, sizeof(*form));

	if (!form)
		return NULL;
	form->ui = ui;
	form->win = win;
	form->def = def;
	form->parent = parent;
	form->readonly = readonly;
	form->line.ascii = ui_ascii(ui);
	form->start = malloc(def->size);
	form->scratch = malloc(def->size);
	if (!form->start || !form->scratch || !items_new(form, sections, nsections)) {
		ui_form_free(form);
		return NULL;
	}
	memcpy(form->start, rec, def->size);
	items_format(form);
	while (form->cur + 1 < form->nitems && form->items[form->cur].def->filled)
		form->cur++; /* the first field that takes input */
	form->due_at = now_seconds();
	if (form_build(form))
		show_help(form);
	return form;
}

void ui_form_free(struct ui_form *form)
{
	if (!form)
		return;
	form->popup.open = false;
	editor_free(form->editor);
	form_destroy(form);
	for (size_t i = 0; form->items && i < form->nitems; i++) {
		free(form->items[i].text);
		free(form->items[i].start);
	}
	free(form->items);
	free(form->line.chars);
	free(form->start);
	free(form->scratch);
	free(form);
}

void ui_form_draw(struct ui_form *form)
{
	if (form->editor) {
		editor_draw(form->editor);
		return;
	}
	paint_all(form);
	if (form->popup.open)
		choice_popup_draw(&form->popup);
}

void ui_form_resize(struct ui_form *form, WINDOW *win)
{
	size_t pos = form->line.pos;

	form->popup.open = false;
	form_destroy(form);
	form->win = win;
	if (form_build(form))
		field_line_cursor_to(&form->line, pos < form->line.len ? pos : form->line.len);
	if (form->editor)
		editor_resize(form->editor, win);
	ui_form_draw(form);
}

void ui_form_set_readonly(struct ui_form *form, bool readonly)
{
	form->popup.open = false;
	editor_close(form, true);
	form->readonly = readonly;
	for (size_t i = 0; form->posted && i < form->nitems; i++)
		item_set_attr(form, i);
	if (form->posted) {
		show_help(form);
		paint_all(form);
	}
}

enum status ui_form_collect(struct ui_form *form, void *rec)
{
	struct field_error err = {0};
	enum status st;

	form->popup.open = false;
	editor_close(form, true);
	memcpy(rec, form->start, form->def->size);
	for (size_t i = 0; i < form->nitems; i++) {
		if ((st = item_check(form, i, rec)) != STATUS_OK)
			return st;
		form->items[i].error[0] = '\0';
	}
	if (form->def->derive)
		form->def->derive(rec, ui_config(form->ui));
	st = record_validate(form->def, rec, ui_config(form->ui), &err);
	if (st == STATUS_OK && form->parent && form->def->validate_with_parent)
		st = form->def->validate_with_parent(rec, form->parent, &err);
	for (size_t i = 0; st != STATUS_OK && i < form->nitems; i++)
		if (form->items[i].def == err.field) {
			form_fail(form, i, err.message);
			return st;
		}
	if (st != STATUS_OK)
		ui_error(form->ui, "%s", err.message[0] ? err.message : status_message(st));
	else if (form->posted)
		paint_after_key(form);
	return st;
}

bool ui_form_fail_text(struct ui_form *form, const char *message)
{
	for (size_t i = 0; i < form->nitems; i++) {
		size_t n = strlen(form->items[i].def->label);

		if (strncmp(message, form->items[i].def->label, n) == 0 &&
		    strncmp(message + n, ": ", 2) == 0) {
			form_fail(form, i, message);
			return true;
		}
	}
	return false;
}

/* A and B differ, trailing blanks of one-line text not counted. */
static bool text_differs(const struct field_def *f, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	while (!f->multiline && na > 0 && a[na - 1] == ' ')
		na--;
	while (!f->multiline && nb > 0 && b[nb - 1] == ' ')
		nb--;
	return na != nb || memcmp(a, b, na) != 0;
}

/* Every field from its new text, the cursor at the end of the current one. */
static void items_show(struct ui_form *form)
{
	if (!form->posted)
		return;
	for (size_t i = 0; i < form->nitems; i++)
		item_show_text(form, i, SIZE_MAX);
	paint_all(form);
}

bool ui_form_changed(const struct ui_form *form)
{
	if (form->editor && form->editor_changed)
		return true;
	for (size_t i = 0; i < form->nitems; i++)
		if (text_differs(form->items[i].def, form->items[i].text, form->items[i].start))
			return true;
	return false;
}

void ui_form_reset(struct ui_form *form, const void *rec)
{
	form->popup.open = false;
	editor_close(form, false);
	memcpy(form->start, rec, form->def->size);
	items_format(form);
	form->left_changed = form->typed = false;
	items_show(form);
}

void ui_form_to_draft(const struct ui_form *form, struct draft *draft)
{
	for (size_t i = 0; i < form->nitems; i++) {
		const struct form_item *it = &form->items[i];
		char *typed = NULL;

		if (form->editor && i == form->cur && (typed = malloc(it->cap)))
			editor_text(form->editor, typed, it->cap);
		draft_put(draft, it->def->name, typed ? typed : it->text);
		free(typed);
	}
}

void ui_form_from_draft(struct ui_form *form, const struct draft *draft)
{
	char *value = malloc(DRAFT_TEXT_SIZE);

	if (!value)
		return;
	form->popup.open = false;
	editor_close(form, false);
	for (size_t i = 0; i < form->nitems; i++) {
		struct form_item *it = &form->items[i];

		if (!draft_get(draft, it->def->name, value, DRAFT_TEXT_SIZE))
			continue;
		text_copy(it->text, it->cap, value);
		it->error[0] = '\0';
	}
	free(value);
	items_show(form);
}

bool ui_form_draft_due(struct ui_form *form)
{
	time_t now = now_seconds();

	if (!form->left_changed && !(form->typed && now - form->due_at >= DRAFT_SECONDS))
		return false;
	form->left_changed = form->typed = false;
	form->due_at = now;
	for (size_t i = 0; i < form->nitems; i++)
		form->items[i].dirty = false;
	return true;
}
