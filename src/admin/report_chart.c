/* The committee report's charts (report_pdf.h): the budget by district
 * and line, the Eckwert by district with the city as a line, and the
 * city's key figures beside the year before. They find their rows by name
 * through chart_names and leave out a chart whose rows are missing; they
 * are drawn in greys, hatching and labels, so that a black-and-white print
 * reads as well as the screen. */
#include <stdio.h>
#include <string.h>

#include "report_pdf.h"

const struct chart_names chart_names = {
        .city = "Stadt",
        .money_section = "Geld",
        .planned = "Plan:",
        .spent = "Ausgegeben:",
        .eckwert = "Eckwert",
        .trend = {"Eckwert", "Hilfen am 31.12.", "Ausgaben je Einwohner unter 21"},
};

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
		pdf_text_measure(pdf, FONT_SMALL, e[i].label, 0, PANGO_ALIGN_LEFT);
		pdf_text_show(pdf, x + 18, y);
		x += 18 + pdf_text_width(pdf) + 16;
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

		pdf_rule_draw(pdf->cr, x, y, w, v == 0 ? 0 : 0.8, v == 0 ? 0.8 : 0.4);
		pdf_format_amount(v, money, step, label, sizeof label);
		pdf_text_show(pdf, x - 44,
		              y - pdf_text_measure(pdf, FONT_TINY, label, 40, PANGO_ALIGN_RIGHT) /
		                              2);
	}
}

/* Makes room for a chart HEIGHT high under TITLE, on a new page unless it
 * fits on this one; returns the top of its drawing. */
static double chart_start(struct pdf *pdf, const char *title, double height)
{
	double top;

	pdf_page_need(pdf, CHART_HEAD + height);
	pdf_text_draw(pdf, FONT_BOLD, title, MARGIN, pdf->y, CONTENT_W, PANGO_ALIGN_LEFT);
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
	    strncmp(row->figure, prefix, n) != 0 || pdf_is_city(row->area))
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
	if (pdf_chart_value(row, row->value) > b->max)
		b->max = pdf_chart_value(row, row->value);
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
		if (!pdf_is_city(r->areas[i]) && district_has_budget(r, r->areas[i]))
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
	double w = row ? pdf_chart_value(row, row->value) * scale : 0;

	return w > 0 ? w : 0;
}

/* A line's amount beside the longer of its two bars. */
static void budget_amount(struct pdf *pdf, const struct report_row *row, double x, double y)
{
	char label[64];

	if (!row)
		return;
	pdf_format_amount(pdf_chart_value(row, row->value), true, 1, label, sizeof label);
	pdf_text_draw(pdf, FONT_TINY, label, x, y - 0.5, 0, PANGO_ALIGN_LEFT);
}

/* A budget line of a district: planned above spent, from the axis at X0. */
static void budget_pair(struct pdf *pdf, const char *area, const char *line, double x0, double y,
                        double scale)
{
	const struct report_row *planned = budget_row(pdf->r, area, chart_names.planned, line);
	const struct report_row *spent = budget_row(pdf->r, area, chart_names.spent, line);
	double wp = budget_length(planned, scale), ws = budget_length(spent, scale);
	double x = x0 + (wp > ws ? wp : ws) + 3;
	double h = pdf_text_measure(pdf, FONT_SMALL, line, BUDGET_L_W - 12, PANGO_ALIGN_RIGHT);

	pdf_text_show(pdf, MARGIN + 4, y + BAR_H - h / 2);
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
	pdf_text_draw(pdf, FONT_SMALL_BOLD, area, MARGIN, y, BUDGET_L_W, PANGO_ALIGN_LEFT);
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
		pdf_format_amount(v, true, step, label, sizeof label);
		pdf_text_draw(pdf, FONT_TINY, label, x - 30, y1 + 3, 60, PANGO_ALIGN_CENTER);
	}
}

