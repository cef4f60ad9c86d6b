/* Home: the main menu on the left, the dashboard on the right: what needs
 * doing first (§ 8a alerts, cases without a lead, a colleague's cases
 * while standing in, follow-ups due, the user's cases: dash_cases.c), the
 * drafts to continue, the edit locks, the server for the admin, and the
 * newest offers in what lines are left. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/absence.h"
#include "model/case.h"
#include "model/booking.h"
#include "model/date.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/registry.h"
#include "model/rights.h"
#include "model/server_status.h"
#include "dashboard.h"
#include "desc.h"
#include "screens.h"

static bool offers_listed(const struct cfg_staff *who)
{
	return rights_may(who, &offer_def, VERB_LIST);
}

enum { ACT_CONTINUE = 1, ACT_RELOAD, ACT_OPEN, ACT_CASE };

/* The keys offered: a digit continues a draft when there are drafts. */
static void make_keys(struct screen *s)
{
	struct dashboard *d = s->data;
	size_t n = 0;

	d->keys[n++] = (struct ui_key){
	        CMD_OPEN, NULL,
	        "den markierten Menüpunkt öffnen (Pfeiltasten oder Buchstabe wählen)", ACT_OPEN};
	if (d->ndrafts)
		d->keys[n++] = (struct ui_key){CMD_DRAFT, NULL, NULL, ACT_CONTINUE};
	if (d->nalerts || d->unassigned.n || d->stand_in.n || d->due.n || d->mine.n ||
	    d->approvals.n || d->reviews.n)
		d->keys[n++] = (struct ui_key){CMD_CASES, NULL, NULL, ACT_CASE};
	d->keys[n++] =
	        (struct ui_key){CMD_RELOAD, "Aktualisieren", "die Übersicht neu laden", ACT_RELOAD};
	s->keys = d->keys;
	s->nkeys = n;
	ui_keys_changed(s->ui);
}

/* An entry whose list is of records is offered to the roles that may
 * list them; the others say who may. */
static bool entry_allowed(struct ui *ui, const struct menu_entry *e)
{
	if (e->allowed)
		return e->allowed(ui_staff(ui));
	return !e->desc->def || rights_may(ui_staff(ui), e->desc->def, VERB_LIST);
}

static enum status add_draft(void *ctx, const struct codec_field *field)
{
	struct dashboard *d = ctx;
	struct draft *draft;

	if (d->ndrafts == MAX_DRAFTS || !(draft = malloc(sizeof(*draft))))
		return STATUS_OK;
	if (record_decode(&draft_def, field->data, field->len, draft) != STATUS_OK) {
		free(draft);
		return STATUS_ERR_PROTOCOL;
	}
	d->drafts[d->ndrafts++] = draft;
	return STATUS_OK;
}

static void add_offer(void *ctx, const void *rec)
{
	struct dashboard *d = ctx;
	const struct offer *offer = rec;

	if (d->noffers < MAX_OFFERS && !offer->inactive)
		snprintf(d->offers[d->noffers++], OFFER_NAME_W, "%s  %s", offer->district,
		         offer->name);
}

static void free_drafts(struct dashboard *d)
{
	for (size_t i = 0; i < d->ndrafts; i++)
		free(d->drafts[i]);
	d->ndrafts = 0;
}

/* The district the user works in: the first of the team's. */
static const char *home_district(struct ui *ui)
{
	const struct config *config = ui_config(ui);
	const struct cfg_staff *me = ui_staff(ui);

	if (me->team >= 0 && config->teams[me->team].ndistricts)
		return config->districts[config->teams[me->team].districts[0]].id;
	return "";
}

