/* Where a form's fields go and how they are drawn: one libform FIELD per
 * record field, labels left, fields right, one per line (multi-line ones
 * taller), a section's heading above its first field, in pages when they
 * do not fit; then the window's last line tells the page. Labels, notes
 * beside fields, the names behind reference ids and the preview of
 * multi-line fields are drawn after libform has drawn (see form.c for why
 * libform's buffer is only ever written).
 */
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "form_private.h"
#include "model/text.h"

attr_t item_attr(const struct ui_form *form, size_t i)
{
	bool active = i == form->cur;

	if (form->readonly)
		return ui_attr(form->ui, UI_ATTR_READONLY) | (active ? A_BOLD : 0);
	return ui_attr(form->ui, active ? UI_ATTR_FIELD_ACTIVE : UI_ATTR_FIELD);
}

void item_set_attr(struct ui_form *form, size_t i)
{
	attr_t attr = item_attr(form, i);

	set_field_fore(form->items[i].field, attr);
	set_field_back(form->items[i].field, attr);
}

void item_show_text(struct ui_form *form, size_t i, size_t pos)
{
	struct form_item *it = &form->items[i];
	const char *text = it->def->multiline ? "" : it->text; /* those show as previews */
	char ascii[PARSE_CAP];

	/* Only what is shown is changed: stored text with a control character
	 * shows '?' there, and saving it unchanged is refused at the field. */
	if (form->line.ascii)
		ui_ascii_text(text, ascii, sizeof(ascii));
	else
		text_neutralise(text, false, ascii, sizeof(ascii));
	set_field_buffer(it->field, 0, ascii);
	if (i == form->cur && form->posted)
		field_line_load(&form->line, text, it->cols, pos);
}

/* --- layout and libform objects --- */

void items_limits(struct ui_form *form)
{
	for (size_t i = 0; i < form->nitems; i++) {
		struct form_item *it = &form->items[i];
		bool text = it->def->type == FIELD_TEXT || it->def->type == FIELD_REF;

		it->cap = text ? it->def->size : SMALL_CAP;
		if (it->cap > PARSE_CAP)
			it->cap = PARSE_CAP;
		if (it->cap > form->line.cap)
			form->line.cap = it->cap;
	}
}

static int label_cols(const struct ui_form *form)
{
	int widest = 0, room = getmaxx(form->win) / 2;

	for (size_t i = 0; i < form->nitems; i++) {
		const struct field_def *f = form->items[i].def;
		int w = ui_width(f->label) + (f->required ? 2 : 0);

		widest = w > widest ? w : widest;
	}
	widest += 2;
	widest = widest > LABEL_MAX ? LABEL_MAX : widest;
	return widest > room ? room : widest;
}

/* Fields one per line (multi-line ones taller), in pages when they do not
 * fit; then the window's last line tells the page. */
static void form_layout(struct ui_form *form)
{
	int height = getmaxy(form->win), room = getmaxx(form->win), row = 0, page = 0, total = 0;

	for (size_t i = 0; i < form->nitems; i++)
		total += (form->items[i].def->multiline ? MULTI_ROWS : 1) +
		         (form->items[i].section ? 1 : 0);
	if (total > height && height > MULTI_ROWS)
		height--;
	form->label_cols = label_cols(form);
	room -= form->label_cols;
	for (size_t i = 0; i < form->nitems; i++) {
		struct form_item *it = &form->items[i];
		int want = it->def->width > 0 ? it->def->width : 20;
		/* A section's heading stays on the page of its first field. */
		int head = it->section ? 1 : 0;

		if (it->def->type == FIELD_BOOL && want < 4)
			want = 4; /* "nein" */
		if (it->def->type == FIELD_DATE || it->def->type == FIELD_TIME ||
		    it->def->type == FIELD_MONEY)
			want++; /* a full date still shows whole with the cursor after it */
		it->cols = want < room ? want : room;
		it->rows = it->def->multiline ? (MULTI_ROWS < height ? MULTI_ROWS : height) : 1;
		if (row > 0 && row + head + it->rows > height)
			page++, row = 0;
		it->section_row = row + head - 1;
		row += head;
		it->row = row;
		it->page = page;
		row += it->rows;
	}
	form->pages = page + 1;
}

/* A field grows to hold the longest text plus the cursor's column, at once
 * and with blanks only (see the top of the file). */
static void field_grow(FIELD *field, struct form_item *it)
{
	int want = (int)it->cap, rows, max;
	char *blanks;

	it->dcols = it->cols;
	if (it->def->multiline || want <= it->cols)
		return;
	field_opts_off(field, O_STATIC);
	set_max_field(field, want);
	blanks = malloc((size_t)want + 1);
	if (blanks) {
		memset(blanks, ' ', (size_t)want);
		blanks[want] = '\0';
		set_field_buffer(field, 0, blanks);
		free(blanks);
	}
	dynamic_field_info(field, &rows, &it->dcols, &max);
}

static FIELD *item_field_new(struct ui_form *form, size_t i)
{
	struct form_item *it = &form->items[i];
	FIELD *field = new_field(it->rows, it->cols, it->row, 0, 0, 0);

	if (!field)
		return NULL;
	field_opts_off(field, O_AUTOSKIP | O_BLANK | O_WRAP);
	if (it->def->multiline)
		field_opts_off(field, O_EDIT);
	if (i > 0 && it->page != form->items[i - 1].page)
		set_new_page(field, TRUE);
	field_grow(field, it);
	it->field = field;
	item_set_attr(form, i);
	item_show_text(form, i, 0);
	return field;
}

