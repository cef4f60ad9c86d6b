/* The committee report as a PDF: A4 pages drawn with cairo, text laid out
 * by pango in DejaVu Sans (fonts-dejavu-core), so umlauts, "§" and "€"
 * render.
 *
 * The document is drawn twice by the same code: the first pass writes into
 * nothing and only counts the pages, so that the second can say "Seite N
 * von M" in every footer. Drawing is a flow down the page: whatever comes
 * next asks page_need() for its height first and starts a new page when it
 * does not fit, so no table row is cut; a table continued on a new page
 * repeats the area's title, the column heads and the section.
 *
 * The charts find their rows by figure name through chart_names, the one
 * place to change when the server's names change; a chart whose rows are
 * missing is left out. They are drawn in greys, hatching and labels, so a
 * black-and-white print reads as well as the screen. */
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
#include "report.h"

/* A4 portrait in points, and the frame the flow fills. */
#define PAGE_W    595.28
#define PAGE_H    841.89
#define MARGIN    56.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define FLOW_END  (PAGE_H - MARGIN - 8) /* the footer is below */

/* The table: the Kennzahl, then three value columns wide enough for
 * "-12.345.678,90 €". */
#define NUM_W   86.0
#define LABEL_W (CONTENT_W - 3 * NUM_W)
#define ROW_PAD 2.5

/* The charts' parts. */
#define PLOT_H      150.0 /* the value axis of a column chart */
#define AXIS_H      16.0  /* tick labels under a plot */
#define LEGEND_H    16.0
#define BAR_H       7.5 /* a bar of the budget chart */
#define BUDGET_ROW  (2 * BAR_H + 5)
#define BUDGET_HEAD 13.0 /* a district's name above its lines */
#define BUDGET_L_W  100.0
#define BUDGET_V_W  58.0
#define MAX_LINES   8
#define CHART_HEAD  20.0 /* a chart's title */
#define ECKWERT_H   (12 + PLOT_H + AXIS_H + LEGEND_H)
#define TREND_H     (8 + PLOT_H + 36 + LEGEND_H)
#define MAX_AREAS   (sizeof((struct report *)0)->areas / sizeof((struct report *)0)->areas[0])

/* The rows the charts draw, by the names the server gives them. */
static const struct {
	const char *city;          /* the area of the whole city */
	const char *money_section; /* where the budget's rows are */
	const char *planned;       /* "Plan: <budget line>" */
	const char *spent;         /* "Ausgegeben: <budget line>" */
	const char *eckwert;
	const char *trend[3]; /* the city's figures, the year beside the last */
} chart_names = {
        .city = "Stadt",
        .money_section = "Geld",
        .planned = "Plan:",
        .spent = "Ausgegeben:",
        .eckwert = "Eckwert",
        .trend = {"Eckwert", "Hilfen am 31.12.", "Ausgaben je Einwohner unter 21"},
};

enum font {
	FONT_BODY,
	FONT_BOLD,
	FONT_SMALL,
	FONT_SMALL_BOLD,
	FONT_TINY,
	FONT_HEADING,
	FONT_TITLE
};

static const char *const font_names[] = {
        [FONT_BODY] = "DejaVu Sans 8.5",      [FONT_BOLD] = "DejaVu Sans Bold 8.5",
        [FONT_SMALL] = "DejaVu Sans 7",       [FONT_SMALL_BOLD] = "DejaVu Sans Bold 7",
        [FONT_TINY] = "DejaVu Sans 6",        [FONT_HEADING] = "DejaVu Sans Bold 12",
        [FONT_TITLE] = "DejaVu Sans Bold 16",
};
#define NFONTS (sizeof font_names / sizeof font_names[0])

/* One pass over the document. */
struct pdf {
	const struct report *r;
	cairo_t *cr;
	PangoLayout *layout;
	PangoFontDescription *fonts[NFONTS];
	const char *created; /* the date on the title */
	int page;            /* the page being drawn, from 1 */
	int pages;           /* all pages, from the first pass; 0 in it */
	double y;            /* where the flow goes on */
	char area_title[128];
};