static void load_locks(struct ui *ui, struct dashboard *d)
{
	struct wire_msg reply;
	struct codec_reader r;
	struct codec_field f;
	char table[CONFIG_ID_SIZE] = "", holder[CONFIG_NAME_SIZE];
	uint64_t id = 0;

	d->nlocks = 0;
	ui_request(ui, WIRE_LOCKS_LIST);
	if (ui_call(ui, &reply, NULL, 0) != STATUS_OK)
		return;
	codec_open(&r, reply.data, reply.len);
	/* The fields of a lock come in order, its holder's name last but one:
	 * a line is made when it is there (the admin sees everyone's locks,
	 * each with whose it is). */
	while (codec_next(&r, &f) == STATUS_OK && d->nlocks < 4) {
		const struct record_def *def;

		if (f.tag == WF_TABLE)
			codec_get_str(&f, table, sizeof(table));
		else if (f.tag == WF_ID)
			codec_get_u64(&f, &id);
		else if (f.tag == WF_HOLDER &&
		         codec_get_str(&f, holder, sizeof(holder)) == STATUS_OK)
			snprintf(d->locks[d->nlocks++], sizeof(d->locks[0]), "%s Nr. %llu%s%s",
			         (def = record_type_find(table)) ? def->label : table,
			         (unsigned long long)id, rights_admin(ui_staff(ui)) ? " – " : "",
			         rights_admin(ui_staff(ui)) ? holder : "");
	}
}

/* The admin's view of the server: the log on disk, the last backup and
 * verify (sozialraum-admin status has it all). */
static void load_server(struct ui *ui, struct dashboard *d)
{
	struct server_status st;
	struct wire_msg reply;
	char backup[40], verify[40];

	memset(d->server, 0, sizeof(d->server));
	ui_request(ui, WIRE_STATUS);
	if (ui_call(ui, &reply, NULL, 0) != STATUS_OK ||
	    wire_get_record(&reply, &server_status_def, &st) != STATUS_OK)
		return;
	field_format(record_field(&server_status_def, "backup"), &st, backup, sizeof(backup));
	field_format(record_field(&server_status_def, "verify"), &st, verify, sizeof(verify));
	snprintf(d->server[0], sizeof(d->server[0]), "Log: %lld MB in %lld Datei%s",
	         (long long)(st.log_bytes >> 20), (long long)st.log_files,
	         st.log_files == 1 ? "" : "en");
	snprintf(d->server[1], sizeof(d->server[1]), "Letzte Sicherung: %s",
	         backup[0] ? backup : "seit dem Start keine");
	snprintf(d->server[2], sizeof(d->server[2]), "Letzte Prüfung: %s %s",
	         verify[0] ? verify : "seit dem Start keine", st.verify_result);
}

static enum status dashboard_load(struct screen *s)
{
	struct dashboard *d = s->data;
	struct wire_msg reply;
	enum status st;

	free_drafts(d);
	d->noffers = 0;
	d->more_offers = false;
	ui_request(s->ui, WIRE_DRAFT_LIST);
	if ((st = ui_call(s->ui, &reply, NULL, 0)) != STATUS_OK)
		return st;
	wire_each(&reply, WF_RECORD, add_draft, d);
	load_locks(s->ui, d);
	if (offers_listed(ui_staff(s->ui)))
		d->more_offers = dash_load_page(s->ui, &offer_def, "district", home_district(s->ui),
		                                true, add_offer, d) ||
		                 d->noffers == MAX_OFFERS;
	d->loaded = time(NULL);
	dash_load_cases(s->ui, d);
	dash_load_measures(s->ui, d);
	dash_load_budget(s->ui, d);
	if (rights_admin(ui_staff(s->ui)))
		load_server(s->ui, d);
	make_keys(s);
	d->fresh = true;
	return STATUS_OK;
}

static void move_bar(struct screen *s, int step);

static enum status dashboard_open(struct screen *s)
{
	struct dashboard *d = calloc(1, sizeof(*d));
	enum status st;

	if (!d)
		return STATUS_ERR_NOMEM;
	s->data = d;
	d->chosen = menu_nentries - 1;
	move_bar(s, 1); /* the first entry the role may use */
	st = dashboard_load(s);
	if (st == STATUS_OK && d->ndrafts)
		ui_message(s->ui, "Sie haben %zu ungesicherte%s Entw%s: mit der Ziffer fortsetzen.",
		           d->ndrafts, d->ndrafts == 1 ? "n" : "",
		           d->ndrafts == 1 ? "urf" : "ürfe");
	return st;
}

