/* 'm' in the menu: what the federal statistics still lack, the same list
 * as `sozialraum-admin statistics check` (the server's export
 * "statistics-missing", with this user's rights: a team lead the helps of
 * their districts), so that staff complete the fields before the
 * deadline: the case, who leads it, the help or § 8a procedure, and the
 * fields it lacks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "model/csv.h"
#include "model/date.h"
#include "model/rights.h"
#include "model/text.h"

struct missing_line {
	char number[32];
	char lead[CONFIG_LOGIN_SIZE];
	char name[CONFIG_NAME_SIZE];
	char what[160];
	char missing[512];
};

static const struct missing_line *mline(const void *row)
{
	return row;
}

static size_t col_number(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", mline(row)->number);
}

static size_t col_lead(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", mline(row)->lead);
}

static size_t col_name(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", mline(row)->name);
}

static size_t col_what(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", mline(row)->what);
}

static size_t col_missing(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", mline(row)->missing);
}

static const struct ui_column statistics_columns[] = {
        {.label = "Fall", .width = 10, .format = col_number},
        {.label = "Fallführung", .width = 10, .format = col_lead},
        {.label = "Name", .width = 20, .format = col_name, .min_cols = 120},
        {.label = "Hilfe/Verfahren", .width = 22, .format = col_what},
        {.label = "fehlt", .width = 0, .format = col_missing},
};

static bool add_line(void *ctx, char **cells)
{
	struct missing_line line = {0};

	text_copy(line.number, sizeof(line.number), cells[0]);
	text_copy(line.lead, sizeof(line.lead), cells[1]);
	text_copy(line.name, sizeof(line.name), cells[2]);
	text_copy(line.what, sizeof(line.what), cells[3]);
	text_copy(line.missing, sizeof(line.missing), cells[4]);
	ui_list_append(ctx, &line);
	return true;
}

static enum status statistics_rows(struct list_state *ls, struct ui_list *list)
{
	char *text = NULL;
	enum status st = ui_export_text(ls->ui, "statistics-missing", desc_shown_year(ls), &text);
	int line;

	if (st == STATUS_OK)
		st = csv_each_row(text, 5, add_line, list, &line);
	free(text);
	return st;
}

static void statistics_heading(const struct list_state *ls, char *buf, size_t size)
{
	desc_cell(buf, size, "Bundesstatistik %d: was noch fehlt, nach Fallführung",
	          desc_shown_year(ls));
}

const struct screen_desc statistics_desc = {
        .title = "Bundesstatistik",
        DESC_COLUMNS(statistics_columns),
        DESC_FILTERS(desc_year_filters),
        .row_size = sizeof(struct missing_line),
        .rows = statistics_rows,
        .heading = statistics_heading,
        .from_server = true,
        .export_kind = "statistics-missing",
};