/* Bars are told apart by their fill, not by colour. */
enum fill { FILL_LIGHT, FILL_DARK, FILL_HATCH };

struct legend_entry {
	enum fill fill;
	bool dashed; /* a reference line, not a bar */
	const char *label;
};

/* --- numbers --- */

static bool is_city(const char *area)
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
static void format_value(const struct report_row *row, int64_t v, bool sign, char *buf, size_t size)
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
		format_value(row, change, true, buf, size);
}

/* The Kennzahl with its unit where the value does not show it. */
static void format_label(const struct report_row *row, char *buf, size_t size)
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
static double chart_value(const struct report_row *row, int64_t v)
{
	return has_decimals(row) ? (double)v / 100 : (double)v;
}

/* A chart's amount V rounded: whole euros for money, else two decimals
 * when STEP is finer than 1. */
static void format_amount(double v, bool money, double step, char *buf, size_t size)
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
static double axis_step(double max)
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
static double axis_top(double max, double step)
{
	double top = step;

	while (top < max)
		top += step;
	return top;
}

/* --- text --- */

/* Lays TEXT out in FONT, wrapped to WIDTH (unwrapped when 0), and
 * returns its height; text_show() then draws it. */
static double text_measure(struct pdf *pdf, enum font font, const char *text, double width,
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
static double text_width(struct pdf *pdf)
{
	int width;

	pango_layout_get_size(pdf->layout, &width, NULL);
	return pango_units_to_double(width);
}

static void text_show(struct pdf *pdf, double x, double y)
{
	cairo_set_source_rgb(pdf->cr, 0, 0, 0);
	cairo_move_to(pdf->cr, x, y);
	pango_cairo_show_layout(pdf->cr, pdf->layout);
}

/* Draws TEXT with its top left at X, Y; returns its height. */
static double text_draw(struct pdf *pdf, enum font font, const char *text, double x, double y,
                        double width, PangoAlignment align)
{
	double height = text_measure(pdf, font, text, width, align);

	text_show(pdf, x, y);
	return height;
}

/* Draws TEXT centred on the point X, Y. */
static void text_centre(struct pdf *pdf, enum font font, const char *text, double x, double y,
                        double width)
{
	double height = text_measure(pdf, font, text, width, PANGO_ALIGN_CENTER);

	text_show(pdf, x - width / 2, y - height / 2);
}

/* Draws TEXT centred on X, Y on white, readable where a line crosses. */
static void text_boxed(struct pdf *pdf, enum font font, const char *text, double x, double y)
{
	double height = text_measure(pdf, font, text, 0, PANGO_ALIGN_LEFT);
	double width = text_width(pdf);

	cairo_set_source_rgb(pdf->cr, 1, 1, 1);
	cairo_rectangle(pdf->cr, x - width / 2 - 2, y - height / 2, width + 4, height);
	cairo_fill(pdf->cr);
	text_show(pdf, x - width / 2, y - height / 2);
}

static void rule_draw(cairo_t *cr, double x, double y, double width, double grey, double line)
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

	rule_draw(pdf->cr, MARGIN, y, CONTENT_W, 0.5, 0.5);
	snprintf(left, sizeof left, "Bericht an den Jugendhilfeausschuss %s %d", pdf->r->city,
	         pdf->r->year);
	if (pdf->pages)
		snprintf(right, sizeof right, "Seite %d von %d", pdf->page, pdf->pages);
	else
		snprintf(right, sizeof right, "Seite %d", pdf->page);
	text_draw(pdf, FONT_SMALL, left, MARGIN, y + 4, CONTENT_W, PANGO_ALIGN_LEFT);
	text_draw(pdf, FONT_SMALL, right, MARGIN, y + 4, CONTENT_W, PANGO_ALIGN_RIGHT);
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
static bool page_need(struct pdf *pdf, double height)
{
	if (pdf->y + height <= FLOW_END)
		return false;
	page_end(pdf);
	page_start(pdf);
	return true;
}

/* Starts a new page unless this one is still empty. */
static void page_fresh(struct pdf *pdf)
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
	height = text_measure(pdf, FONT_BODY, text, CONTENT_W - 16, PANGO_ALIGN_LEFT);
	cairo_set_source_rgb(pdf->cr, 0.93, 0.93, 0.93);
	cairo_rectangle(pdf->cr, MARGIN, pdf->y, CONTENT_W, height + 12);
	cairo_fill(pdf->cr);
	text_show(pdf, MARGIN + 8, pdf->y + 6);
	pdf->y += height + 12;
}

