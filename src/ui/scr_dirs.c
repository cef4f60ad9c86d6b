/* The directories of the configuration: Sozialräume with their streets
 * and the address lookup, teams with their members, providers, and the
 * service catalogue.
 *
 * Every screen here is a list screen (list_screen.c): a heading line that
 * says what is shown (which district, which team), and below it a list
 * whose source reads the configuration the program loaded at start. A
 * screen is a list_view (columns, row type, fetch, heading) plus its own
 * keys.
 *
 * Rows point into the configuration, which lives as long as the program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/domain.h"
#include "model/money.h"
#include "model/text.h"
#include "list_screen.h"
#include "screens.h"

#define ADDRESS_SIZE 160

/* The directory screens' own state in their list_screen. */
struct dir_extra {
	int parent;                 /* the district (streets) or team (members) shown; -1 */
	char address[ADDRESS_SIZE]; /* the last address asked for, to refine */
};

enum { ACT_OPEN = 1, ACT_ADDRESS, ACT_LIST };

/* --- cells --- */

/* A count as Germans write it: "16.400". */
static size_t cell_count(char *buf, size_t size, int64_t n)
{
	char digits[32];
	size_t len = (size_t)snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? -n : n));
	size_t used = 0;

	if (n < 0 && used + 1 < size)
		buf[used++] = '-';
	for (size_t i = 0; i < len && used + 1 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0 && used + 2 < size)
			buf[used++] = '.';
		buf[used++] = digits[i];
	}
	if (size)
		buf[used] = '\0';
	return used;
}

/* --- the common screen --- */

/* The state of a screen that shows the sub-list of entry PARENT (-1:
 * none); NULL when out of memory. */
static struct list_screen *dir_state_new(int parent)
{
	struct list_screen *ls = list_screen_new(sizeof(struct dir_extra));

	if (ls)
		((struct dir_extra *)ls->extra)->parent = parent;
	return ls;
}

static int dir_parent(const struct list_screen *ls)
{
	return ((const struct dir_extra *)ls->extra)->parent;
}

/* S->DATA is NULL when opened from the menu, or the state of a sub-list
 * pushed by dir_push_sub(). */
static enum status dir_open(struct screen *s, const struct list_view *view)
{
	if (!s->data && !(s->data = dir_state_new(-1)))
		return STATUS_ERR_NOMEM;
	return list_screen_open(s, view);
}

/* Opens the sub-list OPS (streets, members) of entry PARENT. */
static int dir_push_sub(struct screen *s, const struct screen_ops *ops, int parent)
{
	struct list_screen *sub = dir_state_new(parent);

	if (!sub) {
		ui_error(s->ui, "%s", status_message(STATUS_ERR_NOMEM));
		return UI_HANDLED;
	}
	ui_push(s->ui, ops, sub);
	return UI_HANDLED | UI_REDRAW;
}

/* --- Sozialräume --- */

struct district_row {
	const struct cfg_district *district;
	int index;
	size_t nstreets;
};

static size_t district_id(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", ((const struct district_row *)row)->district->id);
}

static size_t district_name(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s",
	                        ((const struct district_row *)row)->district->name);
}

static size_t district_residents(const void *row, char *buf, size_t size)
{
	return cell_count(buf, size, ((const struct district_row *)row)->district->residents_u21);
}

static size_t district_streets(const void *row, char *buf, size_t size)
{
	return cell_count(buf, size, (int64_t)((const struct district_row *)row)->nstreets);
}

static const struct ui_column district_columns[] = {
        {.label = "Kürzel", .width = 6, .format = district_id},
        {.label = "Name", .width = 0, .format = district_name},
        {.label = "Einwohner unter 21", .width = 18, .format = district_residents, .numeric = true},
        {.label = "Straßenzüge", .width = 11, .format = district_streets, .numeric = true},
};

