/* The Sozialraumbudget's screens: the budget of each district and year
 * from the aggregates the server keeps (budget.h), with a text bar per
 * line, and the bookings (booking.h), which the budget clerks make and
 * correct. Nothing here sums a booking: each figure is one record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/date.h"
#include "model/measure.h"
#include "model/money.h"
#include "model/rights.h"
#include "model/text.h"

/* --- bookings --- */

static const struct ui_column booking_columns[] = {
        {.label = "Datum", .width = 10, .field = "date"},
        {.label = "Betrag", .width = 14, .field = "amount", .numeric = true},
        {.label = "SR", .width = 3, .field = "district"},
        {.label = "Hilfe", .width = 7, .field = "measure_id", .numeric = true},
        {.label = "Angebot", .width = 7, .field = "offer_id", .numeric = true},
        {.label = "Rechnung", .width = 14, .field = "invoice"},
        {.label = "Empfänger", .width = 0, .field = "payee"},
        {.label = "Budgetlinie", .width = 16, .field = "line", .min_cols = 110},
};

static const char *const booking_head[] = {"measure_id",  "offer_id",  "date",    "amount",
                                           "period_from", "period_to", "invoice", "payee",
                                           "note",        "corrects",  NULL};
static const char *const booking_filled[] = {"district", "line", "service", "booked_by", NULL};
static const struct ui_form_section booking_form[] = {
        {NULL, booking_head},
        {"Vom Programm eingetragen", booking_filled},
};

static void booking_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct booking *b = rec;

	(void)ui, (void)parent;
	b->date = date_today();
	b->line = -1;
}

/* 'b': a correction of the selected booking, for its whole amount unless
 * the clerk says less. */
static int booking_correct(struct list_state *ls, const void *row)
{
	struct booking b = *(const struct booking *)row;

	if (b.corrects) {
		ui_message(ls->ui,
		           "Eine Berichtigung wird nicht berichtigt: die Buchung selbst wählen.");
		return UI_HANDLED;
	}
	b.corrects = b.head.id;
	b.head = (struct record_head){0};
	b.amount = -b.amount;
	b.date = date_today();
	b.booked_by[0] = '\0';
	scr_form_open_from(ls->ui, &booking_desc, 0, NULL, NULL, &b);
	return UI_HANDLED | UI_REDRAW;
}

static const struct desc_action booking_actions[] = {
        {CMD_CORRECT, NULL, "die gewählte Buchung berichtigen (mit negativem Betrag)", VERB_CREATE,
         booking_correct},
};

static const struct desc_filter booking_filters[] = {
        {.name = "district",
         .label = "Sozialraum",
         .source = SOURCE_DISTRICTS,
         .index = true,
         .home_district = true},
};

const struct screen_desc booking_desc = {
        .title = "Buchungen",
        .def = &booking_def,
        DESC_COLUMNS(booking_columns),
        DESC_FORM(booking_form),
        .defaults = booking_defaults,
        .name_field = "invoice",
        DESC_FILTERS(booking_filters),
        DESC_ACTIONS(booking_actions),
        .newest_first = true,
        .refresh = true,
};

/* 'z' on a measure or an offer: a new booking on it. */
int scr_book_on(struct list_state *ls, uint64_t measure, uint64_t offer)
{
	struct booking b = {
	        .measure_id = measure, .offer_id = offer, .date = date_today(), .line = -1};

	scr_form_open_from(ls->ui, &booking_desc, 0, NULL, NULL, &b);
	return UI_HANDLED | UI_REDRAW;
}

/* --- the budget --- */

#define BAR_WIDTH 24

/* A row of the budget screen: a district's total, a line of it, or a
 * service of a line (no plan of its own). */
struct budget_row {
	char district[CONFIG_ID_SIZE];
	char label[CONFIG_NAME_SIZE + CONFIG_ID_SIZE + 8];
	bool planned_known; /* a total or a line: it has a plan */
	int64_t planned, committed, spent, open;
};

static const struct budget_row *brow(const void *row)
{
	return row;
}

static size_t money_cell(char *buf, size_t size, int64_t cents)
{
	char m[MONEY_BUFSIZE];

	money_format(cents, m, sizeof(m));
	return desc_cell(buf, size, "%s", m);
}

static size_t col_district(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", brow(row)->district);
}

static size_t col_label(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", brow(row)->label);
}

static size_t col_planned(const void *row, char *buf, size_t size)
{
	return brow(row)->planned_known ? money_cell(buf, size, brow(row)->planned)
	                                : desc_cell(buf, size, "%s", "");
}

static size_t col_committed(const void *row, char *buf, size_t size)
{
	return money_cell(buf, size, brow(row)->committed);
}

