/* The committee report's PDF (report_pdf.c: pages, tables, text;
 * report_chart.c: the charts), what the two share. Private to them. */
#ifndef ADMIN_REPORT_PDF_H
#define ADMIN_REPORT_PDF_H

#include <stdbool.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pangocairo.h>

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

/* The rows the charts draw, by the names the server gives them: the one
 * place to change when the server's names change (report_chart.c). */
struct chart_names {
	const char *city;          /* the area of the whole city */
	const char *money_section; /* where the budget's rows are */
	const char *planned;       /* "Plan: <budget line>" */
	const char *spent;         /* "Ausgegeben: <budget line>" */
	const char *eckwert;
	const char *trend[3]; /* the city's figures, the year beside the last */
};
extern const struct chart_names chart_names;

enum font {
	FONT_BODY,
	FONT_BOLD,
	FONT_SMALL,
	FONT_SMALL_BOLD,
	FONT_TINY,
	FONT_HEADING,
	FONT_TITLE,
	NFONTS
};

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

/* The numbers, text and page flow of report_pdf.c that the charts use. */
bool pdf_is_city(const char *area);
void pdf_format_value(const struct report_row *row, int64_t v, bool sign, char *buf, size_t size);
void pdf_format_label(const struct report_row *row, char *buf, size_t size);
double pdf_chart_value(const struct report_row *row, int64_t v);
void pdf_format_amount(double v, bool money, double step, char *buf, size_t size);
double pdf_axis_step(double max);
double pdf_axis_top(double max, double step);
double pdf_text_measure(struct pdf *pdf, enum font font, const char *text, double width,
                        PangoAlignment align);
double pdf_text_width(struct pdf *pdf);
void pdf_text_show(struct pdf *pdf, double x, double y);
double pdf_text_draw(struct pdf *pdf, enum font font, const char *text, double x, double y,
                     double width, PangoAlignment align);
void pdf_text_centre(struct pdf *pdf, enum font font, const char *text, double x, double y,
                     double width);
void pdf_text_boxed(struct pdf *pdf, enum font font, const char *text, double x, double y);
void pdf_rule_draw(cairo_t *cr, double x, double y, double width, double grey, double line);
bool pdf_page_need(struct pdf *pdf, double height);
void pdf_page_fresh(struct pdf *pdf);

/* The page of charts (report_chart.c): each whose rows are there. */
void pdf_draw_charts(struct pdf *pdf);

#endif
