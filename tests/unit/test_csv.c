/* Unit tests of the CSV writer: German Excel format, quoting, formula-safe
 * cells, neutralised text, cells from field tables, and write errors. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/csv.h"
#include "model/date.h"
#include "../sample.h"

/* A memory buffer written through the callback; a write that would go past
 * LIMIT fails, as a full disk would. */
struct mem {
	char data[8192];
	size_t len, limit;
};

static size_t mem_write(void *ctx, const void *data, size_t len)
{
	struct mem *m = ctx;

	if (m->len + len > m->limit)
		return 0;
	memcpy(m->data + m->len, data, len);
	m->len += len;
	m->data[m->len] = '\0';
	return len;
}

static struct mem out;

/* A writer into OUT, emptied. */
static struct csv csv_mem(void)
{
	struct csv csv;

	out.len = 0;
	out.data[0] = '\0';
	out.limit = sizeof out.data - 1;
	csv_open_fn(&csv, mem_write, &out);
	return csv;
}

/* What csv_text writes for one cell S. */
static const char *text_cell(const char *s)
{
	struct csv csv = csv_mem();

	csv_text(&csv, s);
	CHECK_INT(csv_status(&csv), STATUS_OK);
	return out.data;
}

static const char *money_cell(int64_t cents)
{
	struct csv csv = csv_mem();

	csv_money(&csv, cents);
	return out.data;
}

static const char *date_cell(int32_t date)
{
	struct csv csv = csv_mem();

	csv_date(&csv, date);
	return out.data;
}

static void test_bom(void)
{
	struct csv csv = csv_mem();

	csv_bom(&csv);
	csv_bom(&csv); /* once only */
	csv_text(&csv, "Fall");
	csv_end_row(&csv);
	CHECK_STR(out.data, "\xef\xbb\xbf"
	                    "Fall\r\n");

	csv = csv_mem();
	csv_text(&csv, "Fall");
	csv_bom(&csv); /* only at the very start */
	CHECK_STR(out.data, "Fall");
}

static void test_separators(void)
{
	struct csv csv = csv_mem();

	csv_text(&csv, "a");
	csv_text(&csv, "b");
	csv_text(&csv, NULL);
	csv_text(&csv, "");
	csv_end_row(&csv);
	csv_int(&csv, 1);
	csv_bool(&csv, true);
	csv_bool(&csv, false);
	csv_end_row(&csv);
	csv_end_row(&csv); /* an empty row */
	CHECK_STR(out.data, "a;b;;\r\n1;ja;nein\r\n\r\n");
	CHECK_INT(csv_status(&csv), STATUS_OK);
}

static void test_quoting(void)
{
	CHECK_STR(text_cell("Müller"), "Müller");
	CHECK_STR(text_cell("Hamburg, Bremen"), "Hamburg, Bremen"); /* ',' is no separator */
	CHECK_STR(text_cell("a;b"), "\"a;b\"");
	CHECK_STR(text_cell(";"), "\";\"");
	CHECK_STR(text_cell("Treff \"Oase\""), "\"Treff \"\"Oase\"\"\"");
	CHECK_STR(text_cell("\""), "\"\"\"\"");
	CHECK_STR(text_cell("Zeile 1\nZeile 2"), "\"Zeile 1\nZeile 2\"");
	CHECK_STR(text_cell("Zeile 1\r\nZeile 2"), "\"Zeile 1?\nZeile 2\""); /* CR neutralised */
	CHECK_STR(text_cell(" vorn"), "\" vorn\"");
	CHECK_STR(text_cell("hinten "), "\"hinten \"");
	CHECK_STR(text_cell(" "), "\" \"");
	CHECK_STR(text_cell("in der Mitte"), "in der Mitte");
	CHECK_STR(text_cell(""), "");
	CHECK_STR(text_cell(NULL), "");
}

