/* Angebote: the directory of offers per district and provider, and each
 * offer's monthly counts of people reached (numbers only, never names),
 * as screen descriptors for the generic list and form screens. What is
 * special here is one action: an offer is deactivated (eingestellt) by the
 * server's own operation, which sets its last day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "model/booking.h"
#include "model/date.h"
#include "model/offer.h"

/* --- offers --- */

static size_t format_active(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s",
	                 ((const struct offer *)row)->inactive ? "eingestellt" : "aktiv");
}

static size_t format_id(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%llu",
	                 (unsigned long long)((const struct offer *)row)->head.id);
}

/* Wide terminals show the columns with MIN_COLS too. */
static const struct ui_column offer_columns[] = {
        {.label = "Nr.", .width = 5, .format = format_id, .numeric = true},
        {.label = "SR", .width = 4, .field = "district"},
        {.label = "Träger", .width = 6, .field = "provider"},
        {.label = "Name", .width = 0, .field = "name"},
        {.label = "Art", .width = 13, .field = "kind"},
        {.label = "Zielgruppe", .width = 0, .field = "target_group", .min_cols = 120},
        {.label = "Zeiten", .width = 0, .field = "times", .min_cols = 140},
        {.label = "Ab", .width = 10, .field = "active_from"},
        {.label = "Bis", .width = 10, .field = "active_to", .min_cols = 100},
        {.label = "Status", .width = 11, .format = format_active},
};

static const char *const offer_what[] = {"district",     "provider",    "name", "kind",
                                         "target_group", "description", NULL};
static const char *const offer_where[] = {"address", "times", "contact", "low_threshold", NULL};
static const char *const offer_money[] = {"budget_line", "active_from", "active_to", NULL};

static const struct ui_form_section offer_form[] = {
        {NULL, offer_what},
        {"Ort und Zeit", offer_where},
        {"Budget und Laufzeit", offer_money},
};

/* A new offer: from today, in the user's district, of their provider. */
static void offer_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct offer *offer = rec;
	const struct cfg_staff *me = ui_staff(ui);
	const struct config *config = ui_config(ui);

	(void)parent;
	offer->kind = -1;
	offer->budget_line = LINE_NO_CASE;
	offer->active_from = date_today();
	if (me->provider >= 0)
		snprintf(offer->provider, sizeof(offer->provider), "%s",
		         config->providers[me->provider].id);
	if (me->team >= 0 && config->teams[me->team].ndistricts)
		snprintf(offer->district, sizeof(offer->district), "%s",
		         config->districts[config->teams[me->team].districts[0]].id);
}

static int deactivate(struct list_state *ls, const void *row)
{
	const struct offer *offer = row;
	struct wire_msg reply;
	char err[256];
	enum status st;

	if (offer->inactive) {
		ui_message(ls->ui, "Das Angebot ist schon eingestellt.");
		return UI_HANDLED;
	}
	if (!ui_confirm(ls->ui, "Angebot zum heutigen Tag einstellen?"))
		return UI_HANDLED;
	codec_put_u64(ui_request(ls->ui, WIRE_OFFER_DEACTIVATE), WF_ID, offer->head.id);
	st = ui_call(ls->ui, &reply, err, sizeof(err));
	if (st != STATUS_OK) {
		ui_error(ls->ui, "%s", err[0] ? err : status_message(st));
		return UI_HANDLED;
	}
	ui_message(ls->ui, "Eingestellt.");
	return scr_list_reload(ls, false);
}

static const struct desc_filter offer_filters[] = {
        {.name = "district",
         .label = "Sozialraum",
         .source = SOURCE_DISTRICTS,
         .index = true,
         .home_district = true},
        {.name = "provider", .label = "Träger", .source = SOURCE_PROVIDERS},
};

/* 'z': a payment to the selected offer (its line's budget). */
static int offer_book(struct list_state *ls, const void *row)
{
	return scr_book_on(ls, 0, ((const struct offer *)row)->head.id);
}

static const struct desc_action offer_actions[] = {
        {CMD_END, "Einstellen", "das gewählte Angebot zum heutigen Tag einstellen", VERB_END,
         deactivate},
        {CMD_BOOK, NULL, "eine Zahlung an das gewählte Angebot buchen", VERB_CREATE, offer_book,
         &booking_def},
};

static const struct screen_desc *const offer_children[] = {&offer_count_desc};

const struct screen_desc offer_desc = {
        .title = "Angebote",
        .def = &offer_def,
        DESC_COLUMNS(offer_columns),
        DESC_FORM(offer_form),
        .defaults = offer_defaults,
        .name_field = "name",
        DESC_FILTERS(offer_filters),
        DESC_ACTIONS(offer_actions),
        DESC_CHILDREN(offer_children),
        .words = true,
        .refresh = true,
};

/* --- monthly counts --- */

static const struct ui_column count_columns[] = {
        {.label = "Monat", .width = 8, .field = "month"},
        {.label = "Erreichte Personen", .width = 18, .field = "people", .numeric = true},
};

static const char *const count_fields[] = {"month", "people", NULL};
static const struct ui_form_section count_form[] = {{NULL, count_fields}};

/* A new count: the last month, the one usually entered. */
static void count_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct offer_count *count = rec;
	int32_t today = date_today();
	int year = DATE_YEAR(today), month = DATE_MONTH(today) - 1;

	(void)ui, (void)parent;
	if (month == 0)
		month = 12, year--;
	count->month = DATE_MAKE(year, month, 1);
}

const struct screen_desc offer_count_desc = {
        .title = "Monatszahlen",
        .def = &offer_count_def,
        DESC_COLUMNS(count_columns),
        DESC_FORM(count_form),
        .defaults = count_defaults,
        .name_field = "month",
        .newest_first = true,
        .refresh = true,
};