static void draw_title(struct pdf *pdf)
{
	const struct report *r = pdf->r;
	char text[200];

	snprintf(text, sizeof text, "Bericht an den Jugendhilfeausschuss\n%s %d", r->city, r->year);
	pdf->y += text_draw(pdf, FONT_TITLE, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT) + 6;
	snprintf(text, sizeof text, "Kennzahlen %d im Vergleich zum Vorjahr %d", r->year,
	         r->year - 1);
	pdf->y += text_draw(pdf, FONT_BODY, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT) + 2;
	snprintf(text, sizeof text, "Erstellt am %s", pdf->created);
	pdf->y += text_draw(pdf, FONT_BODY, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT) + 10;
	if (r->note[0]) {
		draw_note(pdf);
		pdf->y += 10;
	}
	rule_draw(pdf->cr, MARGIN, pdf->y, CONTENT_W, 0, 1);
	pdf->y += 18;
}

/* One line of the table: the Kennzahl wrapped, the values right-aligned. */
static void table_cells(struct pdf *pdf, enum font font, const char *const cells[4])
{
	text_draw(pdf, font, cells[0], MARGIN + 4, pdf->y + ROW_PAD, LABEL_W - 8, PANGO_ALIGN_LEFT);
	for (int i = 1; i < 4; i++)
		text_draw(pdf, font, cells[i], MARGIN + LABEL_W + (i - 1) * NUM_W, pdf->y + ROW_PAD,
		          NUM_W - 4, PANGO_ALIGN_RIGHT);
}

static void table_head(struct pdf *pdf)
{
	char year[16], previous[16];
	const char *const cells[4] = {"Kennzahl", year, previous, "Veränderung"};
	double height = text_measure(pdf, FONT_BOLD, "Kennzahl", 0, PANGO_ALIGN_LEFT);

	snprintf(year, sizeof year, "%d", pdf->r->year);
	snprintf(previous, sizeof previous, "%d", pdf->r->year - 1);
	table_cells(pdf, FONT_BOLD, cells);
	pdf->y += height + 2 * ROW_PAD;
	rule_draw(pdf->cr, MARGIN, pdf->y, CONTENT_W, 0, 0.8);
	pdf->y += 2;
}

static double row_height(struct pdf *pdf, const char *label)
{
	return text_measure(pdf, FONT_BODY, label, LABEL_W - 8, PANGO_ALIGN_LEFT) + 2 * ROW_PAD;
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
	format_value(row, row->value, false, value, sizeof value);
	format_value(row, row->previous, false, previous, sizeof previous);
	format_change(row, change, sizeof change);
	table_cells(pdf, FONT_BODY, cells);
	pdf->y += height;
}

static double section_height(struct pdf *pdf)
{
	return text_measure(pdf, FONT_BOLD, "Fälle", 0, PANGO_ALIGN_LEFT) + 10;
}