static size_t col_spent(const void *row, char *buf, size_t size)
{
	return money_cell(buf, size, brow(row)->spent);
}

static size_t col_open(const void *row, char *buf, size_t size)
{
	return money_cell(buf, size, brow(row)->open);
}

static struct budget_figure figure_of(const struct budget_row *r)
{
	return (struct budget_figure){
	        .committed = r->committed, .spent = r->spent, .open = r->open};
}

static size_t col_available(const void *row, char *buf, size_t size)
{
	struct budget_figure f = figure_of(brow(row));

	return brow(row)->planned_known
	               ? money_cell(buf, size, budget_available(brow(row)->planned, &f))
	               : desc_cell(buf, size, "%s", "");
}

static size_t col_forecast(const void *row, char *buf, size_t size)
{
	struct budget_figure f = figure_of(brow(row));

	return money_cell(buf, size, budget_forecast(&f));
}

/* "###===....." scaled to the plan or the forecast, whichever is more:
 * '#' spent, '=' open, '.' available, '!' what the forecast goes past
 * the plan; the same in colour and in monochrome. */
static size_t col_bar(const void *row, char *buf, size_t size)
{
	const struct budget_row *r = brow(row);
	struct budget_figure f = figure_of(r);
	int64_t forecast = budget_forecast(&f),
	        scale = r->planned > forecast ? r->planned : forecast;
	char bar[BAR_WIDTH + 1];
	int spent, open, plan;

	if (!r->planned_known || scale <= 0)
		return desc_cell(buf, size, "%s", "");
	spent = (int)money_mul_div(r->spent > 0 ? r->spent : 0, BAR_WIDTH, scale);
	open = (int)money_mul_div(r->open, BAR_WIDTH, scale);
	plan = (int)money_mul_div(r->planned, BAR_WIDTH, scale);
	for (int i = 0; i < BAR_WIDTH; i++) {
		bar[i] = i < spent ? '#' : i < spent + open ? '=' : i < plan ? '.' : ' ';
		if (i >= plan && bar[i] != ' ')
			bar[i] = '!';
	}
	if (forecast > r->planned) /* past the plan, however little */
		bar[BAR_WIDTH - 1] = '!';
	bar[BAR_WIDTH] = '\0';
	return desc_cell(buf, size, "%s", bar);
}

static const struct ui_column budget_columns[] = {
        {.label = "SR", .width = 3, .format = col_district},
        {.label = "Linie, Leistung", .width = 0, .format = col_label},
        {.label = "Plan", .width = 15, .format = col_planned, .numeric = true, .min_cols = 100},
        {.label = "Gebunden",
         .width = 15,
         .format = col_committed,
         .numeric = true,
         .min_cols = 150},
        {.label = "Ausgegeben", .width = 15, .format = col_spent, .numeric = true, .min_cols = 100},
        {.label = "Offen", .width = 15, .format = col_open, .numeric = true, .min_cols = 150},
        {.label = "Prognose", .width = 15, .format = col_forecast, .numeric = true},
        {.label = "Verfügbar", .width = 15, .format = col_available, .numeric = true},
        {.label = "# ausgeg. = offen . frei", .width = BAR_WIDTH, .format = col_bar},
};

struct fetched {
	struct budget_figure f[3 * BUDGET_LINE_COUNT + 64];
	size_t n;
};

static void add_figure(void *ctx, const void *rec)
{
	struct fetched *got = ctx;

	if (got->n < sizeof(got->f) / sizeof(got->f[0]))
		got->f[got->n++] = *(const struct budget_figure *)rec;
}

/* The figures of DISTRICT's YEAR: one index page. */
static enum status fetch_district(struct ui *ui, const char *district, int year,
                                  struct fetched *got)
{
	struct ui_page_pos pos = {0};
	struct codec_buf *req = ui_record_list(ui, &budget_figure_def);
	uint8_t key[INDEX_KEY_MAX];
	int len = index_put_text_day(key, sizeof(key), district, year);
	bool more = false;

	got->n = 0;
	codec_put_str(req, WF_INDEX, "district_year");
	codec_put_bytes(req, WF_KEY, key, (size_t)len);
	return ui_record_page(ui, req, &budget_figure_def, &pos, NULL, add_figure, got, &more);
}

static bool district_shown(struct ui *ui, const char *district)
{
	struct budget_figure probe = {0};

	text_copy(probe.district, sizeof(probe.district), district);
	return rights_allow(ui_config(ui), ui_staff(ui), &budget_figure_def, VERB_LIST, &probe);
}

/* A line or total whose forecast goes past its plan says so first, where
 * a narrow column cuts nothing of it. */
