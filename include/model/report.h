/* The committee report as the server's "committee" export gives it: one
 * row per figure and area, the year's value beside the previous year's.
 * Read by the admin command (text, PDF) and the terminal program's
 * report screen alike. */
#ifndef MODEL_REPORT_H
#define MODEL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/status.h"

struct report_row {
	char section[64]; /* "Fälle", "Hilfen", "Geld", "§ 8a", "Angebote" */
	char figure[128]; /* the Kennzahl, in German */
	char area[64];    /* a district's id, or "Stadt" for the whole city */
	char unit[32];    /* "Anzahl", "€", "%", "je 10.000", "Monate", "€ je Tag", ... */
	/* the year's and the previous year's value: a count as it is; money
	 * in cents and every other figure in hundredths when HUNDREDTHS */
	int64_t value, previous;
	bool hundredths;
};

struct report {
	int year; /* the previous year is year - 1 */
	char city[64];
	/* what the Eckwert counts (with § 41, without § 28 and § 35a) */
	char note[256];
	struct report_row *rows;
	size_t n;
	/* the districts' ids in the configuration's order, then "Stadt" */
	char areas[16][64];
	size_t nareas;
};

/* Reads the export's text (a BOM, the header row, the rows; TEXT is cut
 * up in place) into R, which report_free releases. STATUS_ERR_INVALID
 * with *LINE the number of a line that is no row of it. */
enum status report_read(char *text, struct report *r, int *line);
void report_free(struct report *r);

/* ROW's value V as German text, its unit left to the figure's name:
 * 1.234 / 12,34 / 1.234,56; SIGN puts a + before a positive value (a
 * change). OUT holds at least 48 bytes. */
void report_format(const struct report_row *row, int64_t v, bool sign, char *out, size_t size);

#endif