static void section_heading(struct pdf *pdf, const char *section, bool continued)
{
	char text[96];

	snprintf(text, sizeof text, "%s%s", section, continued ? " (Fortsetzung)" : "");
	pdf->y += 6;
	pdf->y += text_draw(pdf, FONT_BOLD, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
	rule_draw(pdf->cr, MARGIN, pdf->y + 1, CONTENT_W, 0.6, 0.5);
	pdf->y += 4;
}

/* The top of a page an area's table goes on to. */
static void table_continue(struct pdf *pdf)
{
	char text[160];

	snprintf(text, sizeof text, "%s (Fortsetzung)", pdf->area_title);
	pdf->y += text_draw(pdf, FONT_BOLD, text, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
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
		format_label(row, label, sizeof label);
		height = row_height(pdf, label);
		if (shown == 0) {
			if (page_need(pdf, section_height(pdf) + height))
				table_continue(pdf);
			section_heading(pdf, section, false);
		} else if (page_need(pdf, height)) {
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

	if (is_city(area))
		snprintf(pdf->area_title, sizeof pdf->area_title, "Gesamtstadt %s", r->city);
	else
		snprintf(pdf->area_title, sizeof pdf->area_title, "Sozialraum %s", area);
	if (!first)
		page_fresh(pdf);
	page_need(pdf, 120); /* a title with a few rows, not alone at the foot */
	pdf->y += text_draw(pdf, FONT_HEADING, pdf->area_title, MARGIN, pdf->y, CONTENT_W,
	                    PANGO_ALIGN_LEFT);
	pdf->y += 8;
	if (!area_has_rows(r, area)) {
		pdf->y +=
		        text_draw(pdf, FONT_BODY, "Für dieses Gebiet liegen keine Kennzahlen vor.",
		                  MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
		return;
	}
	table_head(pdf);
	for (size_t i = 0; i < r->n; i++)
		if (section_starts(r, i))
			draw_section(pdf, area, i);
}

/* --- chart parts --- */

static const struct report_row *find_row(const struct report *r, const char *area,
                                         const char *figure)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].area, area) == 0 && strcmp(r->rows[i].figure, figure) == 0)
			return &r->rows[i];
	return NULL;
}

/* Diagonal lines across the box, inside it. */
static void hatch_draw(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_set_line_width(cr, 0.5);
	for (double d = -h; d < w; d += 3) {
		cairo_move_to(cr, x + d, y + h);
		cairo_line_to(cr, x + d + h, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void bar_draw(cairo_t *cr, double x, double y, double w, double h, enum fill fill)
{
	double grey = fill == FILL_DARK ? 0.3 : fill == FILL_LIGHT ? 0.78 : 1;

	if (w <= 0 || h <= 0)
		return;
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
	if (fill == FILL_HATCH)
		hatch_draw(cr, x, y, w, h);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.6);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}

static void dashed_line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	static const double dash[] = {4, 2.5};

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.2);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The legend in one line from the left margin, Y its top. */
static void legend_draw(struct pdf *pdf, double y, const struct legend_entry *e, size_t n)
{
	double x = MARGIN;

	for (size_t i = 0; i < n; i++) {
		if (e[i].dashed)
			dashed_line(pdf->cr, x, y + 5, x + 14, y + 5);
		else
			bar_draw(pdf->cr, x, y + 1, 14, 8, e[i].fill);
		text_measure(pdf, FONT_SMALL, e[i].label, 0, PANGO_ALIGN_LEFT);
		text_show(pdf, x + 18, y);
		x += 18 + text_width(pdf) + 16;
	}
}

/* Grid lines across a plot whose values run up from BOTTOM, every STEP up
 * to TOP, labelled on the left. */
static void value_grid(struct pdf *pdf, double x, double bottom, double w, double top, double step,
                       bool money)
{
	char label[64];

	for (double v = 0; v <= top + step / 2; v += step) {
		double y = bottom - PLOT_H * v / top;

		rule_draw(pdf->cr, x, y, w, v == 0 ? 0 : 0.8, v == 0 ? 0.8 : 0.4);
		format_amount(v, money, step, label, sizeof label);
		text_show(pdf, x - 44,
		          y - text_measure(pdf, FONT_TINY, label, 40, PANGO_ALIGN_RIGHT) / 2);
	}
}

/* Makes room for a chart HEIGHT high under TITLE, on a new page unless it
 * fits on this one; returns the top of its drawing. */
static double chart_start(struct pdf *pdf, const char *title, double height)
{
	double top;

	page_need(pdf, CHART_HEAD + height);
	text_draw(pdf, FONT_BOLD, title, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
	top = pdf->y + CHART_HEAD;
	pdf->y = top + height + 24;
	return top;
}

/* --- chart: the budget by district and line --- */

/* The budget line a row of the money section names after PREFIX ("Plan:
 * fallspezifisch" gives "fallspezifisch"), or NULL. */
static const char *budget_line(const struct report_row *row, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *line = row->figure + n;

	if (strcmp(row->section, chart_names.money_section) != 0 ||
	    strncmp(row->figure, prefix, n) != 0 || is_city(row->area))
		return NULL;
	while (*line == ' ')
		line++;
	return *line ? line : NULL;
}

static const struct report_row *budget_row(const struct report *r, const char *area,
                                           const char *prefix, const char *line)
{
	for (size_t i = 0; i < r->n; i++) {
		const char *l = budget_line(&r->rows[i], prefix);

		if (l && strcmp(l, line) == 0 && strcmp(r->rows[i].area, area) == 0)
			return &r->rows[i];
	}
	return NULL;
}

/* What the budget chart shows: the lines in the order the rows bring them,
 * the districts that have any, and the largest amount. */
struct budget {
	const char *lines[MAX_LINES];
	const char *districts[MAX_AREAS];
	size_t nlines, ndistricts;
	double max;
};

static void budget_add(struct budget *b, const struct report_row *row, const char *line)
{
	size_t i = 0;

	while (i < b->nlines && strcmp(b->lines[i], line) != 0)
		i++;
	if (i == b->nlines && b->nlines < MAX_LINES)
		b->lines[b->nlines++] = line;
	if (chart_value(row, row->value) > b->max)
		b->max = chart_value(row, row->value);
}

static bool district_has_budget(const struct report *r, const char *area)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].area, area) == 0 &&
		    (budget_line(&r->rows[i], chart_names.planned) ||
		     budget_line(&r->rows[i], chart_names.spent)))
			return true;
	return false;
}