static void mark_past_plan(struct budget_row *r)
{
	struct budget_figure f = figure_of(r);
	size_t n = strlen(r->label);

	if (r->planned_known && budget_forecast(&f) > r->planned && n + 3 < sizeof(r->label)) {
		memmove(r->label + 2, r->label, n + 1);
		memcpy(r->label, "! ", 2);
	}
}

/* Every district the user may see: its total first (all of them, side by
 * side), then each one's lines and the services of each line. */
static enum status budget_rows(struct list_state *ls, struct ui_list *list)
{
	const struct config *config = ui_config(ls->ui);
	int year = desc_shown_year(ls);
	struct fetched *got = calloc(config->ndistricts ? config->ndistricts : 1, sizeof(*got));
	enum status st = got ? STATUS_OK : STATUS_ERR_NOMEM;

	for (size_t d = 0; st == STATUS_OK && d < config->ndistricts; d++) {
		struct budget_row total = {.planned_known = true};

		if (!district_shown(ls->ui, config->districts[d].id))
			continue;
		if ((st = fetch_district(ls->ui, config->districts[d].id, year, &got[d])) !=
		    STATUS_OK)
			break;
		text_copy(total.district, sizeof(total.district), config->districts[d].id);
		snprintf(total.label, sizeof(total.label), "Summe %s", config->districts[d].name);
		for (int line = 0; line < BUDGET_LINE_COUNT; line++)
			total.planned += config_budget_planned(config, year, (int)d, line);
		for (size_t i = 0; i < got[d].n; i++)
			if (!got[d].f[i].service[0]) {
				total.committed += got[d].f[i].committed;
				total.spent += got[d].f[i].spent;
				total.open += got[d].f[i].open;
			}
		mark_past_plan(&total);
		ui_list_append(list, &total);
	}
	for (size_t d = 0; st == STATUS_OK && d < config->ndistricts; d++) {
		if (!district_shown(ls->ui, config->districts[d].id))
			continue;
		for (int line = 0; line < BUDGET_LINE_COUNT; line++) {
			struct budget_row r = {.planned_known = true};

			text_copy(r.district, sizeof(r.district), config->districts[d].id);
			snprintf(r.label, sizeof(r.label), "%s", budget_line_labels[line]);
			r.planned = config_budget_planned(config, year, (int)d, line);
			for (size_t i = 0; i < got[d].n; i++)
				if (!got[d].f[i].service[0] && got[d].f[i].line == line) {
					r.committed = got[d].f[i].committed;
					r.spent = got[d].f[i].spent;
					r.open = got[d].f[i].open;
				}
			mark_past_plan(&r);
			ui_list_append(list, &r);
			for (size_t i = 0; i < got[d].n; i++) {
				const struct budget_figure *f = &got[d].f[i];
				struct budget_row s = {.committed = f->committed,
				                       .spent = f->spent,
				                       .open = f->open};
				int k = f->service[0] ? config_find_service(config, f->service)
				                      : -1;

				if (k < 0 ||
				    (int)budget_line_of_service(config, f->service) != line)
					continue;
				text_copy(s.district, sizeof(s.district), f->district);
				snprintf(s.label, sizeof(s.label), "  %s %s", f->service,
				         config->services[k].name);
				ui_list_append(list, &s);
			}
		}
	}
	free(got);
	return st;
}

static void budget_heading(const struct list_state *ls, char *buf, size_t size)
{
	desc_cell(buf, size,
	          "Sozialraumbudget %d · # ausgegeben  = offen  . verfügbar  ! über Plan",
	          desc_shown_year(ls));
}

/* Enter: the measures of the row's district; 'z': its bookings. */
static int budget_measures(struct list_state *ls, const void *row)
{
	scr_list_open_filtered(ls->ui, &measure_desc, "district", brow(row)->district);
	return UI_HANDLED | UI_REDRAW;
}

static int budget_bookings(struct list_state *ls, const void *row)
{
	scr_list_open_filtered(ls->ui, &booking_desc, "district", brow(row)->district);
	return UI_HANDLED | UI_REDRAW;
}

static const struct desc_action budget_actions[] = {
        {CMD_OPEN, "Hilfen", "die Hilfen des Sozialraums der Zeile", VERB_LIST, budget_measures,
         &measure_def},
        {CMD_BOOK, "Buchungen", "die Buchungen des Sozialraums der Zeile", VERB_LIST,
         budget_bookings, &booking_def},
};

const struct screen_desc budget_desc = {
        .export_kind = "budget",
        .title = "Budget",
        DESC_COLUMNS(budget_columns),
        DESC_FILTERS(desc_year_filters),
        DESC_ACTIONS(budget_actions),
        .row_size = sizeof(struct budget_row),
        .rows = budget_rows,
        .heading = budget_heading,
        .from_server = true,
};
