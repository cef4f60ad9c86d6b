/* The committee report as a PDF: A4 pages drawn with cairo, text laid out
 * by pango in DejaVu Sans (fonts-dejavu-core), so umlauts, "§" and "€"
 * render.
 *
 * The document is drawn twice by the same code: the first pass writes into
 * nothing and only counts the pages, so that the second can say "Seite N
 * von M" in every footer. Drawing is a flow down the page: whatever comes
 * next asks pdf_page_need() for its height first and starts a new page when it
 * does not fit, so no table row is cut; a table continued on a new page
 * repeats the area's title, the column heads and the section.
 *
 * The charts, after the tables, are report_chart.c's. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "model/date.h"
#include "report_pdf.h"

static const char *const font_names[] = {
        [FONT_BODY] = "DejaVu Sans 8.5",      [FONT_BOLD] = "DejaVu Sans Bold 8.5",
        [FONT_SMALL] = "DejaVu Sans 7",       [FONT_SMALL_BOLD] = "DejaVu Sans Bold 7",
        [FONT_TINY] = "DejaVu Sans 6",        [FONT_HEADING] = "DejaVu Sans Bold 12",
        [FONT_TITLE] = "DejaVu Sans Bold 16",
};

/* --- numbers --- */

bool pdf_is_city(const char *area)
{
	return strcmp(area, chart_names.city) == 0;
}

static bool is_money(const struct report_row *row)
{
	return strncmp(row->unit, "€", strlen("€")) == 0;
}

/* Money is in cents and hundredths are asked for: both have two decimals. */
static bool has_decimals(const struct report_row *row)
{
	return is_money(row) || row->hundredths;
}

/* Writes V German style: thousands dots and, with DECIMALS, V in
 * hundredths with two decimals after a comma. SIGN puts "+" before a
 * positive value and "±" before 0. */
static void format_german(int64_t v, bool decimals, bool sign, char *buf, size_t size)
{
	uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	char digits[24], grouped[40];
	const char *lead = v < 0 ? "-" : !sign ? "" : v > 0 ? "+" : "±";
	size_t n = 0;
	int len = snprintf(digits, sizeof digits, "%" PRIu64, decimals ? a / 100 : a);

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[n++] = '.';
		grouped[n++] = digits[i];
	}
	grouped[n] = '\0';
	if (decimals)
		snprintf(buf, size, "%s%s,%02u", lead, grouped, (unsigned)(a % 100));
	else
		snprintf(buf, size, "%s%s", lead, grouped);
}

/* A value as the table shows it: "1.234", "12,34", "1.234,56 €", "12,34 %". */
void pdf_format_value(const struct report_row *row, int64_t v, bool sign, char *buf, size_t size)
{
	char num[40];

	format_german(v, has_decimals(row), sign, num, sizeof num);
	snprintf(buf, size, "%s%s", num,
	         is_money(row)                 ? " €"
	         : strcmp(row->unit, "%") == 0 ? " %"
	                                       : "");
}

/* The change from the previous year, with its sign. */
static void format_change(const struct report_row *row, char *buf, size_t size)
{
	int64_t change;

	if (__builtin_sub_overflow(row->value, row->previous, &change))
		snprintf(buf, size, "–");
	else
		pdf_format_value(row, change, true, buf, size);
}

/* The Kennzahl with its unit where the value does not show it. */
void pdf_format_label(const struct report_row *row, char *buf, size_t size)
{
	static const char *const shown[] = {"", "Anzahl", "€", "%"};

	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		if (strcmp(row->unit, shown[i]) == 0) {
			snprintf(buf, size, "%s", row->figure);
			return;
		}
	snprintf(buf, size, "%s (%s)", row->figure, row->unit);
}

/* A value in the unit the reader knows (euros, not cents), for a chart. */
double pdf_chart_value(const struct report_row *row, int64_t v)
{
	return has_decimals(row) ? (double)v / 100 : (double)v;
}

/* A chart's amount V rounded: whole euros for money, else two decimals
 * when STEP is finer than 1. */
void pdf_format_amount(double v, bool money, double step, char *buf, size_t size)
{
	bool decimals = !money && step < 1;
	double scaled = decimals ? v * 100 : v;
	int64_t rounded = (int64_t)(scaled + (scaled < 0 ? -0.5 : 0.5));
	char num[40];

	format_german(rounded, decimals, false, num, sizeof num);
	snprintf(buf, size, "%s%s", num, money ? " €" : "");
}