static void budget_collect(const struct report *r, struct budget *b)
{
	memset(b, 0, sizeof *b);
	for (size_t i = 0; i < r->n; i++) {
		const char *line = budget_line(&r->rows[i], chart_names.planned);

		if (!line)
			line = budget_line(&r->rows[i], chart_names.spent);
		if (line)
			budget_add(b, &r->rows[i], line);
	}
	for (size_t i = 0; i < r->nareas; i++)
		if (!is_city(r->areas[i]) && district_has_budget(r, r->areas[i]))
			b->districts[b->ndistricts++] = r->areas[i];
}

static bool budget_has_rows(const struct report *r)
{
	struct budget b;

	budget_collect(r, &b);
	return b.nlines && b.ndistricts;
}

/* A bar's length, 0 for a missing row or an amount below 0. */
static double budget_length(const struct report_row *row, double scale)
{
	double w = row ? chart_value(row, row->value) * scale : 0;

	return w > 0 ? w : 0;
}

/* A line's amount beside the longer of its two bars. */
static void budget_amount(struct pdf *pdf, const struct report_row *row, double x, double y)
{
	char label[64];

	if (!row)
		return;
	format_amount(chart_value(row, row->value), true, 1, label, sizeof label);
	text_draw(pdf, FONT_TINY, label, x, y - 0.5, 0, PANGO_ALIGN_LEFT);
}

/* A budget line of a district: planned above spent, from the axis at X0. */
static void budget_pair(struct pdf *pdf, const char *area, const char *line, double x0, double y,
                        double scale)
{
	const struct report_row *planned = budget_row(pdf->r, area, chart_names.planned, line);
	const struct report_row *spent = budget_row(pdf->r, area, chart_names.spent, line);
	double wp = budget_length(planned, scale), ws = budget_length(spent, scale);
	double x = x0 + (wp > ws ? wp : ws) + 3;
	double h = text_measure(pdf, FONT_SMALL, line, BUDGET_L_W - 12, PANGO_ALIGN_RIGHT);

	text_show(pdf, MARGIN + 4, y + BAR_H - h / 2);
	if (planned)
		bar_draw(pdf->cr, x0, y, wp, BAR_H, FILL_HATCH);
	if (spent)
		bar_draw(pdf->cr, x0, y + BAR_H, ws, BAR_H, FILL_DARK);
	budget_amount(pdf, planned, x, y);
	budget_amount(pdf, spent, x, y + BAR_H);
}

