/* The CSV writer for German Excel (see csv.h for the format and why).
 *
 * Text cells are neutralised in pieces of at most CHUNK bytes, cut only
 * between UTF-8 characters, so a cell of any length needs no allocation.
 * Whether a cell must be quoted depends on all of its neutralised text, so
 * a text cell is neutralised twice: once to decide, once to write.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/csv.h"
#include "model/date.h"
#include "model/money.h"
#include "model/text.h"

#define CHUNK 256

/* What makes a text cell a formula in a spreadsheet, at its start after
 * the blanks a spreadsheet trims (space, no-break space, ideographic
 * space): = + - @, also in their full-width forms. Tabs and returns are
 * neutralised before this is asked. */
static const char formula_starts[] = "=+-@";
static const char *const wide_formula_starts[] = {"\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d",
                                                  "\xef\xbc\xa0", NULL};
static const char *const trimmed_blanks[] = {" ", "\xc2\xa0", "\xe3\x80\x80", NULL};

static size_t starts_with_one(const char *s, const char *const *pieces)
{
	for (size_t i = 0; pieces[i]; i++)
		if (strncmp(s, pieces[i], strlen(pieces[i])) == 0)
			return strlen(pieces[i]);
	return 0;
}

static bool starts_formula(const char *s)
{
	size_t n;

	while ((n = starts_with_one(s, trimmed_blanks)) > 0)
		s += n;
	return (*s && strchr(formula_starts, *s)) || starts_with_one(s, wide_formula_starts);
}

static size_t file_write(void *ctx, const void *data, size_t len)
{
	return fwrite(data, 1, len, ctx);
}

void csv_open_file(struct csv *csv, FILE *file)
{
	csv_open_fn(csv, file_write, file);
}

void csv_open_fn(struct csv *csv, csv_write_fn *write_fn, void *ctx)
{
	*csv = (struct csv){.write = write_fn, .ctx = ctx};
}

static void put(struct csv *csv, const void *data, size_t len)
{
	if (csv->failed || len == 0)
		return;
	csv->started = true;
	if (csv->write(csv->ctx, data, len) != len)
		csv->failed = true;
}

/* Starts a cell: the separator before every cell but a row's first. */
static void begin_cell(struct csv *csv)
{
	csv->started = true;
	if (csv->cells++ > 0)
		put(csv, ";", 1);
}

/* A cell written as it is: numbers and dates we formatted ourselves. */
static void put_plain(struct csv *csv, const char *s, size_t len)
{
	begin_cell(csv);
	put(csv, s, len);
}

void csv_bom(struct csv *csv)
{
	if (!csv->started)
		put(csv, "\xef\xbb\xbf", 3);
}

/* Neutralises the next piece of *S into OUT (CHUNK bytes) and moves *S past
 * it; returns the length, 0 at the end. A piece ends between characters, so
 * each is neutralised as within the whole text; the output is never longer
 * than the input, as each character replaced becomes one '?'. */
static size_t next_chunk(const char **s, bool multiline, char out[CHUNK])
{
	char in[CHUNK];
	size_t len = strnlen(*s, CHUNK - 1), cut = len;

	if (len == CHUNK - 1) /* more may follow: step back to a lead byte */
		while (cut > len - 3 && ((unsigned char)(*s)[cut] & 0xC0) == 0x80)
			cut--;
	if (((unsigned char)(*s)[cut] & 0xC0) == 0x80)
		cut = len; /* stray continuation bytes: each becomes '?' anyway */
	memcpy(in, *s, cut);
	in[cut] = '\0';
	*s += cut;
	return text_neutralise(in, multiline, out, CHUNK);
}

struct cell_shape {
	bool quote;   /* must be quoted */
	bool formula; /* needs the single quote that stops a formula */
};

/* Looks at the neutralised text of S: what it holds, how it begins and ends. */
static struct cell_shape shape_text(const char *s, bool multiline)
{
	struct cell_shape shape = {0};
	char out[CHUNK], first = '\0', last = '\0';
	size_t n;

	while ((n = next_chunk(&s, multiline, out)) > 0) {
		if (first == '\0') {
			first = out[0];
			shape.formula = starts_formula(out);
		}
		last = out[n - 1];
		if (strpbrk(out, ";\"\r\n"))
			shape.quote = true;
	}
	if (shape.formula || first == ' ' || last == ' ')
		shape.quote = true;
	return shape;
}