/* N districts from FIRST under one axis, the legend below, TOP down. */
static void budget_band(struct pdf *pdf, const struct budget *b, size_t first, size_t n, double top)
{
	double x0 = MARGIN + BUDGET_L_W, w = CONTENT_W - BUDGET_L_W - BUDGET_V_W, y = top;
	double step = pdf_axis_step(b->max), axis = pdf_axis_top(b->max, step);
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
		n += !pdf_is_city(r->areas[i]) && find_row(r, r->areas[i], chart_names.eckwert);
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
		if (pdf_chart_value(row, row->value) > max)
			max = pdf_chart_value(row, row->value);
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
	y = bottom - PLOT_H * pdf_chart_value(row, row->value) / axis;
	dashed_line(pdf->cr, x0, y, x0 + w, y);
	pdf_format_value(row, row->value, false, value, sizeof value);
	snprintf(label, sizeof label, "Stadt: %s", value);
	pdf_text_show(pdf, x0 + w + 4,
	              y - pdf_text_measure(pdf, FONT_SMALL_BOLD, label, 0, PANGO_ALIGN_LEFT) / 2);
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

		if (pdf_is_city(r->areas[i]) || !row)
			continue;
		h = row->value > 0 ? PLOT_H * pdf_chart_value(row, row->value) / axis : 0;
		if (values) {
			pdf_format_value(row, row->value, false, value, sizeof value);
			pdf_text_boxed(pdf, FONT_SMALL, value, x + slot / 2, bottom - h - 7);
		} else {
			bar_draw(pdf->cr, x + (slot - bw) / 2, bottom - h, bw, h, FILL_LIGHT);
			pdf_text_centre(pdf, FONT_SMALL_BOLD, r->areas[i], x + slot / 2, bottom + 8,
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
	double max = eckwert_max(r, &unit), step = pdf_axis_step(max);
	double axis = pdf_axis_top(max * 1.08, step);
	char legend_text[2][48];
	const struct legend_entry legend[] = {
	        {.fill = FILL_LIGHT, .label = legend_text[0]},
	        {.dashed = true, .label = legend_text[1]},
	};

	pdf_text_draw(pdf, FONT_TINY, unit, x0 - 44, top, 40, PANGO_ALIGN_RIGHT);
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
	double amount = pdf_chart_value(row, v), h = amount > 0 ? amount * scale : 0;

	bar_draw(pdf->cr, x, bottom - h, bw, h, fill);
	pdf_format_value(row, v, false, text, sizeof text);
	pdf_text_centre(pdf, FONT_TINY, text, x + bw / 2, bottom - h - 6, bw + 40);
	snprintf(text, sizeof text, "%d", year);
	pdf_text_centre(pdf, FONT_SMALL, text, x + bw / 2, bottom + 7, bw + 20);
}

/* A figure's panel, its own scale: the previous year hatched, the year dark. */
static void trend_panel(struct pdf *pdf, const struct report_row *row, double x, double pw,
                        double bottom)
{
	double prev = pdf_chart_value(row, row->previous), cur = pdf_chart_value(row, row->value);
	double max = (prev > cur ? prev : cur) * 1.12, bw = pw * 0.22 < 40 ? pw * 0.22 : 40;
	double scale = max > 0 ? PLOT_H / max : 0, cx = x + pw / 2;
	char label[200];

	pdf_rule_draw(pdf->cr, x + 10, bottom, pw - 20, 0, 0.8);
	trend_bar(pdf, row, row->previous, pdf->r->year - 1, cx - bw - 3, bw, bottom, scale,
	          FILL_HATCH);
	trend_bar(pdf, row, row->value, pdf->r->year, cx + 3, bw, bottom, scale, FILL_DARK);
	pdf_format_label(row, label, sizeof label);
	pdf_text_draw(pdf, FONT_SMALL_BOLD, label, x + 6, bottom + 16, pw - 12, PANGO_ALIGN_CENTER);
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

void pdf_draw_charts(struct pdf *pdf)
{
	bool any = false;

	for (size_t i = 0; i < NCHARTS; i++)
		any |= charts[i].has_rows(pdf->r);
	if (!any)
		return;
	pdf_page_fresh(pdf);
	pdf->y += pdf_text_draw(pdf, FONT_HEADING, "Grafiken", MARGIN, pdf->y, CONTENT_W,
	                        PANGO_ALIGN_LEFT);
	pdf->y += 10;
	for (size_t i = 0; i < NCHARTS; i++)
		if (charts[i].has_rows(pdf->r))
			charts[i].draw(pdf, charts[i].title);
}