static void test_formula_safe(void)
{
	CHECK_STR(text_cell("=1+1"), "\"'=1+1\"");
	CHECK_STR(text_cell("+49 40 123"), "\"'+49 40 123\"");
	CHECK_STR(text_cell("-5"), "\"'-5\"");
	CHECK_STR(text_cell("@SUMME(A1)"), "\"'@SUMME(A1)\"");
	CHECK_STR(text_cell("="), "\"'=\"");
	CHECK_STR(text_cell("=HYPERLINK(\"http://x\";\"klick\")"),
	          "\"'=HYPERLINK(\"\"http://x\"\";\"\"klick\"\")\"");
	CHECK_STR(text_cell("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
	/* TAB and CR are neutralised first, so the cell starts with '?' */
	CHECK_STR(text_cell("\t=1+1"), "?=1+1");
	CHECK_STR(text_cell("\r=1+1"), "?=1+1");
	/* after the blanks a spreadsheet trims, and in full width */
	CHECK_STR(text_cell("  =1+1"), "\"'  =1+1\"");
	CHECK_STR(text_cell("\xc2\xa0=1+1"), "\"'\xc2\xa0=1+1\"");
	CHECK_STR(text_cell("\xe3\x80\x80@A1"), "\"'\xe3\x80\x80@A1\"");
	CHECK_STR(text_cell("\xef\xbc\x9d"
	                    "1+1"),
	          "\"'\xef\xbc\x9d"
	          "1+1\"");
	CHECK_STR(text_cell("\xef\xbc\x8b"
	                    "1"),
	          "\"'\xef\xbc\x8b"
	          "1\"");
	/* a hidden character before it is neutralised, and shows */
	CHECK_STR(text_cell("\xe2\x80\x8b=1+1"), "?=1+1");
	/* only the first character counts */
	CHECK_STR(text_cell("a=1"), "a=1");
	CHECK_STR(text_cell("Eltern-Kind"), "Eltern-Kind");
	CHECK_STR(text_cell("x@y.de"), "x@y.de");
}

static void test_neutralised(void)
{
	CHECK_STR(text_cell("\x1b[31mrot\x1b[0m"), "?[31mrot?[0m");
	CHECK_STR(text_cell("\x1b]0;Titel\x07"), "\"?]0;Titel?\""); /* OSC, quoted for ';' */
	CHECK_STR(text_cell("\xc2\x9b"
	                    "31m"),
	          "?31m"); /* C1 CSI */
	CHECK_STR(text_cell("a\x7f"
	                    "b"),
	          "a?b");
	CHECK_STR(text_cell("\xff\xfe"), "??"); /* not UTF-8 */
	CHECK_STR(text_cell("\x1b=1"), "?=1");  /* the ESC does not hide a formula */
}

/* Long cells are neutralised in pieces: nothing is lost or doubled where a
 * piece ends, even inside a multibyte character. */
static void test_long_text(void)
{
	static const char tail[] = "äöü€\xf0\x9f\x98\x80ß";
	char in[1200], want[1300];

	for (size_t pad = 245; pad <= 262; pad++) {
		memset(in, 'x', pad);
		strcpy(in + pad, tail);
		strcat(in, tail);
		CHECK_STR(text_cell(in), in);
		if (strcmp(out.data, in) != 0)
			printf("#   pad %zu\n", pad);
	}
	memset(in, 'y', 1000);
	strcpy(in + 1000, "\";\x1b");
	memset(want, 0, sizeof want);
	want[0] = '"';
	memset(want + 1, 'y', 1000);
	strcpy(want + 1001, "\"\";?\"");
	CHECK_STR(text_cell(in), want);
}

static void test_money(void)
{
	CHECK_STR(money_cell(0), "0,00");
	CHECK_STR(money_cell(5), "0,05");
	CHECK_STR(money_cell(-1), "-0,01");
	CHECK_STR(money_cell(-1250), "-12,50"); /* a number, not a formula */
	CHECK_STR(money_cell(123456), "1234,56");
	CHECK_STR(money_cell(123456789), "1234567,89");
	CHECK_STR(money_cell(-123456789), "-1234567,89");
	CHECK_STR(money_cell(INT64_MIN), "-92233720368547758,08");

	struct csv csv = csv_mem();

	csv_money(&csv, -1250);
	csv_money(&csv, 5);
	csv_end_row(&csv);
	CHECK_STR(out.data, "-12,50;0,05\r\n");
}

static void test_dates(void)
{
	CHECK_STR(date_cell(DATE_MAKE(2026, 11, 25)), "25.11.2026");
	CHECK_STR(date_cell(DATE_MAKE(2024, 2, 29)), "29.02.2024");
	CHECK_STR(date_cell(DATE_MAKE(2026, 1, 1)), "01.01.2026");
	CHECK_STR(date_cell(0), "");

	struct csv csv = csv_mem();

	csv_date(&csv, 0);
	csv_date(&csv, DATE_MAKE(1999, 12, 31));
	csv_end_row(&csv);
	CHECK_STR(out.data, ";31.12.1999\r\n");
}

static void test_int_bool(void)
{
	struct csv csv = csv_mem();

	csv_int(&csv, 0);
	csv_int(&csv, -7); /* unquoted like money */
	csv_int(&csv, INT64_MAX);
	csv_int(&csv, INT64_MIN);
	csv_bool(&csv, true);
	csv_bool(&csv, false);
	CHECK_STR(out.data, "0;-7;9223372036854775807;-9223372036854775808;ja;nein");
}

static const char *const row_names[] = {"name",      "kind",     "low_threshold", "active_from",
                                        "active_to", "district", "budget_line",   NULL};

static void test_offer_rows(void)
{
	struct offer o = sample_offer("Elterncafé; Treff");
	struct csv csv = csv_mem();

	o.low_threshold = true;
	csv_header(&csv, &offer_def, row_names);
	csv_record(&csv, &offer_def, row_names, &o);
	CHECK_STR(out.data,
	          "Name;Art;Niedrigschwellig;Aktiv ab;Aktiv bis;Sozialraum;Budgetlinie\r\n"
	          "\"Elterncafé; Treff\";Gruppe;ja;01.01.2026;;FG;fallunspezifisch\r\n");

	/* a formula typed as an offer's name stays text */
	o = sample_offer("=cmd|' /C calc'!A0");
	csv = csv_mem();
	csv_record(&csv, &offer_def, (const char *const[]){"name", "provider", NULL}, &o);
	CHECK_STR(out.data, "\"'=cmd|' /C calc'!A0\";DW\r\n");
}

/* Counts the cells of the first row of OUT (no quoted ';' in it). */
static size_t first_row_cells(void)
{
	size_t cells = 1;

	for (const char *p = out.data; *p && *p != '\r'; p++)
		cells += *p == ';';
	return cells;
}

static void test_offer_all_fields(void)
{
	struct offer o = sample_offer("Krabbelgruppe");
	struct csv csv = csv_mem();

	csv_header(&csv, &offer_def, NULL);
	CHECK(strncmp(out.data, "Sozialraum;Träger;Name;Art;", 27) == 0);
	CHECK_INT(first_row_cells(), offer_def.nfields);
	CHECK(strstr(out.data, "Aktiv ab") != NULL);

	csv = csv_mem();
	csv_record(&csv, &offer_def, NULL, &o);
	CHECK(strncmp(out.data, "FG;DW;Krabbelgruppe;Gruppe;", 27) == 0);
	CHECK_INT(first_row_cells(), offer_def.nfields);
	CHECK(strstr(out.data, ";01.01.2026;") != NULL);
	CHECK(strcmp(out.data + out.len - 2, "\r\n") == 0);
}

static void test_unknown_name(void)
{
	struct offer o = sample_offer("Treff");
	const char *const names[] = {"name", "no_such_field", "district", NULL};
	struct csv csv = csv_mem();

	csv_header(&csv, &offer_def, names);
	csv_record(&csv, &offer_def, names, &o);
	CHECK_STR(out.data, "Name;no_such_field;Sozialraum\r\nTreff;;FG\r\n");
}

/* A record with the field types offers do not have. */
struct item {
	struct record_head head;
	uint64_t ref;
	int64_t count, amount;
	char note[64], title[32];
};

static const struct field_def item_fields[] = {
        {.tag = 2, .name = "ref", .label = "Bezug", FIELD_ID(struct item, ref)},
        {.tag = 3, .name = "count", .label = "Anzahl", FIELD_INT(struct item, count)},
        {.tag = 4, .name = "amount", .label = "Betrag", FIELD_MONEY(struct item, amount)},
        {.tag = 5,
         .name = "note",
         .label = "Notiz",
         .multiline = true,
         FIELD_TEXT(struct item, note)},
        {.tag = 6, .name = "title", .label = "Titel", FIELD_TEXT(struct item, title)},
};

static void test_field_types(void)
{
	struct item item = {.ref = UINT64_MAX, .count = -3, .amount = -1250};
	struct csv csv = csv_mem();

	strcpy(item.note, "Zeile 1\nZeile 2");
	strcpy(item.title, "eins\nzwei"); /* not multiline: LF neutralised */
	for (size_t i = 0; i < sizeof item_fields / sizeof item_fields[0]; i++)
		csv_field(&csv, &item_fields[i], &item);
	csv_end_row(&csv);
	CHECK_STR(out.data, "18446744073709551615;-3;-12,50;\"Zeile 1\nZeile 2\";eins?zwei\r\n");
}

static void test_write_error(void)
{
	struct csv csv = csv_mem();

	out.limit = 6;
	csv_text(&csv, "abc");
	csv_end_row(&csv);
	CHECK_INT(csv_status(&csv), STATUS_OK);
	csv_text(&csv, "def"); /* goes past the limit */
	CHECK_INT(csv_status(&csv), STATUS_ERR_IO);
	out.limit = sizeof out.data - 1;
	csv_text(&csv, "ghi"); /* nothing more after a failure */
	csv_end_row(&csv);
	CHECK_INT(csv_status(&csv), STATUS_ERR_IO);
	CHECK_STR(out.data, "abc\r\n");
}

static void test_file(void)
{
	char *data = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&data, &size);
	struct csv csv;

	CHECK(f != NULL);
	if (!f)
		return;
	csv_open_file(&csv, f);
	csv_bom(&csv);
	csv_text(&csv, "Betrag");
	csv_end_row(&csv);
	csv_money(&csv, 123456);
	csv_end_row(&csv);
	CHECK_INT(csv_status(&csv), STATUS_OK);
	CHECK_INT(fclose(f), 0);
	CHECK_STR(data, "\xef\xbb\xbf"
	                "Betrag\r\n1234,56\r\n");
	free(data);
}

struct rows_seen {
	int n;
	char last[32];
};

static bool see_row(void *ctx, char **cells)
{
	struct rows_seen *seen = ctx;

	seen->n++;
	snprintf(seen->last, sizeof(seen->last), "%s|%s", cells[0], cells[1]);
	return strcmp(cells[0], "refused") != 0;
}

/* An export read back: the BOM and the header row left out, each row's
 * cells (a quoted ';' kept), a row of other cells or one refused named by
 * its line. */
static void test_each_row(void)
{
	char good[] = "\xef\xbb\xbf" "A;B\r\nx;\"y;z\"\r\n1;2\r\n";
	char short_row[] = "A;B\nx;y\nlonely\n";
	char refused[] = "A;B\nrefused;1\n";
	struct rows_seen seen = {0};
	int line = 0;

	CHECK(csv_each_row(good, 2, see_row, &seen, &line) == STATUS_OK);
	CHECK(seen.n == 2 && strcmp(seen.last, "1|2") == 0);
	seen.n = 0;
	CHECK(csv_each_row(short_row, 2, see_row, &seen, &line) == STATUS_ERR_INVALID);
	CHECK(line == 3 && seen.n == 1);
	CHECK(csv_each_row(refused, 2, see_row, &seen, &line) == STATUS_ERR_INVALID);
	CHECK(line == 2);
}

int main(void)
{
	RUN(test_bom);
	RUN(test_separators);
	RUN(test_quoting);
	RUN(test_formula_safe);
	RUN(test_neutralised);
	RUN(test_long_text);
	RUN(test_money);
	RUN(test_dates);
	RUN(test_int_bool);
	RUN(test_offer_rows);
	RUN(test_offer_all_fields);
	RUN(test_unknown_name);
	RUN(test_field_types);
	RUN(test_write_error);
	RUN(test_file);
	RUN(test_each_row);
	return CHECK_EXIT();
}