static void draw_menu(struct screen *s)
{
	const struct dashboard *d = s->data;
	char key[16];
	int y = 1, x;

	wattrset(s->win, ui_attr(s->ui, UI_ATTR_TITLE));
	ui_put(s->win, 0, 1, "Hauptmenü", MENU_WIDTH - 2, true);
	wattrset(s->win, A_NORMAL);
	for (size_t i = 0; i < menu_nentries; i++) {
		if (!entry_allowed(s->ui, &menu_entries[i]))
			continue;
		snprintf(key, sizeof(key), " %c ", menu_entries[i].key);
		/* The bar covers the entry's letter and words in one attribute,
		 * not the blanks after them: a move sends the two entries
		 * again, no more. */
		wattrset(s->win, i == d->chosen ? ui_attr(s->ui, UI_ATTR_SELECTED) : A_NORMAL);
		x = ui_put(s->win, ++y, 1, key, 3, true) + 1;
		x += ui_put(s->win, y, x, menu_entries[i].label, MENU_WIDTH - 7, false);
		x += ui_put(s->win, y, x, " ", 1, false);
		wattrset(s->win, A_NORMAL);
		ui_put(s->win, y, x, "", MENU_WIDTH - 1 - x, true);
	}
}

/* The next menu entry the role may use from CHOSEN in direction STEP. */
static void move_bar(struct screen *s, int step)
{
	struct dashboard *d = s->data;
	size_t i = d->chosen;

	do
		i = (i + menu_nentries + (size_t)(step > 0 ? 1 : -1)) % menu_nentries;
	while (i != d->chosen && !entry_allowed(s->ui, &menu_entries[i]));
	d->chosen = i;
	d->menu_moved = true;
}

/* A section's title at line Y; nothing below the window's last line. */
static int draw_section(struct screen *s, int y, const char *title)
{
	if (y >= getmaxy(s->win))
		return y;
	wattrset(s->win, ui_attr(s->ui, UI_ATTR_TITLE));
	ui_put(s->win, y, MENU_WIDTH, title, COLS - MENU_WIDTH - 1, true);
	wattrset(s->win, A_NORMAL);
	return y + 1;
}

/* One line of a section, when it is within the window. */
static int draw_line(struct screen *s, int y, const char *text)
{
	if (y < getmaxy(s->win))
		ui_put(s->win, y, MENU_WIDTH + 2, text, COLS - MENU_WIDTH - 3, false);
	return y + 1;
}

/* What a user with nothing on their desk yet can do first, by role: the
 * dashboard of the first day says where the work is, not "keine". */
static const char *const first_steps[ROLE_COUNT][5] = {
        [ROLE_FACHKRAFT] = {"f  Fälle des Teams; n nimmt dort einen auf",
                            "n  Person finden: ein Namensteil genügt",
                            "v  Abwesenheit mit Vertretung eintragen", "?  Hilfe zu jeder Ansicht"},
        [ROLE_TEAMLEITUNG] = {"t  Team: Fälle je Fachkraft, ohne Fallführung",
                              "f  Fälle des Teams; n nimmt dort einen auf",
                              "v  Abwesenheiten und Vertretungen", "?  Hilfe zu jeder Ansicht"},
        [ROLE_AMTSLEITUNG] = {"t  alle Teams, Fälle ohne Fallführung",
                              "f  alle Fälle (f: einen Sozialraum wählen)",
                              "?  Hilfe zu jeder Ansicht"},
        [ROLE_WIRTSCHAFT] = {"f  Fälle: wer es ist, nicht was geschah",
                             "a  die Angebote der Träger", "?  Hilfe zu jeder Ansicht"},
        [ROLE_TRAEGER] = {"a  Angebote Ihres Trägers: n legt eines an,",
                          "   u trägt die Monatszahlen ein", "?  Hilfe zu jeder Ansicht"},
        [ROLE_CONTROLLING] = {"s  Sozialräume, Einwohner unter 21",
                              "l  Leistungskatalog mit den Sätzen", "?  Hilfe zu jeder Ansicht"},
        [ROLE_ADMIN] = {"k  Bearbeitungssperren, p Protokoll", "?  Hilfe zu jeder Ansicht"},
};

static bool desk_empty(const struct dashboard *d)
{
	return !d->ndrafts && !d->nalerts && !d->unassigned.n && !d->stand_in.n && !d->due.n &&
	       !d->mine.n && !d->nlocks && !d->approvals.n && !d->reviews.n;
}

static int draw_first_steps(struct screen *s, int y)
{
	enum role role = ui_staff(s->ui)->role;

	y = draw_section(s, y, "Nichts zu erledigen – so geht es los");
	for (size_t i = 0; role < ROLE_COUNT && i < 5 && first_steps[role][i]; i++)
		y = draw_line(s, y, first_steps[role][i]);
	return y + 1;
}

