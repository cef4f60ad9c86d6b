/* CSV for German Excel: what the exports write and what users open by
 * double-click, so it follows what Excel with German settings reads without
 * an import dialog: UTF-8 with a BOM (without it Excel guesses Windows-1252
 * and "Träger" turns into "TrÃ¤ger"), ';' between cells (',' is the decimal
 * comma), "\r\n" after each row, money as "1234,56" and dates as TT.MM.JJJJ
 * so that Excel takes them as numbers and dates.
 *
 * A cell is quoted with '"' (an inner '"' doubled) when it holds ';', '"',
 * CR or LF or begins or ends with a blank. Text is user data, and one user's
 * data must not drive another user's spreadsheet: a text cell that begins
 * with '=', '+', '-', '@', TAB or CR would be taken as a formula (and could
 * run commands through DDE), so it is quoted with a single quote inside the
 * quotes ("'=1+1"), as OWASP advises against CSV injection; Excel shows the
 * text as typed. Control characters and escape sequences are neutralised
 * with text_neutralise() before anything is written. Numbers we format
 * ourselves (money, dates, integers) are written as they are: "-12,50" is a
 * number, not a formula.
 *
 * Errors are values: a failed write sets FAILED, every later call writes
 * nothing, and csv_status() tells at the end.
 */
#ifndef MODEL_CSV_H
#define MODEL_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/record.h"
#include "model/status.h"

/* Writes LEN bytes of DATA; returns how many were written (LEN on success). */
typedef size_t csv_write_fn(void *ctx, const void *data, size_t len);

struct csv {
	csv_write_fn *write;
	void *ctx;
	size_t cells; /* cells in the current row so far */
	bool started; /* anything written yet */
	bool failed;  /* a write failed; nothing more is written */
};

/* A writer into FILE (not closed by the writer). stdio buffers, so the
 * caller still checks fflush() or fclose() at the end. */
void csv_open_file(struct csv *csv, FILE *file);

/* A writer that hands every piece of output to WRITE_FN with CTX, e.g. to fill
 * a memory buffer. */
void csv_open_fn(struct csv *csv, csv_write_fn *write_fn, void *ctx);

/* The UTF-8 byte order mark EF BB BF; only at the very start, later calls
 * write nothing. */
void csv_bom(struct csv *csv);

/* One text cell (NULL is an empty cell), neutralised, quoted and made
 * formula-safe as described above; line feeds are kept inside the quotes. */
void csv_text(struct csv *csv, const char *s);

/* One money cell: "1234,56", "-12,50", no grouping, no currency sign. */
void csv_money(struct csv *csv, int64_t cents);

/* One date cell: "25.11.2026"; an empty cell for 0. */
void csv_date(struct csv *csv, int32_t yyyymmdd);

/* One integer cell. */
void csv_int(struct csv *csv, int64_t value);

/* One yes/no cell: "ja" or "nein". */
void csv_bool(struct csv *csv, bool value);

/* Ends the current row with "\r\n". */
void csv_end_row(struct csv *csv);

/* One cell with the value of FIELD in REC, by the field's type: money,
 * dates, integers and yes/no as above, choices by their German label, text
 * as text (keeping line feeds only in multiline fields). */
void csv_field(struct csv *csv, const struct field_def *field, const void *rec);

/* A header row of the German labels of the fields NAMES (NULL-terminated
 * code names; all fields of DEF in table order when NAMES is NULL). A name
 * DEF does not have is written as it is, so the mistake shows. */
void csv_header(struct csv *csv, const struct record_def *def, const char *const *names);

/* A data row of REC with the fields NAMES, as in csv_header(); an unknown
 * name gives an empty cell, so the columns stay in line. */
void csv_record(struct csv *csv, const struct record_def *def, const char *const *names,
                const void *rec);

/* ... the cells alone, the row left open for more. */
void csv_header_cells(struct csv *csv, const struct record_def *def, const char *const *names);
void csv_record_cells(struct csv *csv, const struct record_def *def, const char *const *names,
                      const void *rec);

/* Reading: splits LINE (one line of a CSV file in the German format,
 * without its line end) in place into at most MAX cells at ';', a cell in
 * double quotes keeping its ';' and with "" for a quote. Returns the
 * number of cells, or 0 for a quote left open. */
size_t csv_split(char *line, char **cells, size_t max);

/* Each row of an export's TEXT (cut up in place), after its byte order
 * mark and its header row, split into NCELLS cells (at most 16) and handed
 * to ROW. STATUS_ERR_INVALID with *LINE the line number of a row of
 * another number of cells, or of one ROW refuses (returns false). */
enum status csv_each_row(char *text, size_t ncells, bool (*row)(void *ctx, char **cells), void *ctx,
                         int *line);

/* STATUS_OK, or STATUS_ERR_IO when a write failed. */
enum status csv_status(const struct csv *csv);

#endif