/* A step of 1, 2 or 5 times a power of ten that cuts 0..MAX into about
 * five parts. */
double pdf_axis_step(double max)
{
	double raw = max / 5, mag = 1, norm;

	if (raw <= 0)
		return 1;
	while (mag * 10 <= raw)
		mag *= 10;
	while (mag > raw)
		mag /= 10;
	norm = raw / mag;
	return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

/* The axis' end: the first step at or above MAX. */
double pdf_axis_top(double max, double step)
{
	double top = step;

	while (top < max)
		top += step;
	return top;
}

/* --- text --- */

/* Lays TEXT out in FONT, wrapped to WIDTH (unwrapped when 0), and
 * returns its height; pdf_text_show() then draws it. */
double pdf_text_measure(struct pdf *pdf, enum font font, const char *text, double width,
                        PangoAlignment align)
{
	int height;

	pango_layout_set_font_description(pdf->layout, pdf->fonts[font]);
	pango_layout_set_width(pdf->layout, width > 0 ? pango_units_from_double(width) : -1);
	pango_layout_set_alignment(pdf->layout, align);
	pango_layout_set_text(pdf->layout, text, -1);
	pango_layout_get_size(pdf->layout, NULL, &height);
	return pango_units_to_double(height);
}

/* The width of the text measured last, as it is set. */
double pdf_text_width(struct pdf *pdf)
{
	int width;

	pango_layout_get_size(pdf->layout, &width, NULL);
	return pango_units_to_double(width);
}

void pdf_text_show(struct pdf *pdf, double x, double y)
{
	cairo_set_source_rgb(pdf->cr, 0, 0, 0);
	cairo_move_to(pdf->cr, x, y);
	pango_cairo_show_layout(pdf->cr, pdf->layout);
}

/* Draws TEXT with its top left at X, Y; returns its height. */
double pdf_text_draw(struct pdf *pdf, enum font font, const char *text, double x, double y,
                     double width, PangoAlignment align)
{
	double height = pdf_text_measure(pdf, font, text, width, align);

	pdf_text_show(pdf, x, y);
	return height;
}

/* Draws TEXT centred on the point X, Y. */
void pdf_text_centre(struct pdf *pdf, enum font font, const char *text, double x, double y,
                     double width)
{
	double height = pdf_text_measure(pdf, font, text, width, PANGO_ALIGN_CENTER);

	pdf_text_show(pdf, x - width / 2, y - height / 2);
}

/* Draws TEXT centred on X, Y on white, readable where a line crosses. */
void pdf_text_boxed(struct pdf *pdf, enum font font, const char *text, double x, double y)
{
	double height = pdf_text_measure(pdf, font, text, 0, PANGO_ALIGN_LEFT);
	double width = pdf_text_width(pdf);

	cairo_set_source_rgb(pdf->cr, 1, 1, 1);
	cairo_rectangle(pdf->cr, x - width / 2 - 2, y - height / 2, width + 4, height);
	cairo_fill(pdf->cr);
	pdf_text_show(pdf, x - width / 2, y - height / 2);
}

void pdf_rule_draw(cairo_t *cr, double x, double y, double width, double grey, double line)
{
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_set_line_width(cr, line);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + width, y);
	cairo_stroke(cr);
}

/* --- pages --- */

static void page_footer(struct pdf *pdf)
{
	char left[160], right[48];
	double y = PAGE_H - MARGIN + 6;

	pdf_rule_draw(pdf->cr, MARGIN, y, CONTENT_W, 0.5, 0.5);
	snprintf(left, sizeof left, "Bericht an den Jugendhilfeausschuss %s %d", pdf->r->city,
	         pdf->r->year);
	if (pdf->pages)
		snprintf(right, sizeof right, "Seite %d von %d", pdf->page, pdf->pages);
	else
		snprintf(right, sizeof right, "Seite %d", pdf->page);
	pdf_text_draw(pdf, FONT_SMALL, left, MARGIN, y + 4, CONTENT_W, PANGO_ALIGN_LEFT);
	pdf_text_draw(pdf, FONT_SMALL, right, MARGIN, y + 4, CONTENT_W, PANGO_ALIGN_RIGHT);
}