static int draw_drafts(struct screen *s, struct dashboard *d, int y)
{
	char line[200], date[16];

	y = draw_section(s, y, "Ungesicherte Entwürfe");
	if (!d->ndrafts)
		y = draw_line(s, y, "keine");
	for (size_t i = 0; i < d->ndrafts && y < getmaxy(s->win) - 1; i++) {
		time_t t = (time_t)d->drafts[i]->time;
		struct tm tm;

		strftime(date, sizeof(date), "%d.%m. %H:%M", localtime_r(&t, &tm));
		snprintf(line, sizeof(line), "%zu  %s  %s", i + 1, date, d->drafts[i]->title);
		y = draw_line(s, y, line);
	}
	return y + 1;
}

/* A section of lines that leaves RESERVE lines of the window free, with
 * a last line when there are more than fit. */
static int draw_list(struct screen *s, int y, int reserve, const char *title,
                     const struct case_lines *l, const char *more_text)
{
	int last = getmaxy(s->win) - 1 - reserve;

	y = draw_section(s, y, title);
	for (size_t i = 0; i < l->n && y <= last; i++)
		y = draw_line(s, y,
		              y == last && (i + 1 < l->n || l->more) ? more_text : l->text[i]);
	if (l->more && y <= last)
		y = draw_line(s, y, more_text);
	return y + 1;
}

/* Open § 8a alerts, the oldest first; one open longer than the configured
 * hours is overdue: said in words and in the error colour (bold where
 * there is none). */
static int draw_alerts(struct screen *s, struct dashboard *d, int y)
{
	int64_t limit = (int64_t)ui_config(s->ui)->followup.alert_overdue_hours * 3600;
	char line[200], since[24];
	time_t now = time(NULL);

	y = draw_section(s, y, "§ 8a: offene Meldungen");
	for (size_t i = 0; i < d->nalerts && y < getmaxy(s->win) - 2; i++) {
		const struct case_file *c = &d->alerts[i];
		bool overdue = now - c->alert_since > limit;

		time_t t = (time_t)c->alert_since;
		struct tm tm;

		if (!localtime_r(&t, &tm) || !strftime(since, sizeof(since), "%d.%m. %H:%M", &tm))
			since[0] = '\0';
		snprintf(line, sizeof(line), "%s%s %s %s %s", overdue ? "ÜBERFÄLLIG " : "", since,
		         c->number, c->district, c->title);
		wattrset(s->win, overdue ? ui_attr(s->ui, UI_ATTR_ERROR) | A_BOLD : A_NORMAL);
		ui_put(s->win, y++, MENU_WIDTH + 2, line, COLS - MENU_WIDTH - 3, false);
		wattrset(s->win, A_NORMAL);
	}
	if (d->more_alerts)
		ui_put(s->win, y++, MENU_WIDTH + 2, "… und weitere (f: Fälle)",
		       COLS - MENU_WIDTH - 3, false);
	return y + 1;
}

/* The newest offers, as many as the lines left hold; the last line says
 * when there are more. */
static int draw_offers(struct screen *s, struct dashboard *d, int y)
{
	int last = getmaxy(s->win) - 1;
	char more[80];

	y = draw_section(s, y,
	                 ui_staff(s->ui)->role == ROLE_TRAEGER ? "Neueste Angebote meines Trägers"
	                 : home_district(s->ui)[0] ? "Neueste Angebote in meinem Sozialraum"
	                                           : "Neueste Angebote");
	if (!d->noffers && y <= last)
		ui_put(s->win, y++, MENU_WIDTH + 2, "keine", 20, false);
	for (size_t i = 0; i < d->noffers && y <= last; i++) {
		if (y == last && (i + 1 < d->noffers || d->more_offers)) {
			snprintf(more, sizeof(more), "… und weitere (a: alle Angebote)");
			ui_put(s->win, y++, MENU_WIDTH + 2, ui_ascii(s->ui) ? more + 4 : more,
			       COLS - MENU_WIDTH - 3, false);
			break;
		}
		ui_put(s->win, y++, MENU_WIDTH + 2, d->offers[i], COLS - MENU_WIDTH - 3, false);
	}
	return y;
}

/* The sections of work, in their order: each leaves three lines for
 * each one below it that has lines (its title, a line, "and more", a gap),
 * the edit locks' lines and the budget's, so every one shows something at
 * 80x24. */