bool form_build(struct ui_form *form)
{
	int width = getmaxx(form->win);

	form_layout(form);
	if (width - form->label_cols < 1 || getmaxy(form->win) < 1)
		return false;
	form->fields = calloc(form->nitems + 1, sizeof(*form->fields));
	if (!form->fields)
		return false;
	for (size_t i = 0; i < form->nitems; i++)
		if (!(form->fields[i] = item_field_new(form, i)))
			return false;
	form->form = form->line.form = new_form(form->fields);
	form->sub = derwin(form->win, getmaxy(form->win), width - form->label_cols, 0,
	                   form->label_cols);
	if (!form->form || !form->sub)
		return false;
	form_opts_off(form->form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	set_form_win(form->form, form->win);
	set_form_sub(form->form, form->sub);
	set_current_field(form->form, form->items[form->cur].field);
	form->posted = post_form(form->form) == E_OK;
	form->page_shown = -1;
	if (form->posted)
		item_show_text(form, form->cur, SIZE_MAX);
	return form->posted;
}

void form_destroy(struct ui_form *form)
{
	if (form->form) {
		if (form->posted)
			unpost_form(form->form);
		free_form(form->form);
	}
	for (size_t i = 0; form->fields && i < form->nitems; i++)
		if (form->fields[i])
			free_field(form->fields[i]);
	free(form->fields);
	if (form->sub)
		delwin(form->sub);
	form->form = form->line.form = NULL;
	form->fields = NULL;
	form->sub = NULL;
	form->posted = false;
}

/* --- drawing --- */

static void paint_label(struct ui_form *form, size_t i)
{
	const struct form_item *it = &form->items[i];
	attr_t attr = it->error[0]
	                      ? ui_attr(form->ui, UI_ATTR_ERROR)
	                      : ui_attr(form->ui, UI_ATTR_LABEL) | (i == form->cur ? A_BOLD : 0);
	int used;

	wattrset(form->win, attr);
	used = ui_put(form->win, it->row, 0, it->def->label, form->label_cols - 1, false);
	if (it->def->required)
		used += ui_put(form->win, it->row, used, " *", form->label_cols - 1 - used, false);
	wattrset(form->win, A_NORMAL);
	for (; used < form->label_cols; used++)
		waddch(form->win, ' ');
}

/* Beside the field: its error without the label, or the name behind a
 * reference id. */
static void paint_note(struct ui_form *form, size_t i)
{
	const struct form_item *it = &form->items[i];
	const char *note = it->error, *value, *name;
	int x = form->label_cols + it->cols + 1, room = getmaxx(form->win) - x;
	size_t n = strlen(it->def->label);

	if (room < NOTE_MIN_COLS)
		return;
	if (note[0] && strncmp(note, it->def->label, n) == 0 && strncmp(note + n, ": ", 2) == 0)
		note += n + 2;
	for (size_t k = 0; !note[0] && it->def->type == FIELD_REF &&
	                   choice_entry(form->ui, it->def, k, &value, &name);
	     k++)
		if (strcmp(value, it->text) == 0)
			note = name;
	wattrset(form->win, it->error[0] ? ui_attr(form->ui, UI_ATTR_ERROR) : A_NORMAL);
	ui_put(form->win, it->row, x, note, room, true);
	wattrset(form->win, A_NORMAL);
}

/* What libform does not draw: labels, notes, previews of long text. */
static void paint_extras(struct ui_form *form)
{
	int page = form_page(form->form);

	for (size_t i = 0; i < form->nitems; i++) {
		const struct form_item *it = &form->items[i];

		if (it->page != page)
			continue;
		if (it->section) {
			wattrset(form->win, ui_attr(form->ui, UI_ATTR_TITLE));
			ui_put(form->win, it->section_row, 0, it->section, getmaxx(form->win),
			       false);
			wattrset(form->win, A_NORMAL);
		}
		paint_label(form, i);
		paint_note(form, i);
		if (i == form->cur && !it->def->multiline)
			field_line_paint(&form->line, form->win, it->row, form->label_cols,
			                 item_attr(form, i));
		if (it->def->multiline)
			editor_preview(form->win, it->row, form->label_cols, it->rows, it->cols,
			               it->text, item_attr(form, i));
	}
}

static void form_show(struct ui_form *form)
{
	pos_form_cursor(form->form);
	wnoutrefresh(form->win);
}

/* Draws the whole page afresh: after the window was erased by the screen,
 * a page change, or a popup or the editor went away. */
void paint_all(struct ui_form *form)
{
	int page;

	werase(form->win);
	if (!form->posted) {
		wnoutrefresh(form->win);
		return;
	}
	page = form_page(form->form);
	for (size_t i = 0; i < form->nitems; i++)
		if (form->items[i].page == page && i != form->cur)
			item_show_text(form, i, 0);
	form->page_shown = page;
	if (form->pages > 1) {
		char note[64];

		snprintf(note, sizeof(note), "Seite %d/%d (Bild auf/ab blättert)", page + 1,
		         form->pages);
		wattrset(form->win, ui_attr(form->ui, UI_ATTR_LABEL));
		ui_put(form->win, getmaxy(form->win) - 1, 0, note, getmaxx(form->win), false);
		wattrset(form->win, A_NORMAL);
	}
	paint_extras(form);
	form_show(form);
}

/* After a key: the page anew when it changed, else what lies beside. */
void paint_after_key(struct ui_form *form)
{
	if (form_page(form->form) != form->page_shown)
		paint_all(form);
	else {
		paint_extras(form);
		form_show(form);
	}
}