static enum status districts_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	const struct config *config = ui_config(((struct list_screen *)ctx)->ui);

	*more = false;
	for (size_t i = first ? config->ndistricts : 0; i < config->ndistricts; i++) {
		struct district_row row = {.district = &config->districts[i], .index = (int)i};

		for (size_t j = 0; j < config->nstreets; j++)
			row.nstreets += config->streets[j].district == (int)i;
		ui_list_append(list, &row);
	}
	return STATUS_OK;
}

static void districts_heading(const struct list_screen *ls, char *buf, size_t size)
{
	const struct config *config = ui_config(ls->ui);
	char total[32];
	int64_t sum = 0;

	for (size_t i = 0; i < config->ndistricts; i++)
		sum += config->districts[i].residents_u21;
	cell_count(total, sizeof(total), sum);
	list_screen_cell(buf, size, "Sozialräume in %s · zusammen %s Einwohner unter 21",
	                 config->city, total);
}

/* --- the streets of one Sozialraum --- */

static const struct cfg_street *street_of(const void *row)
{
	return *(const struct cfg_street *const *)row;
}

static size_t street_name(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", street_of(row)->name);
}

/* "alle", "1–99", "2–98 gerade", "1–99 ungerade". */
static size_t street_numbers(const void *row, char *buf, size_t size)
{
	const struct cfg_street *street = street_of(row);
	static const char *const parity[] = {
	        [PARITY_ALL] = "", [PARITY_ODD] = " ungerade", [PARITY_EVEN] = " gerade"};

	if (street->from == 0)
		return list_screen_cell(buf, size, "alle");
	return list_screen_cell(buf, size, "%d–%d%s", (int)street->from, (int)street->to,
	                        parity[street->parity]);
}

static const struct ui_column street_columns[] = {
        {.label = "Straße", .width = 0, .format = street_name},
        {.label = "Hausnummern", .width = 20, .format = street_numbers},
};

/* Alphabetical by the folded name, a split street by its numbers. */
static int street_compare(const void *pa, const void *pb)
{
	const struct cfg_street *a = *(const struct cfg_street *const *)pa;
	const struct cfg_street *b = *(const struct cfg_street *const *)pb;
	int c = strcmp(a->folded, b->folded);

	return c ? c : (a->from > b->from) - (a->from < b->from);
}

static enum status streets_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	const struct list_screen *ls = ctx;
	const struct config *config = ui_config(ls->ui);
	const struct cfg_street **rows;
	size_t n = 0;

	*more = false;
	if (first)
		return STATUS_OK;
	if (!(rows = malloc((config->nstreets ? config->nstreets : 1) * sizeof(*rows))))
		return STATUS_ERR_NOMEM;
	for (size_t i = 0; i < config->nstreets; i++)
		if (config->streets[i].district == dir_parent(ls))
			rows[n++] = &config->streets[i];
	qsort(rows, n, sizeof(*rows), street_compare);
	for (size_t i = 0; i < n; i++)
		ui_list_append(list, &rows[i]);
	free(rows);
	return STATUS_OK;
}

static void streets_heading(const struct list_screen *ls, char *buf, size_t size)
{
	const struct cfg_district *district = &ui_config(ls->ui)->districts[dir_parent(ls)];

	list_screen_cell(buf, size, "Straßenverzeichnis · Sozialraum %s – %s", district->id,
	                 district->name);
}

/* --- the address lookup --- */

/* Splits "Ulzburger Straße 250a" into the street (ADDRESS is cut) and the
 * house number 250; returns 0 when the last word is no house number. */