static int draw_work(struct screen *s, struct dashboard *d, int y)
{
	const struct {
		const char *title, *more;
		const struct case_lines *lines;
	} work[] = {
	        {"Bewilligungen: warten auf mich", "… und weitere (h: Hilfen)", &d->approvals},
	        {"Hilfeplan: Überprüfung fällig (14 Tage)", "… und weitere (h: Hilfen)",
	         &d->reviews},
	        {"Ohne Fallführung: bitte zuweisen", "… und weitere (f: Fälle)", &d->unassigned},
	        {d->stand_in_title, "… und weitere (f: Fälle)", &d->stand_in},
	        {"Wiedervorlagen (7 Tage)", "… und weitere (in den Fällen)", &d->due},
	        {"Meine Fälle", "… und weitere (f: Fälle)", &d->mine},
	};
	size_t n = sizeof(work) / sizeof(work[0]);

	for (size_t i = 0; i < n; i++) {
		int reserve = (d->nlocks ? 2 + (int)d->nlocks : 0) +
		              (d->nbudget ? 2 + (int)d->nbudget : 0);

		if (!work[i].lines->n)
			continue;
		for (size_t k = i + 1; k < n; k++)
			reserve += work[k].lines->n ? 4 : 0;
		y = draw_list(s, y, reserve, work[i].title, work[i].lines, work[i].more);
	}
	return y;
}

static void dashboard_draw(struct screen *s)
{
	struct dashboard *d = s->data;
	int y = 0;

	/* What others saved shows by itself, at most once a second: a burst
	 * of saves costs one load. */
	if (d->stale && time(NULL) > d->loaded) {
		d->stale = false;
		dashboard_load(s);
	}
	if (!d->fresh) {
		if (d->menu_moved)
			draw_menu(s); /* curses sends the two lines that changed */
		d->menu_moved = false;
		wnoutrefresh(s->win); /* unchanged: costs no bytes on the line */
		return;
	}
	werase(s->win);
	draw_menu(s);
	/* What needs doing first; the offers take what is left. */
	if (d->nalerts)
		y = draw_alerts(s, d, y);
	if (d->nteams) {
		y = draw_section(s, y, "Teams (t: mehr)");
		for (size_t i = 0; i < d->nteams; i++)
			y = draw_line(s, y, d->teams[i]);
		y++;
	}
	if (desk_empty(d))
		y = draw_first_steps(s, y);
	if (d->ndrafts)
		y = draw_drafts(s, d, y);
	y = draw_work(s, d, y);
	if (d->nlocks) {
		y = draw_section(s, y,
		                 rights_admin(ui_staff(s->ui))
		                         ? "Bearbeitungssperren (alle; k: Liste)"
		                         : "Meine Bearbeitungssperren");
		for (size_t i = 0; i < d->nlocks; i++)
			y = draw_line(s, y, d->locks[i]);
		y++;
	}
	if (d->nbudget) { /* below the work, which leaves it room */
		y = draw_section(s, y, "Budget des Jahres (b: mehr)");
		for (size_t i = 0; i < d->nbudget; i++)
			y = draw_line(s, y, d->budget[i]);
		y++;
	}
	if (d->server[0][0]) {
		y = draw_section(s, y, "Server");
		for (size_t i = 0; i < 3; i++)
			y = draw_line(s, y, d->server[i]);
		y++;
	}
	if (offers_listed(ui_staff(s->ui)) && y < getmaxy(s->win) - 1)
		y = draw_offers(s, d, y);
	wnoutrefresh(s->win);
	d->fresh = false;
}

static int open_entry(struct screen *s, struct ui_input in)
{
	for (size_t i = 0; i < menu_nentries; i++) {
		const struct menu_entry *e = &menu_entries[i];

		if (!in.is_key && in.ch == (wint_t)e->key && entry_allowed(s->ui, e)) {
			scr_list_open(s->ui, e->desc, NULL, -1);
			return UI_HANDLED;
		}
	}
	return UI_UNHANDLED;
}

/* A draft goes on in the form of its record type. */
static void open_draft(struct ui *ui, const struct draft *draft)
{
	const struct screen_desc *desc = desc_find(draft->table);

	if (desc)
		scr_form_open(ui, desc, draft->record, NULL, draft);
	else
		ui_error(ui, "Entwürfe dieser Art kann dieses Programm nicht öffnen: %s",
		         draft->table);
}

