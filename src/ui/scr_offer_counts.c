/* Monthly counts of an offer: how many people it reached, numbers only,
 * never names. The newest months are shown; 'e' enters or corrects one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "screens.h"

#define MAX_MONTHS 240

struct counts {
	struct offer offer;
	struct offer_count rows[MAX_MONTHS];
	size_t n;
	bool fresh;
};

enum { ACT_ENTER = 1 };

static const struct ui_key counts_keys[] = {
        {'e', KEY_F(2), "Eintragen", "die Zahl eines Monats eintragen oder berichtigen", ACT_ENTER,
         &offer_count_def, VERB_CREATE},
};

static void add_count(void *ctx, const void *rec)
{
	struct counts *c = ctx;

	if (c->n < MAX_MONTHS)
		c->rows[c->n++] = *(const struct offer_count *)rec;
}

/* The offer's counts, the children of the offer, page by page. */
static enum status load(struct screen *s)
{
	struct counts *c = s->data;
	struct ui_page_pos pos = {0};
	struct codec_buf *req;
	bool more = true;
	enum status st = STATUS_OK;

	c->n = 0;
	c->fresh = true;
	while (st == STATUS_OK && more && c->n < MAX_MONTHS) {
		req = ui_record_list(s->ui, &offer_count_def);
		codec_put_u64(req, WF_PARENT, c->offer.head.id);
		st = ui_record_page(s->ui, req, &offer_count_def, &pos, add_count, c, &more);
	}
	return st;
}

static enum status counts_open(struct screen *s)
{
	return load(s);
}

static void counts_draw(struct screen *s)
{
	struct counts *c = s->data;
	char line[200];
	int y = 2, rows = getmaxy(s->win) - 2;

	if (c->fresh) {
		werase(s->win);
		snprintf(line, sizeof(line), "Erreichte Personen: %s", c->offer.name);
		wattrset(s->win, ui_attr(s->ui, UI_ATTR_TITLE));
		ui_put(s->win, 0, 0, line, getmaxx(s->win), true);
		wattrset(s->win, A_NORMAL);
		if (!c->n)
			ui_put(s->win, y, 2, "Noch keine Zahlen eingetragen (e: eintragen).", 60,
			       false);
		/* The newest months first, as many as fit. */
		for (size_t i = c->n; i > 0 && y < rows; i--, y++) {
			snprintf(line, sizeof(line), "%02d.%04d  %6lld",
			         DATE_MONTH(c->rows[i - 1].month), DATE_YEAR(c->rows[i - 1].month),
			         (long long)c->rows[i - 1].people);
			ui_put(s->win, y, 2, line, 40, false);
		}
		c->fresh = false;
	}
	wnoutrefresh(s->win);
}

static const struct offer_count *find_month(const struct counts *c, int32_t month)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].month == month)
			return &c->rows[i];
	return NULL;
}

static void enter_count(struct screen *s)
{
	struct counts *c = s->data;
	struct offer_count count = {.offer = c->offer.head.id};
	const struct offer_count *old;
	char month[16] = "", people[16] = "", date[24], err[256], *end;
	enum status st;

	if (!ui_prompt(s->ui, "Monat (MM.JJJJ): ", month, sizeof(month)))
		return;
	snprintf(date, sizeof(date), "01.%s", month);
	if (date_parse(date, &count.month) != STATUS_OK) {
		ui_error(s->ui, "Monat: bitte als MM.JJJJ eingeben, z.B. 10.2026");
		return;
	}
	if (!ui_prompt(s->ui, "Erreichte Personen: ", people, sizeof(people)))
		return;
	count.people = strtoll(people, &end, 10);
	if (!people[0] || *end) {
		ui_error(s->ui, "Erreichte Personen: bitte eine ganze Zahl eingeben");
		return;
	}
	old = find_month(c, count.month);
	count.head.version = old ? old->head.version : 0;
	st = ui_record_save(s->ui, &offer_count_def, &count, err, sizeof(err));
	if (st != STATUS_OK)
		ui_error(s->ui, "Nicht gespeichert: %s", err[0] ? err : status_message(st));
	else if (load(s) == STATUS_OK)
		ui_message(s->ui, "Gespeichert.");
}

static int counts_key(struct screen *s, int action, struct ui_input in)
{
	(void)in;
	if (action != ACT_ENTER)
		return UI_UNHANDLED;
	enter_count(s);
	return UI_HANDLED;
}

static void counts_resize(struct screen *s)
{
	((struct counts *)s->data)->fresh = true;
}

static void counts_close(struct screen *s)
{
	free(s->data);
}

static const struct screen_ops counts_ops = {
        .title = "Monatszahlen",
        .keys = counts_keys,
        .nkeys = sizeof(counts_keys) / sizeof(counts_keys[0]),
        .open = counts_open,
        .draw = counts_draw,
        .key = counts_key,
        .resize = counts_resize,
        .close = counts_close,
};

bool scr_offer_counts_open(struct ui *ui, const struct offer *offer)
{
	struct counts *c = calloc(1, sizeof(*c));

	if (!c)
		return false;
	c->offer = *offer;
	return ui_push(ui, &counts_ops, c);
}
