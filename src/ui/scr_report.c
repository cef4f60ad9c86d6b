/* The committee report on screen ('j' in the menu): the figures the
 * server computes for `sozialraum-admin report committee` (its export
 * "committee", with this user's rights: the head of office and
 * controlling see every district and the city, a team lead their own),
 * one row per figure and area, the year beside the previous one, and a
 * text bar that sets each district's value against the largest of the
 * same figure, the districts of a figure together, so that they compare at
 * a glance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "model/budget.h"
#include "model/date.h"
#include "model/report.h"
#include "model/rights.h"

#define BAR_WIDTH 16

struct report_line {
	struct report_row row;
	int bar; /* '#' of BAR_WIDTH: the value against the largest of its figure */
};

static const struct report_line *rline(const void *row)
{
	return row;
}

static size_t col_area(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", rline(row)->row.area);
}

static size_t col_figure(const void *row, char *buf, size_t size)
{
	const struct report_row *r = &rline(row)->row;

	if (strcmp(r->unit, "Anzahl") == 0)
		return desc_cell(buf, size, "%s", r->figure);
	return desc_cell(buf, size, "%s (%s)", r->figure, r->unit);
}

static size_t value_cell(const void *row, int64_t v, bool sign, char *buf, size_t size)
{
	char text[48];

	report_format(&rline(row)->row, v, sign, text, sizeof(text));
	return desc_cell(buf, size, "%s", text);
}

static size_t col_year(const void *row, char *buf, size_t size)
{
	return value_cell(row, rline(row)->row.value, false, buf, size);
}

static size_t col_previous(const void *row, char *buf, size_t size)
{
	return value_cell(row, rline(row)->row.previous, false, buf, size);
}

static size_t col_change(const void *row, char *buf, size_t size)
{
	const struct report_row *r = &rline(row)->row;

	return value_cell(row, r->value - r->previous, true, buf, size);
}

static size_t col_bar(const void *row, char *buf, size_t size)
{
	char bar[BAR_WIDTH + 1];
	int n = rline(row)->bar;

	for (int i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < n ? '#' : ' ';
	bar[BAR_WIDTH] = '\0';
	return desc_cell(buf, size, "%s", bar);
}

static const struct ui_column report_columns[] = {
        {.label = "SR", .width = 5, .format = col_area},
        {.label = "Kennzahl", .width = 0, .format = col_figure},
        {.label = "Jahr", .width = 13, .format = col_year, .numeric = true},
        {.label = "Vorjahr", .width = 13, .format = col_previous, .numeric = true, .min_cols = 100},
        {.label = "Veränderung",
         .width = 13,
         .format = col_change,
         .numeric = true,
         .min_cols = 120},
        {.label = "im Vergleich", .width = BAR_WIDTH, .format = col_bar},
};

/* The bar of each district's row: its value against the largest of the
 * same figure among the districts. The city (their sum) has none. */
static void set_bars(struct report_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int64_t most = 0, v = lines[i].row.value;

		for (size_t k = 0; k < n; k++)
			if (strcmp(lines[k].row.figure, lines[i].row.figure) == 0 &&
			    strcmp(lines[k].row.area, "Stadt") != 0 && lines[k].row.value > most)
				most = lines[k].row.value;
		lines[i].bar = strcmp(lines[i].row.area, "Stadt") != 0 && most > 0 && v > 0
		                       ? (int)(v * BAR_WIDTH / most)
		                       : 0;
	}
}

/* Whether row I is the first of its figure. */
static bool first_of_figure(const struct report_line *lines, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (strcmp(lines[k].row.figure, lines[i].row.figure) == 0)
			return false;
	return true;
}

/* The figures of the year from the server. */
static enum status report_rows(struct list_state *ls, struct ui_list *list)
{
	struct report r = {0};
	struct report_line *lines;
	char *text = NULL;
	enum status st = ui_export_text(ls->ui, "committee", desc_shown_year(ls), &text);
	int line;

	if (st == STATUS_OK)
		st = report_read(text, &r, &line);
	free(text);
	if (st == STATUS_OK && !(lines = calloc(r.n ? r.n : 1, sizeof(*lines))))
		st = STATUS_ERR_NOMEM;
	if (st != STATUS_OK) {
		report_free(&r);
		return st;
	}
	for (size_t i = 0; i < r.n; i++)
		lines[i].row = r.rows[i];
	set_bars(lines, r.n);
	/* figure by figure, the districts side by side and the city below */
	for (size_t i = 0; i < r.n; i++)
		if (first_of_figure(lines, i))
			for (size_t k = i; k < r.n; k++)
				if (strcmp(lines[k].row.figure, lines[i].row.figure) == 0)
					ui_list_append(list, &lines[k]);
	free(lines);
	report_free(&r);
	return STATUS_OK;
}

static void report_heading(const struct list_state *ls, char *buf, size_t size)
{
	desc_cell(buf, size, "Bericht an den Jugendhilfeausschuss %d · Vorjahr %d · # im Vergleich",
	          desc_shown_year(ls), desc_shown_year(ls) - 1);
}

const struct screen_desc report_desc = {
        .export_kind = "committee",
        .title = "Jahresbericht",
        DESC_COLUMNS(report_columns),
        DESC_FILTERS(desc_year_filters),
        .row_size = sizeof(struct report_line),
        .rows = report_rows,
        .heading = report_heading,
        .from_server = true,
};