/* A case the dashboard names, chosen from a pick list in the order of
 * the sections (the only one at once): the open § 8a alerts (their
 * assessment is among the case's lists), the cases without a lead, the
 * follow-ups due, the user's own cases. */
static int open_case(struct screen *s)
{
	struct dashboard *d = s->data;
	const struct case_lines *sections[] = {&d->approvals, &d->reviews, &d->unassigned,
	                                       &d->stand_in,  &d->due,     &d->mine};
	const char *words[] = {"entscheiden", "Hilfeplan",     "zuweisen",
	                       "Vertretung",  "Wiedervorlage", "mein Fall"};
	struct ui_pick_entry entries[MAX_ALERTS + 6 * MAX_MINE];
	uint64_t ids[MAX_ALERTS + 6 * MAX_MINE];
	const struct screen_desc *descs[MAX_ALERTS + 6 * MAX_MINE];
	size_t n = 0;
	int k = 0;

	char alerts[MAX_ALERTS][OFFER_NAME_W];

	for (size_t i = 0; i < d->nalerts; i++) {
		snprintf(alerts[i], sizeof(alerts[i]), "%s %s  %.100s", d->alerts[i].number,
		         d->alerts[i].district, d->alerts[i].title);
		ids[n] = d->alerts[i].head.id;
		descs[n] = &case_desc;
		entries[n++] = (struct ui_pick_entry){alerts[i], "§ 8a"};
	}
	for (size_t j = 0; j < sizeof(sections) / sizeof(sections[0]); j++)
		for (size_t i = 0; i < sections[j]->n; i++) {
			ids[n] = sections[j]->id[i];
			descs[n] = sections[j]->desc ? sections[j]->desc : &case_desc;
			entries[n++] = (struct ui_pick_entry){sections[j]->text[i], words[j]};
		}
	if (n > 1 && (k = ui_pick(s->ui, "Öffnen", entries, n, 0)) < 0)
		return UI_HANDLED | UI_REDRAW;
	if (n)
		scr_form_open(s->ui, descs[k], ids[k], NULL, NULL);
	return UI_HANDLED | UI_REDRAW;
}

static int dashboard_key(struct screen *s, int action, struct ui_input in)
{
	struct dashboard *d = s->data;

	if (action == ACT_CONTINUE) {
		size_t n = in.ch - '1';

		if (n >= d->ndrafts)
			return UI_HANDLED;
		open_draft(s->ui, d->drafts[n]);
		return UI_HANDLED;
	}
	if (action == ACT_RELOAD) {
		dashboard_load(s);
		return UI_HANDLED;
	}
	if (action == ACT_CASE)
		return open_case(s);
	if (action == ACT_OPEN) {
		scr_list_open(s->ui, menu_entries[d->chosen].desc, NULL, -1);
		return UI_HANDLED;
	}
	if (in.is_key && (in.ch == KEY_UP || in.ch == KEY_DOWN)) {
		move_bar(s, in.ch == KEY_DOWN ? 1 : -1);
		return UI_HANDLED;
	}
	return open_entry(s, in);
}

/* Back from another screen: drafts and locks may have changed. */
static void dashboard_resize(struct screen *s)
{
	dashboard_load(s);
}

static void dashboard_event(struct screen *s, const struct wire_event *ev)
{
	struct dashboard *d = s->data;

	if (strcmp(ev->table, offer_def.table) == 0 || strcmp(ev->table, case_def.table) == 0 ||
	    strcmp(ev->table, follow_up_def.table) == 0 ||
	    strcmp(ev->table, absence_def.table) == 0 ||
	    strcmp(ev->table, measure_def.table) == 0 || strcmp(ev->table, booking_def.table) == 0)
		d->stale = true; /* an offer, a case that may raise or end an alert, a
		                  * measure that waits or is decided */
}

static void dashboard_close(struct screen *s)
{
	struct dashboard *d = s->data;

	if (!d)
		return;
	free_drafts(d);
	free(d->alerts);
	free(d);
}

const struct screen_ops scr_dashboard_ops = {
        .title = "Übersicht",
        .open = dashboard_open,
        .draw = dashboard_draw,
        .key = dashboard_key,
        .resize = dashboard_resize,
        .event = dashboard_event,
        .close = dashboard_close,
};