static int32_t address_split(char *address)
{
	char *space = strrchr(address, ' '), *p;
	long number;

	if (!space || space[1] < '0' || space[1] > '9')
		return 0;
	number = strtol(space + 1, &p, 10);
	/* A letter after the number ("12a") belongs to the same house. */
	if (((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) && p[1] == '\0')
		p++;
	if (*p || number <= 0 || number > INT32_MAX)
		return 0;
	*space = '\0';
	text_trim(address);
	if (address[0] && address[strlen(address) - 1] == ',')
		address[strlen(address) - 1] = '\0';
	return (int32_t)number;
}

static void address_answer(struct ui *ui, const char *typed)
{
	const struct config *config = ui_config(ui);
	char street[ADDRESS_SIZE];
	int32_t number;
	int district;

	text_copy(street, sizeof(street), typed);
	number = address_split(street);
	district = config_street_district(config, street, number);
	if (district >= 0)
		ui_message(ui, "%s liegt im Sozialraum %s – %s", typed,
		           config->districts[district].id, config->districts[district].name);
	else if (number == 0) /* a street split between districts needs its number */
		ui_error(ui, "Adresse nicht im Straßenverzeichnis: %s (Hausnummer fehlt?)", typed);
	else
		ui_error(ui, "Adresse nicht im Straßenverzeichnis: %s", typed);
}

static int districts_address(struct screen *s)
{
	struct dir_extra *d = ((struct list_screen *)s->data)->extra;
	char buf[ADDRESS_SIZE];

	text_copy(buf, sizeof(buf), d->address);
	if (!ui_prompt(s->ui, "Adresse (Straße Hausnummer): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (!buf[0])
		return UI_HANDLED;
	text_copy(d->address, sizeof(d->address), buf);
	address_answer(s->ui, buf);
	return UI_HANDLED;
}

/* --- the screens of Sozialräume --- */

static const struct list_view districts_view = {
        .columns = district_columns,
        .ncolumns = sizeof(district_columns) / sizeof(district_columns[0]),
        .row_size = sizeof(struct district_row),
        .fetch = districts_fetch,
        .heading = districts_heading,
};

static const struct list_view streets_view = {
        .columns = street_columns,
        .ncolumns = sizeof(street_columns) / sizeof(street_columns[0]),
        .row_size = sizeof(const struct cfg_street *),
        .fetch = streets_fetch,
        .heading = streets_heading,
};

static const struct ui_key districts_keys[] = {
        {'\r', 0, "Straßen", "die Straßen des gewählten Sozialraums zeigen", ACT_OPEN},
        {'a', 0, "Adresse", "zu einer Adresse (Straße Hausnummer) den Sozialraum finden",
         ACT_ADDRESS},
        {'/', 0, "Suche", "die Liste eingrenzen (Kürzel, Name …)", ACT_LIST},
        {'s', KEY_F(6), NULL, "nach der nächsten Spalte sortieren (S: umgekehrt)", ACT_LIST},
};

static const struct ui_key streets_keys[] = {
        {'a', 0, "Adresse", "zu einer Adresse (Straße Hausnummer) den Sozialraum finden",
         ACT_ADDRESS},
        {'/', 0, "Suche", "nach Straßen suchen", ACT_LIST},
        {'s', KEY_F(6), NULL, "nach der nächsten Spalte sortieren (S: umgekehrt)", ACT_LIST},
};

static enum status streets_open(struct screen *s)
{
	return dir_open(s, &streets_view);
}

static int streets_key(struct screen *s, int action, struct ui_input in)
{
	struct list_screen *ls = s->data;

	if (action == ACT_ADDRESS)
		return districts_address(s);
	return ui_list_key(ls->list, in);
}

static const struct screen_ops streets_ops = {
        .title = "Straßenverzeichnis",
        .keys = streets_keys,
        .nkeys = sizeof(streets_keys) / sizeof(streets_keys[0]),
        .open = streets_open,
        .draw = list_screen_draw,
        .key = streets_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};

static enum status districts_open(struct screen *s)
{
	return dir_open(s, &districts_view);
}

static int districts_key(struct screen *s, int action, struct ui_input in)
{
	struct list_screen *ls = s->data;
	const struct district_row *row;

	switch (action) {
	case ACT_OPEN:
		if (!(row = ui_list_selected(ls->list)))
			return UI_HANDLED;
		return dir_push_sub(s, &streets_ops, row->index);
	case ACT_ADDRESS:
		return districts_address(s);
	default:
		return ui_list_key(ls->list, in);
	}
}

const struct screen_ops scr_districts_ops = {
        .title = "Sozialräume",
        .keys = districts_keys,
        .nkeys = sizeof(districts_keys) / sizeof(districts_keys[0]),
        .open = districts_open,
        .draw = list_screen_draw,
        .key = districts_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};

/* --- Teams --- */

struct team_row {
	const struct cfg_team *team;
	int index;
	size_t nmembers;
	char districts[128]; /* "FG, HM" */
};

static size_t team_id(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", ((const struct team_row *)row)->team->id);
}

static size_t team_name(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", ((const struct team_row *)row)->team->name);
}

static size_t team_districts(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", ((const struct team_row *)row)->districts);
}

static size_t team_members(const void *row, char *buf, size_t size)
{
	return cell_count(buf, size, (int64_t)((const struct team_row *)row)->nmembers);
}

static const struct ui_column team_columns[] = {
        {.label = "Kürzel", .width = 8, .format = team_id},
        {.label = "Name", .width = 0, .format = team_name},
        {.label = "Sozialräume", .width = 18, .format = team_districts},
        {.label = "Mitglieder", .width = 10, .format = team_members, .numeric = true},
};

/* The ids of the team's districts, "FG, HM". */
static void team_district_ids(const struct config *config, const struct cfg_team *team, char *buf,
                              size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < team->ndistricts && used < size; i++)
		used += list_screen_cell(buf + used, size - used, "%s%s", i ? ", " : "",
		                         config->districts[team->districts[i]].id);
}

static enum status teams_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	const struct config *config = ui_config(((struct list_screen *)ctx)->ui);

	*more = false;
	for (size_t i = first ? config->nteams : 0; i < config->nteams; i++) {
		struct team_row row = {.team = &config->teams[i], .index = (int)i};

		team_district_ids(config, row.team, row.districts, sizeof(row.districts));
		for (size_t j = 0; j < config->nstaff; j++)
			row.nmembers += config->staff[j].team == (int)i;
		ui_list_append(list, &row);
	}
	return STATUS_OK;
}

static void teams_heading(const struct list_screen *ls, char *buf, size_t size)
{
	list_screen_cell(buf, size, "Sozialraumteams in %s", ui_config(ls->ui)->city);
}

/* --- the members of one team --- */

static const struct cfg_staff *staff_of(const void *row)
{
	return *(const struct cfg_staff *const *)row;
}

static size_t member_name(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", staff_of(row)->name);
}

static size_t member_login(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", staff_of(row)->login);
}

static size_t member_role(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", role_labels[staff_of(row)->role]);
}

static const struct ui_column member_columns[] = {
        {.label = "Name", .width = 0, .format = member_name},
        {.label = "Anmeldung", .width = 16, .format = member_login},
        {.label = "Rolle", .width = 20, .format = member_role},
};

static enum status members_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	const struct list_screen *ls = ctx;
	const struct config *config = ui_config(ls->ui);

	*more = false;
	for (size_t i = first ? config->nstaff : 0; i < config->nstaff; i++)
		if (config->staff[i].team == dir_parent(ls)) {
			const struct cfg_staff *staff = &config->staff[i];

			ui_list_append(list, &staff);
		}
	return STATUS_OK;
}