/* Writes the N bytes at S with every '"' doubled. */
static void put_quoted(struct csv *csv, const char *s, size_t n)
{
	const char *q;

	while ((q = memchr(s, '"', n)) != NULL) {
		put(csv, s, (size_t)(q - s) + 1);
		put(csv, "\"", 1);
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	put(csv, s, n);
}

/* One text cell; MULTILINE keeps line feeds, else they become '?'. */
static void put_text(struct csv *csv, const char *s, bool multiline)
{
	struct cell_shape shape = shape_text(s ? s : "", multiline);
	char out[CHUNK];
	size_t n;

	begin_cell(csv);
	if (shape.quote)
		put(csv, shape.formula ? "\"'" : "\"", shape.formula ? 2 : 1);
	while (s && (n = next_chunk(&s, multiline, out)) > 0) {
		if (shape.quote)
			put_quoted(csv, out, n);
		else
			put(csv, out, n);
	}
	if (shape.quote)
		put(csv, "\"", 1);
}

void csv_text(struct csv *csv, const char *s)
{
	put_text(csv, s, true);
}

void csv_money(struct csv *csv, int64_t cents)
{
	char buf[MONEY_BUFSIZE];

	put_plain(csv, buf, money_format_plain(cents, buf, sizeof buf));
}

void csv_date(struct csv *csv, int32_t yyyymmdd)
{
	char buf[DATE_BUFSIZE];

	put_plain(csv, buf, date_format(yyyymmdd, buf, sizeof buf));
}

void csv_int(struct csv *csv, int64_t value)
{
	char buf[24];

	put_plain(csv, buf, (size_t)snprintf(buf, sizeof buf, "%" PRId64, value));
}

static void csv_uint(struct csv *csv, uint64_t value)
{
	char buf[24];

	put_plain(csv, buf, (size_t)snprintf(buf, sizeof buf, "%" PRIu64, value));
}

void csv_bool(struct csv *csv, bool value)
{
	put_plain(csv, value ? "ja" : "nein", value ? 2 : 4);
}

void csv_end_row(struct csv *csv)
{
	put(csv, "\r\n", 2);
	csv->cells = 0;
}

void csv_field(struct csv *csv, const struct field_def *field, const void *rec)
{
	const void *p = (const char *)rec + field->offset;
	char buf[CHUNK];

	switch (field->type) {
	case FIELD_MONEY:
		csv_money(csv, *(const int64_t *)p);
		break;
	case FIELD_DATE:
		csv_date(csv, *(const int32_t *)p);
		break;
	case FIELD_INT:
		if (field->hundredths) /* 2,50 like an amount */
			csv_money(csv, *(const int64_t *)p);
		else
			csv_int(csv, *(const int64_t *)p);
		break;
	case FIELD_ID: /* an optional reference not set: empty */
		if (!*(const uint64_t *)p && !field->required)
			csv_text(csv, "");
		else
			csv_uint(csv, *(const uint64_t *)p);
		break;
	case FIELD_BOOL:
		csv_bool(csv, *(const bool *)p);
		break;
	case FIELD_TEXT:
	case FIELD_REF: /* the text itself: field_format() would cut it at BUF */
		put_text(csv, p, field->multiline);
		break;
	default:
		field_format(field, rec, buf, sizeof buf);
		put_text(csv, buf, field->multiline);
		break;
	}
}

/* The Ith field of a header or row: of NAMES when given, else of DEF;
 * NULL past the end. *UNKNOWN is set to a name DEF does not have. */
static const struct field_def *nth_field(const struct record_def *def, const char *const *names,
                                         size_t i, const char **unknown)
{
	const struct field_def *field;

	*unknown = NULL;
	if (!names)
		return i < def->nfields ? &def->fields[i] : NULL;
	if (!names[i])
		return NULL;
	field = record_field(def, names[i]);
	if (!field)
		*unknown = names[i];
	return field;
}

void csv_header_cells(struct csv *csv, const struct record_def *def, const char *const *names)
{
	const struct field_def *field;
	const char *unknown;

	for (size_t i = 0; (field = nth_field(def, names, i, &unknown)) || unknown; i++)
		csv_text(csv, field ? field->label : unknown);
}

void csv_header(struct csv *csv, const struct record_def *def, const char *const *names)
{
	csv_header_cells(csv, def, names);
	csv_end_row(csv);
}

void csv_record_cells(struct csv *csv, const struct record_def *def, const char *const *names,
                      const void *rec)
{
	const struct field_def *field;
	const char *unknown;

	for (size_t i = 0; (field = nth_field(def, names, i, &unknown)) || unknown; i++) {
		if (field)
			csv_field(csv, field, rec);
		else
			csv_text(csv, NULL);
	}
}

void csv_record(struct csv *csv, const struct record_def *def, const char *const *names,
                const void *rec)
{
	csv_record_cells(csv, def, names, rec);
	csv_end_row(csv);
}

enum status csv_status(const struct csv *csv)
{
	return csv->failed ? STATUS_ERR_IO : STATUS_OK;
}

size_t csv_split(char *line, char **cells, size_t max)
{
	size_t n = 0;
	char *in = line, *out = line;

	while (n < max) {
		bool quoted = *in == '"';

		cells[n++] = out;
		if (quoted) {
			in++;
			for (;;) {
				if (!*in)
					return 0; /* the quote never closes */
				if (in[0] == '"' && in[1] == '"') {
					*out++ = '"';
					in += 2;
				} else if (*in == '"') {
					in++;
					break;
				} else {
					*out++ = *in++;
				}
			}
		}
		while (*in && *in != ';')
			*out++ = *in++;
		if (!*in) {
			*out = '\0';
			return n;
		}
		*out++ = '\0';
		in++;
	}
	return n;
}

enum status csv_each_row(char *text, size_t ncells, bool (*row)(void *ctx, char **cells), void *ctx,
                         int *line)
{
	char *save = NULL, *cells[17];

	*line = 0;
	if (ncells >= sizeof(cells) / sizeof(cells[0]))
		return STATUS_ERR_INVALID;
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	for (char *l = strtok_r(text, "\r\n", &save); l; l = strtok_r(NULL, "\r\n", &save))
		if ((*line)++ && (csv_split(l, cells, ncells + 1) != ncells || !row(ctx, cells)))
			return STATUS_ERR_INVALID;
	return STATUS_OK;
}