/* A district's name and its lines; returns the height. */
static double budget_district(struct pdf *pdf, const struct budget *b, const char *area, double y,
                              double x0, double scale)
{
	text_draw(pdf, FONT_SMALL_BOLD, area, MARGIN, y, BUDGET_L_W, PANGO_ALIGN_LEFT);
	for (size_t i = 0; i < b->nlines; i++)
		budget_pair(pdf, area, b->lines[i], x0, y + BUDGET_HEAD + i * BUDGET_ROW, scale);
	return BUDGET_HEAD + b->nlines * BUDGET_ROW + 4;
}

/* Vertical grid lines every STEP up to TOP, with amounts under them. */
static void budget_grid(struct pdf *pdf, double x0, double w, double y0, double y1, double top,
                        double step)
{
	char label[64];

	for (double v = 0; v <= top + step / 2; v += step) {
		double x = x0 + w * v / top;

		cairo_set_source_rgb(pdf->cr, v == 0 ? 0 : 0.8, v == 0 ? 0 : 0.8, v == 0 ? 0 : 0.8);
		cairo_set_line_width(pdf->cr, v == 0 ? 0.8 : 0.4);
		cairo_move_to(pdf->cr, x, y0);
		cairo_line_to(pdf->cr, x, y1);
		cairo_stroke(pdf->cr);
		format_amount(v, true, step, label, sizeof label);
		text_draw(pdf, FONT_TINY, label, x - 30, y1 + 3, 60, PANGO_ALIGN_CENTER);
	}
}

/* N districts from FIRST under one axis, the legend below, TOP down. */
static void budget_band(struct pdf *pdf, const struct budget *b, size_t first, size_t n, double top)
{
	double x0 = MARGIN + BUDGET_L_W, w = CONTENT_W - BUDGET_L_W - BUDGET_V_W, y = top;
	double step = axis_step(b->max), axis = axis_top(b->max, step);
	double bottom = top + n * (BUDGET_HEAD + b->nlines * BUDGET_ROW + 4);
	const struct legend_entry legend[] = {
	        {.fill = FILL_HATCH, .label = "Plan"},
	        {.fill = FILL_DARK, .label = "Ausgegeben"},
	};

	budget_grid(pdf, x0, w, top, bottom, axis, step);
	for (size_t i = first; i < first + n; i++)
		y += budget_district(pdf, b, b->districts[i], y, x0, w / axis);
	legend_draw(pdf, bottom + AXIS_H, legend, 2);
}

/* In bands of as many districts as a page holds, all on one scale. */
static void budget_draw(struct pdf *pdf, const char *title)
{
	struct budget b;
	double group, room = FLOW_END - MARGIN - CHART_HEAD - AXIS_H - LEGEND_H;
	size_t band;
	char text[160];

	budget_collect(pdf->r, &b);
	group = BUDGET_HEAD + b.nlines * BUDGET_ROW + 4;
	band = room / group >= 1 ? (size_t)(room / group) : 1;
	for (size_t first = 0; first < b.ndistricts; first += band) {
		size_t n = b.ndistricts - first < band ? b.ndistricts - first : band;

		snprintf(text, sizeof text, "%s%s", title, first ? " (Fortsetzung)" : "");
		budget_band(pdf, &b, first, n,
		            chart_start(pdf, text, n * group + AXIS_H + LEGEND_H));
	}
}

/* --- chart: the Eckwert by district --- */

static size_t eckwert_districts(const struct report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nareas; i++)
		n += !is_city(r->areas[i]) && find_row(r, r->areas[i], chart_names.eckwert);
	return n;
}

static bool eckwert_has_rows(const struct report *r)
{
	return eckwert_districts(r) > 0;
}

/* The largest Eckwert of the districts and the city, and its unit. */
static double eckwert_max(const struct report *r, const char **unit)
{
	double max = 0;

	for (size_t i = 0; i < r->nareas; i++) {
		const struct report_row *row = find_row(r, r->areas[i], chart_names.eckwert);

		if (!row)
			continue;
		*unit = row->unit;
		if (chart_value(row, row->value) > max)
			max = chart_value(row, row->value);
	}
	return max;
}