static void members_heading(const struct list_screen *ls, char *buf, size_t size)
{
	const struct config *config = ui_config(ls->ui);
	const struct cfg_team *team = &config->teams[dir_parent(ls)];
	char districts[128];

	team_district_ids(config, team, districts, sizeof(districts));
	list_screen_cell(buf, size, "%s – %s · Sozialräume %s", team->id, team->name,
	                 districts[0] ? districts : "keine");
}

static const struct list_view teams_view = {
        .columns = team_columns,
        .ncolumns = sizeof(team_columns) / sizeof(team_columns[0]),
        .row_size = sizeof(struct team_row),
        .fetch = teams_fetch,
        .heading = teams_heading,
};

static const struct list_view members_view = {
        .columns = member_columns,
        .ncolumns = sizeof(member_columns) / sizeof(member_columns[0]),
        .row_size = sizeof(const struct cfg_staff *),
        .fetch = members_fetch,
        .heading = members_heading,
};

static const struct ui_key teams_keys[] = {
        {'\r', 0, "Mitglieder", "die Mitglieder des gewählten Teams zeigen", ACT_OPEN},
        {'/', 0, "Suche", "die Liste eingrenzen (Kürzel, Name, Sozialraum …)", ACT_LIST},
        {'s', KEY_F(6), NULL, "nach der nächsten Spalte sortieren (S: umgekehrt)", ACT_LIST},
};