static void page_start(struct pdf *pdf)
{
	pdf->page++;
	pdf->y = MARGIN;
}

static void page_end(struct pdf *pdf)
{
	page_footer(pdf);
	cairo_show_page(pdf->cr);
}

/* Starts a new page unless HEIGHT more fits on this one; true if it did. */
bool pdf_page_need(struct pdf *pdf, double height)
{
	if (pdf->y + height <= FLOW_END)
		return false;
	page_end(pdf);
	page_start(pdf);
	return true;
}

/* Starts a new page unless this one is still empty. */
void pdf_page_fresh(struct pdf *pdf)
{
	if (pdf->y > MARGIN) {
		page_end(pdf);
		page_start(pdf);
	}
}

/* --- title and tables --- */

static void draw_note(struct pdf *pdf)
{
	char text[300];
	double height;

	snprintf(text, sizeof text, "Hinweis: %s", pdf->r->note);
	height = pdf_text_measure(pdf, FONT_BODY, text, CONTENT_W - 16, PANGO_ALIGN_LEFT);
	cairo_set_source_rgb(pdf->cr, 0.93, 0.93, 0.93);
	cairo_rectangle(pdf->cr, MARGIN, pdf->y, CONTENT_W, height + 12);
	cairo_fill(pdf->cr);
	pdf_text_show(pdf, MARGIN + 8, pdf->y + 6);
	pdf->y += height + 12;
}

static void draw_title(struct pdf *pdf)
{
	const struct report *r = pdf->r;
	char text[200];

	snprintf(text, sizeof text, "Bericht an den Jugendhilfeausschuss\n%s %d", r->city, r->year);
	pdf->y +=
	        pdf_text_draw(pdf, FONT_TITLE, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT) +
	        6;
	snprintf(text, sizeof text, "Kennzahlen %d im Vergleich zum Vorjahr %d", r->year,
	         r->year - 1);
	pdf->y += pdf_text_draw(pdf, FONT_BODY, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT) +
	          2;
	snprintf(text, sizeof text, "Erstellt am %s", pdf->created);
	pdf->y += pdf_text_draw(pdf, FONT_BODY, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT) +
	          10;
	if (r->note[0]) {
		draw_note(pdf);
		pdf->y += 10;
	}
	pdf_rule_draw(pdf->cr, MARGIN, pdf->y, CONTENT_W, 0, 1);
	pdf->y += 18;
}

/* One line of the table: the Kennzahl wrapped, the values right-aligned. */
static void table_cells(struct pdf *pdf, enum font font, const char *const cells[4])
{
	pdf_text_draw(pdf, font, cells[0], MARGIN + 4, pdf->y + ROW_PAD, LABEL_W - 8,
	              PANGO_ALIGN_LEFT);
	for (int i = 1; i < 4; i++)
		pdf_text_draw(pdf, font, cells[i], MARGIN + LABEL_W + (i - 1) * NUM_W,
		              pdf->y + ROW_PAD, NUM_W - 4, PANGO_ALIGN_RIGHT);
}

static void table_head(struct pdf *pdf)
{
	char year[16], previous[16];
	const char *const cells[4] = {"Kennzahl", year, previous, "Veränderung"};
	double height = pdf_text_measure(pdf, FONT_BOLD, "Kennzahl", 0, PANGO_ALIGN_LEFT);

	snprintf(year, sizeof year, "%d", pdf->r->year);
	snprintf(previous, sizeof previous, "%d", pdf->r->year - 1);
	table_cells(pdf, FONT_BOLD, cells);
	pdf->y += height + 2 * ROW_PAD;
	pdf_rule_draw(pdf->cr, MARGIN, pdf->y, CONTENT_W, 0, 0.8);
	pdf->y += 2;
}

static double row_height(struct pdf *pdf, const char *label)
{
	return pdf_text_measure(pdf, FONT_BODY, label, LABEL_W - 8, PANGO_ALIGN_LEFT) + 2 * ROW_PAD;
}

static void table_row(struct pdf *pdf, const struct report_row *row, const char *label,
                      double height, bool shaded)
{
	char value[64], previous[64], change[64];
	const char *const cells[4] = {label, value, previous, change};

	if (shaded) {
		cairo_set_source_rgb(pdf->cr, 0.94, 0.94, 0.94);
		cairo_rectangle(pdf->cr, MARGIN, pdf->y, CONTENT_W, height);
		cairo_fill(pdf->cr);
	}
	pdf_format_value(row, row->value, false, value, sizeof value);
	pdf_format_value(row, row->previous, false, previous, sizeof previous);
	format_change(row, change, sizeof change);
	table_cells(pdf, FONT_BODY, cells);
	pdf->y += height;
}