/* The city's value as a dashed line across the plot, named at its end. */
static void eckwert_city(struct pdf *pdf, double x0, double w, double bottom, double axis)
{
	const struct report_row *row = find_row(pdf->r, chart_names.city, chart_names.eckwert);
	char value[64], label[96];
	double y;

	if (!row)
		return;
	y = bottom - PLOT_H * chart_value(row, row->value) / axis;
	dashed_line(pdf->cr, x0, y, x0 + w, y);
	format_value(row, row->value, false, value, sizeof value);
	snprintf(label, sizeof label, "Stadt: %s", value);
	text_show(pdf, x0 + w + 4,
	          y - text_measure(pdf, FONT_SMALL_BOLD, label, 0, PANGO_ALIGN_LEFT) / 2);
}

/* The districts' bars with their names below, or (VALUES) their values
 * above them, drawn after the city's line so that it does not cross them. */
static void eckwert_bars(struct pdf *pdf, double x, double w, double bottom, double axis,
                         bool values)
{
	const struct report *r = pdf->r;
	double slot = w / eckwert_districts(r), bw = slot * 0.55 < 48 ? slot * 0.55 : 48;
	char value[64];

	for (size_t i = 0; i < r->nareas; i++) {
		const struct report_row *row = find_row(r, r->areas[i], chart_names.eckwert);
		double h;

		if (is_city(r->areas[i]) || !row)
			continue;
		h = row->value > 0 ? PLOT_H * chart_value(row, row->value) / axis : 0;
		if (values) {
			format_value(row, row->value, false, value, sizeof value);
			text_boxed(pdf, FONT_SMALL, value, x + slot / 2, bottom - h - 7);
		} else {
			bar_draw(pdf->cr, x + (slot - bw) / 2, bottom - h, bw, h, FILL_LIGHT);
			text_centre(pdf, FONT_SMALL_BOLD, r->areas[i], x + slot / 2, bottom + 8,
			            slot);
		}
		x += slot;
	}
}

static void eckwert_draw(struct pdf *pdf, const char *title)
{
	const struct report *r = pdf->r;
	double top = chart_start(pdf, title, ECKWERT_H), x0 = MARGIN + 48, w = CONTENT_W - 48 - 70,
	       bottom = top + 12 + PLOT_H;
	const char *unit = "";
	double max = eckwert_max(r, &unit), step = axis_step(max);
	double axis = axis_top(max * 1.08, step);
	char legend_text[2][48];
	const struct legend_entry legend[] = {
	        {.fill = FILL_LIGHT, .label = legend_text[0]},
	        {.dashed = true, .label = legend_text[1]},
	};

	text_draw(pdf, FONT_TINY, unit, x0 - 44, top, 40, PANGO_ALIGN_RIGHT);
	value_grid(pdf, x0, bottom, w, axis, step, false);
	eckwert_bars(pdf, x0, w, bottom, axis, false);
	eckwert_city(pdf, x0, w, bottom, axis);
	eckwert_bars(pdf, x0, w, bottom, axis, true);
	snprintf(legend_text[0], sizeof legend_text[0], "Sozialraum %d", r->year);
	snprintf(legend_text[1], sizeof legend_text[1], "Stadt %d", r->year);
	legend_draw(pdf, top + ECKWERT_H - LEGEND_H, legend, 2);
}

/* --- chart: the city's key figures, this year beside the last --- */

#define NTREND (sizeof chart_names.trend / sizeof chart_names.trend[0])

/* The city's rows of the trend figures that are there. */
static size_t trend_rows(const struct report *r, const struct report_row *rows[NTREND])
{
	size_t n = 0;

	for (size_t i = 0; i < NTREND; i++)
		if (chart_names.trend[i] &&
		    (rows[n] = find_row(r, chart_names.city, chart_names.trend[i])))
			n++;
	return n;
}

static bool trend_has_rows(const struct report *r)
{
	const struct report_row *rows[NTREND];

	return trend_rows(r, rows) > 0;
}