/* The plain lists: no keys of their own beyond the list's. */
static const struct ui_key list_keys[] = {
        {'/', 0, "Suche", "die Liste eingrenzen", ACT_LIST},
        {'s', KEY_F(6), NULL, "nach der nächsten Spalte sortieren (S: umgekehrt)", ACT_LIST},
};

/* The heading of these shows the selected row in full, which the columns
 * of 80 characters cut: it follows the cursor. */
static int list_key(struct screen *s, int action, struct ui_input in)
{
	struct list_screen *ls = s->data;

	(void)action;
	ls->heading_dirty = true;
	return ui_list_key(ls->list, in);
}

static enum status members_open(struct screen *s)
{
	return dir_open(s, &members_view);
}

static const struct screen_ops members_ops = {
        .title = "Teammitglieder",
        .keys = list_keys,
        .nkeys = sizeof(list_keys) / sizeof(list_keys[0]),
        .open = members_open,
        .draw = list_screen_draw,
        .key = list_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};

static enum status teams_open(struct screen *s)
{
	return dir_open(s, &teams_view);
}

static int teams_key(struct screen *s, int action, struct ui_input in)
{
	struct list_screen *ls = s->data;
	const struct team_row *row;

	if (action != ACT_OPEN)
		return ui_list_key(ls->list, in);
	if (!(row = ui_list_selected(ls->list)))
		return UI_HANDLED;
	return dir_push_sub(s, &members_ops, row->index);
}

const struct screen_ops scr_teams_ops = {
        .title = "Teams",
        .keys = teams_keys,
        .nkeys = sizeof(teams_keys) / sizeof(teams_keys[0]),
        .open = teams_open,
        .draw = list_screen_draw,
        .key = teams_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};

/* --- Träger --- */

static const struct cfg_provider *provider_of(const void *row)
{
	return *(const struct cfg_provider *const *)row;
}

static size_t provider_id(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", provider_of(row)->id);
}

static size_t provider_name(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", provider_of(row)->name);
}

static size_t provider_address(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", provider_of(row)->address);
}

static size_t provider_phone(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", provider_of(row)->phone);
}

static const struct ui_column provider_columns[] = {
        {.label = "Kürzel", .width = 6, .format = provider_id},
        {.label = "Name", .width = 0, .format = provider_name},
        {.label = "Anschrift", .width = 0, .format = provider_address},
        {.label = "Telefon", .width = 16, .format = provider_phone},
};

static enum status providers_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	const struct config *config = ui_config(((struct list_screen *)ctx)->ui);

	*more = false;
	for (size_t i = first ? config->nproviders : 0; i < config->nproviders; i++) {
		const struct cfg_provider *provider = &config->providers[i];

		ui_list_append(list, &provider);
	}
	return STATUS_OK;
}