static double section_height(struct pdf *pdf)
{
	return pdf_text_measure(pdf, FONT_BOLD, "Fälle", 0, PANGO_ALIGN_LEFT) + 10;
}

static void section_heading(struct pdf *pdf, const char *section, bool continued)
{
	char text[96];

	snprintf(text, sizeof text, "%s%s", section, continued ? " (Fortsetzung)" : "");
	pdf->y += 6;
	pdf->y += pdf_text_draw(pdf, FONT_BOLD, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
	pdf_rule_draw(pdf->cr, MARGIN, pdf->y + 1, CONTENT_W, 0.6, 0.5);
	pdf->y += 4;
}

/* The top of a page an area's table goes on to. */
static void table_continue(struct pdf *pdf)
{
	char text[160];

	snprintf(text, sizeof text, "%s (Fortsetzung)", pdf->area_title);
	pdf->y += pdf_text_draw(pdf, FONT_BOLD, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
	pdf->y += 6;
	table_head(pdf);
}

/* The rows of AREA in the section of row FIRST, the section's first. */
static void draw_section(struct pdf *pdf, const char *area, size_t first)
{
	const struct report *r = pdf->r;
	const char *section = r->rows[first].section;
	char label[200];
	size_t shown = 0;

	for (size_t i = first; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		double height;

		if (strcmp(row->section, section) != 0 || strcmp(row->area, area) != 0)
			continue;
		pdf_format_label(row, label, sizeof label);
		height = row_height(pdf, label);
		if (shown == 0) {
			if (pdf_page_need(pdf, section_height(pdf) + height))
				table_continue(pdf);
			section_heading(pdf, section, false);
		} else if (pdf_page_need(pdf, height)) {
			table_continue(pdf);
			section_heading(pdf, section, true);
		}
		table_row(pdf, row, label, height, shown++ % 2);
	}
}

/* Whether row I is the first of its section: sections are shown in the
 * order the rows bring them. */
static bool section_starts(const struct report *r, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(r->rows[j].section, r->rows[i].section) == 0)
			return false;
	return true;
}

static bool area_has_rows(const struct report *r, const char *area)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].area, area) == 0)
			return true;
	return false;
}

