/* Angebote: the directory of offers per district and provider, fetched from
 * the server page by page; '/' searches names on the server (folded, so
 * "muell" finds "Müll..."). Opening one goes to its form; from here an
 * offer is also deactivated and its monthly counts entered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "model/date.h"
#include "model/rights.h"
#include "model/text.h"
#include "screens.h"

#define LIVE_ROWS 500 /* rows in hand up to which a list follows others' saves */

struct offers {
	struct ui_list *list;
	struct ui_page_pos pos; /* where the last page ended */
	bool stale;             /* somebody saved an offer: fetch again */
	time_t fetched;         /* when it was fetched last */
	char district[CONFIG_ID_SIZE];
	char provider[CONFIG_ID_SIZE];
};

enum { ACT_OPEN = 1, ACT_NEW, ACT_DISTRICT, ACT_PROVIDER, ACT_DEACTIVATE, ACT_COUNTS, ACT_RELOAD };

static const struct ui_key offers_keys[] = {
        {'\r', 0, "Öffnen", "das Angebot öffnen (bearbeiten, wenn frei)", ACT_OPEN},
        {'n', KEY_F(3), "Neu", "ein neues Angebot anlegen", ACT_NEW, &offer_def, VERB_CREATE},
        {'b', KEY_F(4), "Sozialraum", "nach Sozialraum eingrenzen: Kürzel oder Name (leer: alle)",
         ACT_DISTRICT},
        {'t', KEY_F(5), "Träger", "nach Träger eingrenzen: Kürzel oder Name (leer: alle)",
         ACT_PROVIDER},
        {'e', KEY_F(8), "Einstellen", "das Angebot zum heutigen Tag einstellen", ACT_DEACTIVATE,
         &offer_def, VERB_END},
        {'z', KEY_F(7), "Zahlen", "erreichte Personen je Monat (nur Zahlen)", ACT_COUNTS},
        {'g', KEY_F(9), "Neu laden", "die Liste neu vom Server holen", ACT_RELOAD},
        {'/', 0, "Suche", "nach Namen suchen", -1},
};

static size_t format_active(const void *row, char *buf, size_t size)
{
	const struct offer *o = row;

	return (size_t)snprintf(buf, size, "%s", o->inactive ? "eingestellt" : "aktiv");
}

static size_t format_id(const void *row, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%llu",
	                        (unsigned long long)((const struct offer *)row)->head.id);
}

static const struct ui_column offer_columns[] = {
        {.label = "Nr.", .width = 5, .format = format_id, .numeric = true},
        {.label = "SR", .width = 4, .field = "district"},
        {.label = "Träger", .width = 6, .field = "provider"},
        {.label = "Name", .width = 0, .field = "name"},
        {.label = "Art", .width = 13, .field = "kind"},
        {.label = "Ab", .width = 10, .field = "active_from"},
        {.label = "Status", .width = 11, .format = format_active},
};

static void add_row(void *ctx, const void *rec)
{
	ui_list_append(ctx, rec);
}

static void put_filter(struct codec_buf *req, const char *field, const char *value)
{
	char text[64];

	snprintf(text, sizeof(text), "%s=%s", field, value);
	codec_put_str(req, WF_FILTER, text);
}

/* A page of the offers of the district and provider chosen, or of those
 * whose name has words beginning with the words searched for. */
static enum status fetch_offers(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	struct screen *s = ctx;
	struct offers *o = s->data;
	struct codec_buf *req = ui_record_list(s->ui, &offer_def);
	uint8_t key[CONFIG_ID_SIZE + 1];
	int len;

	if (first == 0) {
		memset(&o->pos, 0, sizeof(o->pos));
		o->fetched = time(NULL);
	}
	if (ui_list_filter(list)[0]) {
		codec_put_str(req, WF_WORDS, ui_list_filter(list));
		if (o->district[0])
			put_filter(req, "district", o->district);
	} else if (o->district[0] && (len = index_put_text(key, sizeof(key), o->district)) > 0) {
		codec_put_str(req, WF_INDEX, "district");
		codec_put_bytes(req, WF_KEY, key, (size_t)len);
	}
	if (o->provider[0])
		put_filter(req, "provider", o->provider);
	return ui_record_page(s->ui, req, &offer_def, &o->pos, add_row, list, more);
}

static enum status offers_open(struct screen *s)
{
	struct offers *o = calloc(1, sizeof(*o));
	const struct cfg_staff *me = ui_staff(s->ui);
	const struct config *config = ui_config(s->ui);
	struct ui_list_source source = {.fetch = fetch_offers, .ctx = s, .server_filter = true};

	if (!o)
		return STATUS_ERR_NOMEM;
	s->data = o;
	if (me->team >= 0 && config->teams[me->team].ndistricts)
		snprintf(o->district, sizeof(o->district), "%s",
		         config->districts[config->teams[me->team].districts[0]].id);
	o->list = ui_list_new(s->ui, s->win, &offer_def, offer_columns,
	                      sizeof(offer_columns) / sizeof(offer_columns[0]),
	                      sizeof(struct offer), source);
	if (!o->list)
		return STATUS_ERR_NOMEM;
	return ui_list_reload(o->list);
}

