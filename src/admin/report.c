/* report committee --year Y [--format txt|pdf] [-o FILE]: the report to
 * the Jugendhilfeausschuss. The server computes the figures (export
 * "committee", on its worker in a snapshot, with the caller's rights);
 * this command reads them into a struct report and prints it as paged
 * text (a form feed between areas) or as a PDF (report_pdf.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin_private.h"
#include "model/csv.h"
#include "model/date.h"
#include "model/money.h"
#include "model/text.h"
#include "report.h"

#define LINE_MAX_BYTES 1024

struct report_options {
	const char *year, *format, *out;
};

static int parse_report_args(int argc, char **argv, struct report_options *o)
{
	if (argc < 1 || strcmp(argv[0], "committee") != 0)
		return ADMIN_USAGE;
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return ADMIN_USAGE;
		if (strcmp(argv[i], "--year") == 0)
			o->year = argv[i + 1];
		else if (strcmp(argv[i], "--format") == 0)
			o->format = argv[i + 1];
		else if (strcmp(argv[i], "-o") == 0)
			o->out = argv[i + 1];
		else
			return ADMIN_USAGE;
	}
	if (!o->year || (strcmp(o->format, "txt") != 0 && strcmp(o->format, "pdf") != 0))
		return ADMIN_USAGE;
	return ADMIN_OK;
}

static const char *area_name(const struct admin *admin, const char *area, char *out, size_t size)
{
	int d = config_find_district(admin->config, area);

	if (d >= 0)
		snprintf(out, size, "Sozialraum %s (%s)", admin->config->districts[d].name, area);
	else
		snprintf(out, size, "%s, gesamt", admin->config->city);
	return out;
}

#define FIGURE_COLUMNS 33 /* and three columns of 15: 80 in all */
#define VALUE_COLUMNS  15

/* A figure's name with its unit; on a line of its own when too long for
 * its column, the values below it. */
static void put_figure(FILE *out, const struct report_row *row)
{
	char name[sizeof(row->figure) + sizeof(row->unit) + 8];

	if (strcmp(row->unit, "Anzahl") == 0)
		snprintf(name, sizeof(name), "%s", row->figure);
	else
		snprintf(name, sizeof(name), "%s (%s)", row->figure, row->unit);
	if (text_width(name) > FIGURE_COLUMNS - 2) {
		fprintf(out, "  %s\n", name);
		name[0] = '\0';
	}
	fputs("  ", out);
	admin_put_padded(out, name, FIGURE_COLUMNS - 2, false);
}

static void print_area(FILE *out, const struct admin *admin, const struct report *r,
                       const char *area)
{
	char name[160], year[16], previous[16];
	const char *section = "";

	snprintf(year, sizeof(year), "%d", r->year);
	snprintf(previous, sizeof(previous), "%d", r->year - 1);
	fprintf(out, "Bericht an den Jugendhilfeausschuss %s %d\n%s\n", admin->config->city,
	        r->year, area_name(admin, area, name, sizeof(name)));
	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		char now[48], before[48], change[48];

		if (strcmp(row->area, area) != 0)
			continue;
		if (strcmp(row->section, section) != 0) {
			section = row->section;
			fputc('\n', out);
			admin_put_padded(out, section, FIGURE_COLUMNS, false);
			admin_put_padded(out, year, VALUE_COLUMNS, true);
			admin_put_padded(out, previous, VALUE_COLUMNS, true);
			admin_put_padded(out, "Veränderung", VALUE_COLUMNS, true);
			fputc('\n', out);
		}
		report_format(row, row->value, false, now, sizeof(now));
		report_format(row, row->previous, false, before, sizeof(before));
		report_format(row, row->value - row->previous, true, change, sizeof(change));
		put_figure(out, row);
		admin_put_padded(out, now, VALUE_COLUMNS, true);
		admin_put_padded(out, before, VALUE_COLUMNS, true);
		admin_put_padded(out, change, VALUE_COLUMNS, true);
		fputc('\n', out);
	}
}

static int print_text(FILE *out, const struct admin *admin, const struct report *r)
{
	char today[16];

	for (size_t a = 0; a < r->nareas; a++) {
		if (a)
			fputc('\f', out);
		print_area(out, admin, r, r->areas[a]);
	}
	date_format(date_today(), today, sizeof(today));
	fprintf(out, "\n%s\nErstellt am %s.\n", r->note, today);
	return ferror(out) ? ADMIN_FINDING : ADMIN_OK;
}

int admin_report(struct admin *admin, int argc, char **argv)
{
	struct report_options o = {.format = "txt"};
	struct report r = {0};
	char *text = NULL, *argv_export[3], msg[512];
	size_t len = 0;
	FILE *mem, *out;
	int ret, line = 0;

	if (parse_report_args(argc, argv, &o) != ADMIN_OK ||
	    (strcmp(o.format, "pdf") == 0 && !o.out)) {
		admin_error("usage: sozialraum-admin report committee --year Y [--format txt|pdf] "
		            "[-o FILE] (a PDF needs -o)");
		return ADMIN_USAGE;
	}
	argv_export[0] = "committee";
	argv_export[1] = "--year";
	argv_export[2] = (char *)o.year;
	if (!(mem = open_memstream(&text, &len)))
		return ADMIN_FINDING;
	ret = admin_export_to(admin, 3, argv_export, mem);
	fclose(mem);
	r.year = atoi(o.year);
	text_copy(r.city, sizeof(r.city), admin->config->city);
	snprintf(r.note, sizeof(r.note),
	         "Eckwert: Hilfen am 31.12. und im Jahr beendete je 10.000 Einwohner unter 21; "
	         "mit § 41, ohne Erziehungsberatung (§ 28) und § 35a.");
	if (ret == ADMIN_OK && report_read(text, &r, &line) != STATUS_OK) {
		admin_error("the server's report has a line this command cannot read (%d)", line);
		ret = ADMIN_FINDING;
	}
	free(text);
	if (ret == ADMIN_OK && strcmp(o.format, "pdf") == 0) {
		if (report_pdf(&r, o.out, msg, sizeof(msg)) != 0) {
			admin_error("%s", msg);
			ret = ADMIN_FINDING;
		}
	} else if (ret == ADMIN_OK) {
		if (!(out = o.out ? fopen(o.out, "w") : stdout)) {
			admin_error("cannot write %s", o.out);
			ret = ADMIN_FINDING;
		} else {
			ret = print_text(out, admin, &r);
			if ((o.out ? fclose(out) : fflush(out)) != 0)
				ret = ADMIN_FINDING;
		}
	}
	report_free(&r);
	return ret;
}