/* An area's table; every area but the first starts a page. */
static void draw_area(struct pdf *pdf, const char *area, bool first)
{
	const struct report *r = pdf->r;

	if (pdf_is_city(area))
		snprintf(pdf->area_title, sizeof pdf->area_title, "Gesamtstadt %s", r->city);
	else
		snprintf(pdf->area_title, sizeof pdf->area_title, "Sozialraum %s", area);
	if (!first)
		pdf_page_fresh(pdf);
	pdf_page_need(pdf, 120); /* a title with a few rows, not alone at the foot */
	pdf->y += pdf_text_draw(pdf, FONT_HEADING, pdf->area_title, MARGIN, pdf->y, CONTENT_W,
	                        PANGO_ALIGN_LEFT);
	pdf->y += 8;
	if (!area_has_rows(r, area)) {
		pdf->y += pdf_text_draw(pdf, FONT_BODY,
		                        "Für dieses Gebiet liegen keine Kennzahlen vor.", MARGIN,
		                        pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
		return;
	}
	table_head(pdf);
	for (size_t i = 0; i < r->n; i++)
		if (section_starts(r, i))
			draw_section(pdf, area, i);
}

/* --- passes --- */

static void pdf_open(struct pdf *pdf, cairo_surface_t *surface)
{
	PangoContext *context;

	pdf->cr = cairo_create(surface);
	/* Sizes in points: pango assumes a screen's 96 dpi unless told. */
	context = pango_cairo_create_context(pdf->cr);
	pango_cairo_context_set_resolution(context, 72);
	pdf->layout = pango_layout_new(context);
	g_object_unref(context);
	pango_layout_set_wrap(pdf->layout, PANGO_WRAP_WORD_CHAR);
	for (size_t i = 0; i < NFONTS; i++)
		pdf->fonts[i] = pango_font_description_from_string(font_names[i]);
}

/* Frees what pdf_open made; returns the drawing's status. */
static cairo_status_t pdf_close(struct pdf *pdf)
{
	cairo_status_t status = cairo_status(pdf->cr);

	for (size_t i = 0; i < NFONTS; i++)
		pango_font_description_free(pdf->fonts[i]);
	g_object_unref(pdf->layout);
	cairo_destroy(pdf->cr);
	return status;
}

/* Draws R on SURFACE, PAGES pages long (0 when not yet known); *DRAWN
 * is how many it took. */
static cairo_status_t render(const struct report *r, cairo_surface_t *surface, const char *created,
                             int pages, int *drawn)
{
	struct pdf pdf = {.r = r, .created = created, .pages = pages};

	pdf_open(&pdf, surface);
	page_start(&pdf);
	draw_title(&pdf);
	for (size_t i = 0; i < r->nareas; i++)
		draw_area(&pdf, r->areas[i], i == 0);
	pdf_draw_charts(&pdf);
	page_end(&pdf);
	*drawn = pdf.page;
	return pdf_close(&pdf);
}

/* Where a pass writes: a file, or nothing while the pages are counted. */
struct sink {
	FILE *file;
	int error; /* errno of a failed write */
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *sink = closure;

	if (sink->file && fwrite(data, 1, length, sink->file) != length) {
		sink->error = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t render_pass(const struct report *r, struct sink *sink, const char *created,
                                  int pages, int *drawn)
{
	cairo_surface_t *surface =
	        cairo_pdf_surface_create_for_stream(sink_write, sink, PAGE_W, PAGE_H);
	cairo_status_t status = cairo_surface_status(surface);
	char title[160];

	if (status == CAIRO_STATUS_SUCCESS) {
		snprintf(title, sizeof title, "Bericht an den Jugendhilfeausschuss %s %d", r->city,
		         r->year);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
		                               "sozialraum-admin");
		status = render(r, surface, created, pages, drawn);
		cairo_surface_finish(surface);
		if (status == CAIRO_STATUS_SUCCESS)
			status = cairo_surface_status(surface);
	}
	cairo_surface_destroy(surface);
	return status;
}

/* Fontconfig keeps the fonts it found until FcFini, and the asan build's
 * LeakSanitizer counts them as lost: at exit, pango's and cairo's font
 * caches go back, then fontconfig's. Only in that build: cairo's reset is
 * a debugging aid that aborts while any font of its caches is still held,
 * and a font map pango finishes in a thread of its own may still hold
 * one (sozialraum-admin died so at exit, once, after a refused write). */
static void fonts_release(void)
{
#ifdef __SANITIZE_ADDRESS__
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
#endif
}

/* The second pass, into PATH. A regular file not written whole is
 * removed: no half a report is left behind. */
static int report_write(const struct report *r, const char *path, const char *created, int pages,
                        char *msg, size_t size)
{
	struct sink sink = {0};
	struct stat st;
	bool regular;
	int drawn;
	cairo_status_t status;

	if (!(sink.file = fopen(path, "wb"))) {
		snprintf(msg, size, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	regular = fstat(fileno(sink.file), &st) == 0 && S_ISREG(st.st_mode);
	status = render_pass(r, &sink, created, pages, &drawn);
	if (fclose(sink.file) != 0 && !sink.error)
		sink.error = errno;
	if (status == CAIRO_STATUS_SUCCESS && !sink.error)
		return 0;
	if (regular)
		remove(path);
	snprintf(msg, size, "cannot write %s: %s", path,
	         sink.error ? strerror(sink.error) : cairo_status_to_string(status));
	return -1;
}

int report_pdf(const struct report *r, const char *path, char *msg, size_t size)
{
	static bool release_at_exit;
	struct sink nothing = {0};
	char created[16];
	int pages;
	cairo_status_t status;

	if (!release_at_exit)
		release_at_exit = atexit(fonts_release) == 0;
	date_format(date_today(), created, sizeof created);
	/* The first pass counts the pages the footers name. */
	status = render_pass(r, &nothing, created, 0, &pages);
	if (status != CAIRO_STATUS_SUCCESS) {
		snprintf(msg, size, "cannot draw the report: %s", cairo_status_to_string(status));
		return -1;
	}
	return report_write(r, path, created, pages, msg, size);
}
