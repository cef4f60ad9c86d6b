/* A save refused because somebody else saved the record meanwhile: the
 * fields where the user's input and the stored record differ, side by
 * side, and for each which one to keep. F2 hands the chosen values back
 * to the form, which goes on from the stored version (its next save is
 * one that knows what it writes over); Esc goes back to the form with the
 * input as it was. Nothing is saved here. For any record type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

#define VALUE_SIZE 512

struct conflict {
	const struct record_def *def;
	void *yours, *stored; /* copies */
	const struct field_def *fields[64];
	bool take_stored[64];
	size_t n, at;
	conflict_done_fn *done;
	void *ctx;
};

enum { ACT_TAKE = 1, ACT_APPLY, ACT_CANCEL };

static const struct ui_key conflict_keys[] = {
        {CMD_TOGGLE, NULL, "für dieses Feld die andere Fassung nehmen", ACT_TAKE},
        {CMD_OPEN, "", "für dieses Feld die andere Fassung nehmen (wie Leertaste)", ACT_TAKE},
        {CMD_SAVE, "Übernehmen",
         "die gewählten Werte ins Formular übernehmen (gespeichert wird erst dort)", ACT_APPLY},
        {CMD_BACK, NULL, "zurück zum Formular, die Eingaben wie sie waren", ACT_CANCEL},
};

static void value_of(const struct field_def *field, const void *rec, char *buf, size_t size)
{
	field_format(field, rec, buf, size);
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' '; /* a line of its own here */
}

static enum status conflict_open(struct screen *s)
{
	struct conflict *c = s->data;
	char a[VALUE_SIZE], b[VALUE_SIZE];

	for (size_t i = 0; i < c->def->nfields && c->n < 64; i++) {
		const struct field_def *field = &c->def->fields[i];

		value_of(field, c->yours, a, sizeof(a));
		value_of(field, c->stored, b, sizeof(b));
		if (strcmp(a, b) != 0)
			c->fields[c->n++] = field;
	}
	return STATUS_OK;
}

static void choice_line(struct screen *s, int y, bool chosen, bool here, const char *what,
                        const char *value)
{
	char line[VALUE_SIZE + 64];

	snprintf(line, sizeof(line), "  %s %-13s %s",
	         chosen ? (ui_ascii(s->ui) ? "(*)" : "(•)") : "( )", what, value);
	wattrset(s->win, here && chosen ? ui_attr(s->ui, UI_ATTR_SELECTED) : A_NORMAL);
	ui_put(s->win, y, 0, line, getmaxx(s->win), true);
	wattrset(s->win, A_NORMAL);
}

static void conflict_draw(struct screen *s)
{
	struct conflict *c = s->data;
	char a[VALUE_SIZE], b[VALUE_SIZE];
	int y = 2, rows = getmaxy(s->win);

	werase(s->win);
	wattrset(s->win, ui_attr(s->ui, UI_ATTR_TITLE));
	ui_put(s->win, 0, 0,
	       "Jemand hat inzwischen gespeichert. Je Feld wählen, was gilt:", getmaxx(s->win),
	       true);
	wattrset(s->win, A_NORMAL);
	/* From the field at the cursor on, as many as fit (three lines each). */
	for (size_t i = c->at >= (size_t)(rows - 2) / 3 ? c->at : 0; i < c->n && y + 2 < rows;
	     i++) {
		value_of(c->fields[i], c->yours, a, sizeof(a));
		value_of(c->fields[i], c->stored, b, sizeof(b));
		wattrset(s->win, i == c->at ? A_BOLD : A_NORMAL);
		ui_put(s->win, y++, 0, c->fields[i]->label, getmaxx(s->win), true);
		choice_line(s, y++, !c->take_stored[i], i == c->at, "Ihre Eingabe:", a);
		choice_line(s, y++, c->take_stored[i], i == c->at, "Gespeichert:", b);
	}
	if (!c->n)
		ui_put(s->win, y, 2, "Keine Unterschiede in den Feldern: F2 übernimmt den Stand.",
		       getmaxx(s->win) - 2, false);
	wnoutrefresh(s->win);
}

/* The user's input with the stored value in every field chosen so. */
static void merge(struct conflict *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->take_stored[i])
			memcpy((char *)c->yours + c->fields[i]->offset,
			       (const char *)c->stored + c->fields[i]->offset, c->fields[i]->size);
	memcpy(c->yours, c->stored, sizeof(struct record_head)); /* on from the stored version */
}

static int conflict_key(struct screen *s, int action, struct ui_input in)
{
	struct conflict *c = s->data;

	switch (action) {
	case ACT_TAKE:
		if (c->n)
			c->take_stored[c->at] = !c->take_stored[c->at];
		return UI_HANDLED | UI_REDRAW;
	case ACT_APPLY:
		merge(c);
		c->done(c->ctx, c->yours, c->stored);
		return UI_LEAVE;
	case ACT_CANCEL:
		return UI_LEAVE;
	default:
		break;
	}
	if (in.is_key && in.ch == KEY_DOWN && c->at + 1 < c->n)
		c->at++;
	else if (in.is_key && in.ch == KEY_UP && c->at > 0)
		c->at--;
	else
		return UI_UNHANDLED;
	return UI_HANDLED | UI_REDRAW;
}

static void conflict_resize(struct screen *s)
{
	(void)s;
}

static void conflict_close(struct screen *s)
{
	struct conflict *c = s->data;

	if (!c)
		return;
	free(c->yours);
	free(c->stored);
	free(c);
}

static const struct screen_ops conflict_ops = {
        .title = "Konflikt",
        .keys = conflict_keys,
        .nkeys = sizeof(conflict_keys) / sizeof(conflict_keys[0]),
        .open = conflict_open,
        .draw = conflict_draw,
        .key = conflict_key,
        .resize = conflict_resize,
        .close = conflict_close,
};

bool scr_conflict_open(struct ui *ui, const struct record_def *def, const void *yours,
                       const void *stored, conflict_done_fn *done, void *ctx)
{
	struct conflict *c = calloc(1, sizeof(*c));

	if (!c || !(c->yours = malloc(def->size)) || !(c->stored = malloc(def->size))) {
		if (c)
			free(c->yours);
		free(c);
		return false;
	}
	c->def = def;
	memcpy(c->yours, yours, def->size);
	memcpy(c->stored, stored, def->size);
	c->done = done;
	c->ctx = ctx;
	return ui_push(ui, &conflict_ops, c);
}