/* One bar of a trend panel, its value above and its year below. */
static void trend_bar(struct pdf *pdf, const struct report_row *row, int64_t v, int year, double x,
                      double bw, double bottom, double scale, enum fill fill)
{
	char text[64];
	double amount = chart_value(row, v), h = amount > 0 ? amount * scale : 0;

	bar_draw(pdf->cr, x, bottom - h, bw, h, fill);
	format_value(row, v, false, text, sizeof text);
	text_centre(pdf, FONT_TINY, text, x + bw / 2, bottom - h - 6, bw + 40);
	snprintf(text, sizeof text, "%d", year);
	text_centre(pdf, FONT_SMALL, text, x + bw / 2, bottom + 7, bw + 20);
}

/* A figure's panel, its own scale: the previous year hatched, the year dark. */
static void trend_panel(struct pdf *pdf, const struct report_row *row, double x, double pw,
                        double bottom)
{
	double prev = chart_value(row, row->previous), cur = chart_value(row, row->value);
	double max = (prev > cur ? prev : cur) * 1.12, bw = pw * 0.22 < 40 ? pw * 0.22 : 40;
	double scale = max > 0 ? PLOT_H / max : 0, cx = x + pw / 2;
	char label[200];

	rule_draw(pdf->cr, x + 10, bottom, pw - 20, 0, 0.8);
	trend_bar(pdf, row, row->previous, pdf->r->year - 1, cx - bw - 3, bw, bottom, scale,
	          FILL_HATCH);
	trend_bar(pdf, row, row->value, pdf->r->year, cx + 3, bw, bottom, scale, FILL_DARK);
	format_label(row, label, sizeof label);
	text_draw(pdf, FONT_SMALL_BOLD, label, x + 6, bottom + 16, pw - 12, PANGO_ALIGN_CENTER);
}

static void trend_draw(struct pdf *pdf, const char *title)
{
	const struct report_row *rows[NTREND];
	size_t n = trend_rows(pdf->r, rows);
	double top = chart_start(pdf, title, TREND_H);
	double pw = CONTENT_W / n, bottom = top + 8 + PLOT_H;
	char legend_text[2][16];
	const struct legend_entry legend[] = {
	        {.fill = FILL_HATCH, .label = legend_text[0]},
	        {.fill = FILL_DARK, .label = legend_text[1]},
	};

	for (size_t i = 0; i < n; i++)
		trend_panel(pdf, rows[i], MARGIN + i * pw, pw, bottom);
	snprintf(legend_text[0], sizeof legend_text[0], "%d", pdf->r->year - 1);
	snprintf(legend_text[1], sizeof legend_text[1], "%d", pdf->r->year);
	legend_draw(pdf, top + TREND_H - LEGEND_H, legend, 2);
}

/* --- the charts' page --- */

/* A chart draws itself into the flow under its title, when its rows are
 * there. */
struct chart {
	const char *title;
	bool (*has_rows)(const struct report *r);
	void (*draw)(struct pdf *pdf, const char *title);
};

static const struct chart charts[] = {
        {.title = "Budget je Sozialraum und Budgetlinie: Plan und Ausgaben",
         .has_rows = budget_has_rows,
         .draw = budget_draw},
        {.title = "Eckwert je Sozialraum, die Stadt als Linie",
         .has_rows = eckwert_has_rows,
         .draw = eckwert_draw},
        {.title = "Die Stadt im Vergleich zum Vorjahr",
         .has_rows = trend_has_rows,
         .draw = trend_draw},
};
#define NCHARTS (sizeof charts / sizeof charts[0])

static void draw_charts(struct pdf *pdf)
{
	bool any = false;

	for (size_t i = 0; i < NCHARTS; i++)
		any |= charts[i].has_rows(pdf->r);
	if (!any)
		return;
	page_fresh(pdf);
	pdf->y += text_draw(pdf, FONT_HEADING, "Grafiken", MARGIN, pdf->y, CONTENT_W,
	                    PANGO_ALIGN_LEFT);
	pdf->y += 10;
	for (size_t i = 0; i < NCHARTS; i++)
		if (charts[i].has_rows(pdf->r))
			charts[i].draw(pdf, charts[i].title);
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
	draw_charts(&pdf);
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
 * caches go back, then fontconfig's. */
static void fonts_release(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
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