static void providers_heading(const struct list_screen *ls, char *buf, size_t size)
{
	const void *row = ui_list_selected(ls->list);
	const struct cfg_provider *p = row ? provider_of(row) : NULL;

	if (p)
		list_screen_cell(buf, size, "%s · %s", p->name, p->address);
	else
		list_screen_cell(buf, size, "Träger in %s", ui_config(ls->ui)->city);
}

static const struct list_view providers_view = {
        .columns = provider_columns,
        .ncolumns = sizeof(provider_columns) / sizeof(provider_columns[0]),
        .row_size = sizeof(const struct cfg_provider *),
        .fetch = providers_fetch,
        .heading = providers_heading,
};

static enum status providers_open(struct screen *s)
{
	return dir_open(s, &providers_view);
}

const struct screen_ops scr_providers_ops = {
        .title = "Träger",
        .keys = list_keys,
        .nkeys = sizeof(list_keys) / sizeof(list_keys[0]),
        .open = providers_open,
        .draw = list_screen_draw,
        .key = list_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};

/* --- Leistungen --- */

static const struct cfg_service *service_of(const void *row)
{
	return *(const struct cfg_service *const *)row;
}

static size_t service_code(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", service_of(row)->code);
}

static size_t service_name(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", service_of(row)->name);
}

static size_t service_basis(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", service_of(row)->legal_basis);
}

static size_t service_cost_model(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", cost_model_labels[service_of(row)->cost_model]);
}

static size_t service_rate(const void *row, char *buf, size_t size)
{
	char money[MONEY_BUFSIZE];

	money_format(service_of(row)->rate, money, sizeof(money));
	return list_screen_cell(buf, size, "%s", money);
}

static size_t service_setting(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", setting_labels[service_of(row)->setting]);
}

static size_t service_case_specific(const void *row, char *buf, size_t size)
{
	return list_screen_cell(buf, size, "%s", service_of(row)->case_specific ? "ja" : "nein");
}

static const struct ui_column service_columns[] = {
        {.label = "Code", .width = 8, .format = service_code},
        {.label = "Name", .width = 0, .format = service_name},
        {.label = "Rechtsgrundlage", .width = 15, .format = service_basis},
        {.label = "Kosten", .width = 9, .format = service_cost_model},
        {.label = "Satz", .width = 11, .format = service_rate, .numeric = true},
        {.label = "Form", .width = 9, .format = service_setting},
        {.label = "fallsp.", .width = 7, .format = service_case_specific},
};

static enum status services_fetch(void *ctx, struct ui_list *list, size_t first, bool *more)
{
	const struct config *config = ui_config(((struct list_screen *)ctx)->ui);

	*more = false;
	for (size_t i = first ? config->nservices : 0; i < config->nservices; i++) {
		const struct cfg_service *service = &config->services[i];

		ui_list_append(list, &service);
	}
	return STATUS_OK;
}

static void services_heading(const struct list_screen *ls, char *buf, size_t size)
{
	const void *row = ui_list_selected(ls->list);
	const struct cfg_service *sv = row ? service_of(row) : NULL;

	if (sv)
		list_screen_cell(buf, size, "%s · %s · %s", sv->code, sv->name, sv->legal_basis);
	else
		list_screen_cell(buf, size, "Keine Leistungsarten in der Konfiguration");
}

static const struct list_view services_view = {
        .columns = service_columns,
        .ncolumns = sizeof(service_columns) / sizeof(service_columns[0]),
        .row_size = sizeof(const struct cfg_service *),
        .fetch = services_fetch,
        .heading = services_heading,
};

static enum status services_open(struct screen *s)
{
	return dir_open(s, &services_view);
}

const struct screen_ops scr_services_ops = {
        .title = "Leistungen",
        .keys = list_keys,
        .nkeys = sizeof(list_keys) / sizeof(list_keys[0]),
        .open = services_open,
        .draw = list_screen_draw,
        .key = list_key,
        .resize = list_screen_resize,
        .close = list_screen_close,
};