static void offers_draw(struct screen *s)
{
	struct offers *o = s->data;

	/* What others saved shows by itself: at most once a second (a burst
	 * of saves costs one fetch), and in a long list scrolled far only
	 * when asked, since the list is fetched again from its start. */
	if (o->stale && time(NULL) > o->fetched) {
		o->stale = false;
		if (ui_list_count(o->list) <= LIVE_ROWS)
			ui_list_reload(o->list);
		else
			ui_message(s->ui, "Es gibt neue Änderungen: g lädt die Liste neu.");
	}
	ui_list_draw(o->list);
}

static void offers_event(struct screen *s, const struct wire_event *ev)
{
	struct offers *o = s->data;

	if (strcmp(ev->table, offer_def.table) == 0)
		o->stale = true;
}

/* A district or provider as typed: its code in any case, or the start of
 * its name as people type it (folded: "harks" finds Harksheide); -1 when
 * none or more than one fit. */
static int find_typed(const struct config *config, const char *typed, bool district)
{
	size_t n = district ? config->ndistricts : config->nproviders;
	char want[CONFIG_NAME_SIZE * 3], name[CONFIG_NAME_SIZE * 3];
	int found = -1;

	text_fold(typed, want, sizeof(want));
	for (size_t i = 0; i < n; i++) {
		const char *id = district ? config->districts[i].id : config->providers[i].id;

		if (strcasecmp(id, typed) == 0)
			return (int)i;
		text_fold(district ? config->districts[i].name : config->providers[i].name, name,
		          sizeof(name));
		if (strncmp(name, want, strlen(want)) == 0)
			found = found == -1 ? (int)i : -2;
	}
	return found >= 0 ? found : -1;
}

/* Asks for a district or provider by code or name; empty means all. */
static void ask_filter(struct screen *s, const char *prompt, char *value, size_t size,
                       bool district)
{
	const struct config *config = ui_config(s->ui);
	char buf[CONFIG_NAME_SIZE];
	int i;

	snprintf(buf, sizeof(buf), "%s", value);
	if (!ui_prompt(s->ui, prompt, buf, sizeof(buf)))
		return;
	if (buf[0] && (i = find_typed(config, buf, district)) < 0) {
		ui_error(s->ui, "Unbekannt oder nicht eindeutig: '%s'", buf);
		return;
	}
	if (buf[0])
		snprintf(buf, sizeof(buf), "%s",
		         district ? config->districts[i].id : config->providers[i].id);
	text_copy(value, size, buf); /* an id, or "" */
	ui_list_reload(((struct offers *)s->data)->list);
	ui_message(s->ui, "%s %s", district ? "Sozialraum:" : "Träger:", buf[0] ? buf : "alle");
}

static void deactivate(struct screen *s, const struct offer *offer)
{
	struct wire_msg reply;
	char err[256];
	enum status st;

	if (offer->inactive) {
		ui_message(s->ui, "Das Angebot ist schon eingestellt.");
		return;
	}
	if (!ui_confirm(s->ui, "Angebot zum heutigen Tag einstellen?"))
		return;
	codec_put_u64(ui_request(s->ui, WIRE_OFFER_DEACTIVATE), WF_ID, offer->head.id);
	st = ui_call(s->ui, &reply, err, sizeof(err));
	if (st != STATUS_OK) {
		ui_error(s->ui, "%s", err[0] ? err : status_message(st));
		return;
	}
	ui_message(s->ui, "Eingestellt.");
	ui_list_reload(((struct offers *)s->data)->list);
}

static int offers_action(struct screen *s, int action, const struct offer *sel)
{
	struct offers *o = s->data;

	switch (action) {
	case ACT_NEW:
		scr_offer_form_open(s->ui, 0, NULL);
		break;
	case ACT_DISTRICT:
		ask_filter(s, "Sozialraum (leer: alle): ", o->district, sizeof(o->district), true);
		break;
	case ACT_PROVIDER:
		ask_filter(s, "Träger (leer: alle): ", o->provider, sizeof(o->provider), false);
		break;
	case ACT_RELOAD:
		ui_list_reload(o->list);
		break;
	case ACT_OPEN:
	case ACT_DEACTIVATE:
	case ACT_COUNTS:
		if (!sel)
			ui_message(s->ui, "Die Liste ist leer.");
		else if (action == ACT_OPEN)
			scr_offer_form_open(s->ui, sel->head.id, NULL);
		else if (action == ACT_DEACTIVATE)
			deactivate(s, sel);
		else
			scr_offer_counts_open(s->ui, sel);
		break;
	default:
		return UI_UNHANDLED;
	}
	return UI_HANDLED;
}

static int offers_key(struct screen *s, int action, struct ui_input in)
{
	struct offers *o = s->data;
	int flags;

	if (action > 0)
		return offers_action(s, action, ui_list_selected(o->list));
	flags = ui_list_key(o->list, in);
	return flags;
}

static void offers_resize(struct screen *s)
{
	struct offers *o = s->data;

	ui_list_resize(o->list, s->win);
	ui_list_reload(o->list); /* back from a form: show what was saved */
}

static void offers_close(struct screen *s)
{
	struct offers *o = s->data;

	if (!o)
		return;
	ui_list_free(o->list);
	free(o);
}

const struct screen_ops scr_offers_ops = {
        .title = "Angebote",
        .keys = offers_keys,
        .nkeys = sizeof(offers_keys) / sizeof(offers_keys[0]),
        .open = offers_open,
        .draw = offers_draw,
        .key = offers_key,
        .resize = offers_resize,
        .event = offers_event,
        .close = offers_close,
};
