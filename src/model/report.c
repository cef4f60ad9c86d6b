/* Reading the committee report's rows (model/report.h). */
#include <stdlib.h>
#include <string.h>

#include "model/csv.h"
#include "model/money.h"
#include "model/report.h"

static void add_area(struct report *r, const char *area)
{
	for (size_t i = 0; i < r->nareas; i++)
		if (strcmp(r->areas[i], area) == 0)
			return;
	if (r->nareas < sizeof(r->areas) / sizeof(r->areas[0]))
		snprintf(r->areas[r->nareas++], sizeof(r->areas[0]), "%s", area);
}

/* A cell: a count as it is, anything else in hundredths ("1234,56"). */
static bool read_value(const char *cell, bool hundredths, int64_t *v)
{
	char *end;

	if (hundredths)
		return money_parse(cell, v) == STATUS_OK;
	*v = strtoll(cell, &end, 10);
	return *cell && !*end;
}

/* One row of the export (its six cells) into R; false when it is not one. */
static bool add_row(void *ctx, char **cells)
{
	struct report *r = ctx;
	struct report_row *row, *rows;

	if (!(rows = realloc(r->rows, (r->n + 1) * sizeof(*rows))))
		return false;
	r->rows = rows;
	row = &r->rows[r->n];
	memset(row, 0, sizeof(*row));
	snprintf(row->section, sizeof(row->section), "%s", cells[0]);
	snprintf(row->figure, sizeof(row->figure), "%s", cells[1]);
	snprintf(row->area, sizeof(row->area), "%s", cells[2]);
	snprintf(row->unit, sizeof(row->unit), "%s", cells[3]);
	row->hundredths = strcmp(row->unit, "Anzahl") != 0;
	if (!read_value(cells[4], row->hundredths, &row->value) ||
	    !read_value(cells[5], row->hundredths, &row->previous))
		return false;
	add_area(r, row->area);
	r->n++;
	return true;
}

enum status report_read(char *text, struct report *r, int *line)
{
	return csv_each_row(text, 6, add_row, r, line);
}

void report_free(struct report *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

/* A value as German text, its unit left to the figure's name: 1.234 /
 * 12,34 / 1.234,56 (money_format's grouping; its cents and its sign of
 * currency cut). SIGNED puts a + before a positive value. */
void report_format(const struct report_row *row, int64_t v, bool sign, char *out, size_t size)
{
	char number[40]; /* the widest amount is 31 bytes */
	size_t n = money_format(row->hundredths ? v : v * 100, number, sizeof(number));
	size_t cut = strlen(" €") + (row->hundredths ? 0 : strlen(",00"));

	if (n >= cut)
		number[n - cut] = '\0';
	snprintf(out, size, "%s%s", sign && v > 0 ? "+" : "", number);
}
