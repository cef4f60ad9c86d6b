/* statistics check --year Y: which fields the federal statistics need
 * are missing in the year's due helps and completed § 8a procedures, in
 * which case and who leads it, so that staff complete them before the
 * deadline. The server finds them (export "statistics-missing", on its
 * worker in a snapshot, with the caller's rights, sorted by lead); this
 * command prints them a line each and exits 1 when there is any. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_private.h"
#include "model/csv.h"
#include "model/text.h"

#define CHECK_CELLS  5 /* Fall;Fallführung;Name;Hilfe/Verfahren;fehlt */
#define LEAD_COLUMNS 32

/* One line: LOGIN (NAME), the case, the help or procedure, what it lacks. */
static void print_missing(char **cells)
{
	char lead[160], what[512];

	if (cells[1][0])
		snprintf(lead, sizeof(lead), "%s (%s)", cells[1], cells[2][0] ? cells[2] : "?");
	else
		snprintf(lead, sizeof(lead), "(ohne Fallführung)");
	admin_put_padded(stdout, lead, LEAD_COLUMNS, false);
	printf(" ");
	admin_put_padded(stdout, cells[0], 11, false);
	snprintf(what, sizeof(what), " %s: fehlt %s", cells[3], cells[4]);
	admin_put_padded(stdout, what, 0, false);
	printf("\n");
}

static bool print_row(void *ctx, char **cells)
{
	(*(int *)ctx)++;
	print_missing(cells);
	return true;
}

/* The export's rows printed; their number, or -1 for a line this command
 * cannot read. */
static int print_rows(char *text)
{
	int rows = 0, line;

	if (csv_each_row(text, CHECK_CELLS, print_row, &rows, &line) != STATUS_OK) {
		admin_error("the server's list has a line this command cannot read (%d)", line);
		return -1;
	}
	return rows;
}

int admin_statistics(struct admin *admin, int argc, char **argv)
{
	char *text = NULL, *export_argv[3], *end = NULL;
	size_t len = 0;
	FILE *mem;
	int ret, rows;

	long year = argc == 3 ? strtol(argv[2], &end, 10) : 0;

	if (argc != 3 || strcmp(argv[0], "check") != 0 || strcmp(argv[1], "--year") != 0 || *end ||
	    year < 2000 || year > 2099) {
		admin_error("usage: sozialraum-admin statistics check --year Y");
		return ADMIN_USAGE;
	}
	export_argv[0] = "statistics-missing";
	export_argv[1] = "--year";
	export_argv[2] = argv[2];
	if (!(mem = open_memstream(&text, &len)))
		return ADMIN_FINDING;
	ret = admin_export_to(admin, 3, export_argv, mem);
	fclose(mem);
	if (ret != ADMIN_OK) {
		free(text);
		return ret;
	}
	rows = print_rows(text);
	free(text);
	if (rows < 0)
		return ADMIN_FINDING;
	if (rows)
		printf("%d help%s or § 8a procedure%s of %s miss%s what the federal statistics "
		       "need\n",
		       rows, rows == 1 ? "" : "s", rows == 1 ? "" : "s", argv[2],
		       rows == 1 ? "es" : "");
	else
		printf("nothing missing: every help and § 8a procedure of %s has what the federal "
		       "statistics need\n",
		       argv[2]);
	return fflush(stdout) != 0 ? ADMIN_FINDING : rows ? ADMIN_FINDING : ADMIN_OK;
}
