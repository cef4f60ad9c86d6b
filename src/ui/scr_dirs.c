/* The directories of the configuration: Sozialräume with their streets
 * and the address lookup, teams with their members, providers, and the
 * service catalogue.
 *
 * Every screen here is the generic list screen (scr_list.c) made from a
 * descriptor whose rows come from the configuration the program loaded at
 * start: columns, the rows' FETCH, the heading line that says what is
 * shown (which district, which team), and the sub-list Enter opens.
 *
 * Rows point into the configuration, which lives as long as the program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/absence.h"
#include "model/case.h"
#include "model/date.h"
#include "model/domain.h"
#include "model/rights.h"
#include "model/money.h"
#include "model/text.h"
#include "desc.h"
#include "screens.h"

#define ADDRESS_SIZE 160

/* The address lookup's own state: the last address asked for, to refine. */
struct dir_extra {
	char address[ADDRESS_SIZE];
};

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

/* --- Sozialräume --- */

struct district_row {
	const struct cfg_district *district;
	int index;
	size_t nstreets;
};

static size_t district_id(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct district_row *)row)->district->id);
}

static size_t district_name(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct district_row *)row)->district->name);
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

static enum status districts_rows(struct list_state *ls, struct ui_list *list)
{
	const struct config *config = ui_config(ls->ui);

	for (size_t i = 0; i < config->ndistricts; i++) {
		struct district_row row = {.district = &config->districts[i], .index = (int)i};

		for (size_t j = 0; j < config->nstreets; j++)
			row.nstreets += config->streets[j].district == (int)i;
		ui_list_append(list, &row);
	}
	return STATUS_OK;
}

static void districts_heading(const struct list_state *ls, char *buf, size_t size)
{
	const struct config *config = ui_config(ls->ui);
	char total[32];
	int64_t sum = 0;

	for (size_t i = 0; i < config->ndistricts; i++)
		sum += config->districts[i].residents_u21;
	cell_count(total, sizeof(total), sum);
	desc_cell(buf, size, "Sozialräume in %s · zusammen %s Einwohner unter 21", config->city,
	          total);
}

/* --- the streets of one Sozialraum --- */

static const struct cfg_street *street_of(const void *row)
{
	return *(const struct cfg_street *const *)row;
}

static size_t street_name(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", street_of(row)->name);
}

/* "alle", "1–99", "2–98 gerade", "1–99 ungerade". */
static size_t street_numbers(const void *row, char *buf, size_t size)
{
	const struct cfg_street *street = street_of(row);
	static const char *const parity[] = {
	        [PARITY_ALL] = "", [PARITY_ODD] = " ungerade", [PARITY_EVEN] = " gerade"};

	if (street->from == 0)
		return desc_cell(buf, size, "alle");
	return desc_cell(buf, size, "%d–%d%s", (int)street->from, (int)street->to,
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

static enum status streets_rows(struct list_state *ls, struct ui_list *list)
{
	const struct config *config = ui_config(ls->ui);
	const struct cfg_street **rows;
	size_t n = 0;

	if (!(rows = malloc((config->nstreets ? config->nstreets : 1) * sizeof(*rows))))
		return STATUS_ERR_NOMEM;
	for (size_t i = 0; i < config->nstreets; i++)
		if (config->streets[i].district == ls->parent_index)
			rows[n++] = &config->streets[i];
	qsort(rows, n, sizeof(*rows), street_compare);
	for (size_t i = 0; i < n; i++)
		ui_list_append(list, &rows[i]);
	free(rows);
	return STATUS_OK;
}

static void streets_heading(const struct list_state *ls, char *buf, size_t size)
{
	const struct cfg_district *district = &ui_config(ls->ui)->districts[ls->parent_index];

	desc_cell(buf, size, "Straßenverzeichnis · Sozialraum %s – %s", district->id,
	          district->name);
}

/* --- the address lookup --- */

static void address_answer(struct ui *ui, const char *typed)
{
	const struct config *config = ui_config(ui);
	char why[CONFIG_NAME_SIZE * 4];
	int district = config_address_district(config, typed, why, sizeof(why));

	if (district >= 0)
		ui_message(ui, "%s liegt im Sozialraum %s – %s", typed,
		           config->districts[district].id, config->districts[district].name);
	else
		ui_error(ui, "%s: %s", typed, why);
}

static int districts_address(struct list_state *ls, const void *row)
{
	struct dir_extra *d = ls->extra;
	char buf[ADDRESS_SIZE];

	(void)row;
	text_copy(buf, sizeof(buf), d->address);
	if (!ui_prompt(ls->ui, "Adresse (Straße Hausnummer): ", buf, sizeof(buf)))
		return UI_HANDLED;
	text_trim(buf);
	if (!buf[0])
		return UI_HANDLED;
	text_copy(d->address, sizeof(d->address), buf);
	address_answer(ls->ui, buf);
	return UI_HANDLED;
}

/* --- the screens of Sozialräume --- */

static int district_index(const void *row)
{
	return ((const struct district_row *)row)->index;
}

static const struct desc_action address_actions[] = {
        {CMD_ADDRESS, NULL, NULL, VERB_LIST, districts_address},
};

static const struct screen_desc streets_desc = {
        .title = "Straßenverzeichnis",
        DESC_COLUMNS(street_columns),
        DESC_ACTIONS(address_actions),
        .row_size = sizeof(const struct cfg_street *),
        .rows = streets_rows,
        .heading = streets_heading,
        .extra_size = sizeof(struct dir_extra),
};

const struct screen_desc districts_desc = {
        .title = "Sozialräume",
        DESC_COLUMNS(district_columns),
        DESC_ACTIONS(address_actions),
        .row_size = sizeof(struct district_row),
        .rows = districts_rows,
        .heading = districts_heading,
        .sub = &streets_desc,
        .sub_index = district_index,
        .open_label = "Straßen",
        .extra_size = sizeof(struct dir_extra),
};

/* --- Teams --- */

struct team_row {
	const struct cfg_team *team;
	int index;
	size_t nmembers;
	int64_t unassigned;  /* open cases without a lead; -1: not to be said */
	char districts[128]; /* "FG, HM" */
};

static size_t team_id(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct team_row *)row)->team->id);
}

static size_t team_name(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct team_row *)row)->team->name);
}

static size_t team_districts(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct team_row *)row)->districts);
}

static size_t team_members(const void *row, char *buf, size_t size)
{
	return cell_count(buf, size, (int64_t)((const struct team_row *)row)->nmembers);
}

static size_t member_load(char *buf, size_t size, int64_t n, bool more);

static size_t team_unassigned(const void *row, char *buf, size_t size)
{
	return member_load(buf, size, ((const struct team_row *)row)->unassigned, false);
}

static const struct ui_column team_columns[] = {
        {.label = "Kürzel", .width = 8, .format = team_id},
        {.label = "Name", .width = 0, .format = team_name},
        {.label = "Sozialräume", .width = 14, .format = team_districts},
        {.label = "Mitglieder", .width = 10, .format = team_members, .numeric = true},
        {.label = "ohne Fallf.", .width = 11, .format = team_unassigned, .numeric = true},
};

/* The ids of the team's districts, "FG, HM". */
static void team_district_ids(const struct config *config, const struct cfg_team *team, char *buf,
                              size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < team->ndistricts && used < size; i++)
		used += desc_cell(buf + used, size - used, "%s%s", i ? ", " : "",
		                  config->districts[team->districts[i]].id);
}

/* Whose cases the user sees the counts of: their own team's, or every
 * team's for the head of office. Another team's would count only what the
 * user may see of it, which is not its load; the budget clerks have no
 * business with anyone's load. */
static bool team_visible(struct ui *ui, int team)
{
	const struct cfg_staff *me = ui_staff(ui);

	return me->role == ROLE_AMTSLEITUNG ||
	       ((me->role == ROLE_FACHKRAFT || me->role == ROLE_TEAMLEITUNG) && me->team == team);
}

static enum status teams_rows(struct list_state *ls, struct ui_list *list)
{
	const struct config *config = ui_config(ls->ui);

	bool cases = rights_may(ui_staff(ls->ui), &case_def, VERB_LIST), ignored;

	for (size_t i = 0; i < config->nteams; i++) {
		struct team_row row = {
		        .team = &config->teams[i], .index = (int)i, .unassigned = -1};

		team_district_ids(config, row.team, row.districts, sizeof(row.districts));
		if (cases && team_visible(ls->ui, (int)i))
			row.unassigned = ui_record_count(ls->ui, &case_def, "unassigned",
			                                 row.team->id, NULL, &ignored);
		for (size_t j = 0; j < config->nstaff; j++)
			row.nmembers += config->staff[j].team == (int)i;
		ui_list_append(list, &row);
	}
	return STATUS_OK;
}

static void teams_heading(const struct list_state *ls, char *buf, size_t size)
{
	desc_cell(buf, size, "Sozialraumteams in %s", ui_config(ls->ui)->city);
}

/* --- the members of one team --- */

/* A member and their case load as the user may see it (counted by the
 * server among the records the user may list; -1: not to be said). */
struct member_row {
	const struct cfg_staff *staff;
	int64_t open, alerts, follow_ups;
	bool more;         /* the server stopped counting the open cases */
	int32_t away_to;   /* away today, until then; 0: here */
	bool login_hidden; /* provider staff see no internal logins */
	char stand_in[CONFIG_LOGIN_SIZE];
};

static const struct cfg_staff *staff_of(const void *row)
{
	return ((const struct member_row *)row)->staff;
}

static size_t member_load(char *buf, size_t size, int64_t n, bool more)
{
	if (n < 0)
		return desc_cell(buf, size, "–");
	return cell_count(buf, size, n) +
	       (more ? desc_cell(buf + strlen(buf), size - strlen(buf), "+") : 0);
}

static size_t member_open(const void *row, char *buf, size_t size)
{
	const struct member_row *m = row;

	return member_load(buf, size, m->open, m->more);
}

static size_t member_alerts(const void *row, char *buf, size_t size)
{
	return member_load(buf, size, ((const struct member_row *)row)->alerts, false);
}

static size_t member_follow_ups(const void *row, char *buf, size_t size)
{
	return member_load(buf, size, ((const struct member_row *)row)->follow_ups, false);
}

/* "bis 05.12." for one away today, and who stands in. */
static size_t member_away(const void *row, char *buf, size_t size)
{
	const struct member_row *m = row;

	if (!m->away_to)
		return desc_cell(buf, size, "%s", "");
	return desc_cell(buf, size, "bis %02d.%02d.", DATE_DAY(m->away_to), DATE_MONTH(m->away_to));
}

static size_t member_stand_in(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", ((const struct member_row *)row)->stand_in);
}

/* The team's absences that last today, for its members' rows. */
struct team_absences {
	struct absence today[16];
	size_t n;
	int32_t day;
};

static void add_team_absence(void *ctx, const void *rec)
{
	struct team_absences *t = ctx;

	if (t->n < sizeof(t->today) / sizeof(t->today[0]) && absence_covers(rec, t->day))
		t->today[t->n++] = *(const struct absence *)rec;
}

static size_t member_name(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", staff_of(row)->name);
}

static size_t member_login(const void *row, char *buf, size_t size)
{
	const struct member_row *m = row;

	return desc_cell(buf, size, "%s", m->login_hidden ? "" : m->staff->login);
}

static size_t member_role(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", role_labels[staff_of(row)->role]);
}

static const struct ui_column member_columns[] = {
        {.label = "Name", .width = 0, .format = member_name},
        {.label = "Anmeldung", .width = 12, .format = member_login, .min_cols = 90},
        {.label = "Rolle", .width = 12, .format = member_role},
        {.label = "Fälle", .width = 6, .format = member_open, .numeric = true},
        {.label = "§ 8a", .width = 5, .format = member_alerts, .numeric = true},
        {.label = "WV offen", .width = 8, .format = member_follow_ups, .numeric = true},
        {.label = "Abwesend", .width = 10, .format = member_away},
        {.label = "Vertretung", .width = 12, .format = member_stand_in, .min_cols = 100},
};

/* The members with their load: open cases they lead, open § 8a alerts in
 * them, open follow-ups; for a role that lists no cases, none. */
static enum status members_rows(struct list_state *ls, struct ui_list *list)
{
	const struct config *config = ui_config(ls->ui);
	bool cases = rights_may(ui_staff(ls->ui), &case_def, VERB_LIST) &&
	             team_visible(ls->ui, ls->parent_index);
	bool alerts = cases && rights_sees(ui_staff(ls->ui), PRIVACY_SENSITIVE);
	struct team_absences away = {.day = date_today()};
	struct codec_buf *req;
	struct ui_page_pos pos = {0};
	uint8_t key[INDEX_KEY_MAX];
	int len;
	bool more;

	if (rights_may(ui_staff(ls->ui), &absence_def, VERB_LIST)) {
		req = ui_record_list(ls->ui, &absence_def);
		codec_put_u64(req, WF_BACKWARD, 1); /* the newest: today's among them */
		codec_put_str(req, WF_INDEX, "team");
		if ((len = index_put_text(key, sizeof(key), config->teams[ls->parent_index].id)) >
		    0)
			codec_put_bytes(req, WF_KEY, key, (size_t)len);
		ui_record_page(ls->ui, req, &absence_def, &pos, NULL, add_team_absence, &away,
		               &more);
	}
	for (size_t i = 0; i < config->nstaff; i++) {
		struct member_row m = {.staff = &config->staff[i],
		                       .open = -1,
		                       .alerts = -1,
		                       .follow_ups = -1,
		                       .login_hidden = ui_staff(ls->ui)->role == ROLE_TRAEGER};
		char lead[CONFIG_LOGIN_SIZE + 8];
		bool ignored;

		if (m.staff->team != ls->parent_index)
			continue;
		for (size_t k = 0; k < away.n; k++)
			if (strcmp(away.today[k].login, m.staff->login) == 0) {
				m.away_to = away.today[k].to;
				snprintf(m.stand_in, sizeof(m.stand_in), "%s",
				         away.today[k].stand_in);
			}
		if (cases && case_lead_may(config, m.staff->login)) {
			snprintf(lead, sizeof(lead), "lead=%s", m.staff->login);
			m.open = ui_record_count(ls->ui, &case_def, "lead", m.staff->login,
			                         "status=offen", &m.more);
			if (alerts)
				m.alerts = ui_record_count(ls->ui, &case_def, "alert", NULL, lead,
				                           &ignored);
			m.follow_ups = ui_record_count(ls->ui, &follow_up_def, "due",
			                               m.staff->login, NULL, &ignored);
		}
		ui_list_append(list, &m);
	}
	return STATUS_OK;
}

static void members_heading(const struct list_state *ls, char *buf, size_t size)
{
	const struct config *config = ui_config(ls->ui);
	const struct cfg_team *team = &config->teams[ls->parent_index];
	char districts[128];

	team_district_ids(config, team, districts, sizeof(districts));
	desc_cell(buf, size, "%s – %s · Sozialräume %s", team->id, team->name,
	          districts[0] ? districts : "keine");
}

static int team_index(const void *row)
{
	return ((const struct team_row *)row)->index;
}

static const struct screen_desc members_desc = {
        .title = "Teammitglieder",
        DESC_COLUMNS(member_columns),
        .row_size = sizeof(struct member_row),
        .rows = members_rows,
        .heading = members_heading,
        .from_server = true, /* the load and who is away */
};

const struct screen_desc teams_desc = {
        .title = "Teams",
        DESC_COLUMNS(team_columns),
        .row_size = sizeof(struct team_row),
        .rows = teams_rows,
        .heading = teams_heading,
        .from_server = true, /* the cases without a lead */
        .sub = &members_desc,
        .sub_index = team_index,
        .open_label = "Mitglieder",
};

/* --- Träger --- */

static const struct cfg_provider *provider_of(const void *row)
{
	return *(const struct cfg_provider *const *)row;
}

static size_t provider_id(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", provider_of(row)->id);
}

static size_t provider_name(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", provider_of(row)->name);
}

static size_t provider_address(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", provider_of(row)->address);
}

static size_t provider_phone(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", provider_of(row)->phone);
}

static const struct ui_column provider_columns[] = {
        {.label = "Kürzel", .width = 6, .format = provider_id},
        {.label = "Name", .width = 0, .format = provider_name},
        {.label = "Anschrift", .width = 0, .format = provider_address},
        {.label = "Telefon", .width = 16, .format = provider_phone},
};

static enum status providers_rows(struct list_state *ls, struct ui_list *list)
{
	const struct config *config = ui_config(ls->ui);

	for (size_t i = 0; i < config->nproviders; i++) {
		const struct cfg_provider *provider = &config->providers[i];

		ui_list_append(list, &provider);
	}
	return STATUS_OK;
}

static void providers_heading(const struct list_state *ls, char *buf, size_t size)
{
	const void *row = ui_list_selected(ls->list);
	const struct cfg_provider *p = row ? provider_of(row) : NULL;

	if (p)
		desc_cell(buf, size, "%s · %s", p->name, p->address);
	else
		desc_cell(buf, size, "Träger in %s", ui_config(ls->ui)->city);
}

/* The heading shows the selected row in full, which the columns of 80
 * characters cut: it follows the cursor. */
const struct screen_desc providers_desc = {
        .title = "Träger",
        DESC_COLUMNS(provider_columns),
        .row_size = sizeof(const struct cfg_provider *),
        .rows = providers_rows,
        .heading = providers_heading,
};

/* --- Leistungen --- */

static const struct cfg_service *service_of(const void *row)
{
	return *(const struct cfg_service *const *)row;
}

static size_t service_code(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", service_of(row)->code);
}

static size_t service_name(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", service_of(row)->name);
}

static size_t service_basis(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", service_of(row)->legal_basis);
}

static size_t service_cost_model(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", cost_model_labels[service_of(row)->cost_model]);
}

static size_t service_rate(const void *row, char *buf, size_t size)
{
	char money[MONEY_BUFSIZE];

	money_format(service_of(row)->rate, money, sizeof(money));
	return desc_cell(buf, size, "%s", money);
}

static size_t service_setting(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", setting_labels[service_of(row)->setting]);
}

/* The statistics' Art der Hilfe, "07"; empty for no Hilfe zur Erziehung. */
static size_t service_help_type(const void *row, char *buf, size_t size)
{
	int t = service_of(row)->help_type;

	return desc_cell(buf, size, "%s", t >= 0 ? help_type_names[t] : "");
}

static size_t service_case_specific(const void *row, char *buf, size_t size)
{
	return desc_cell(buf, size, "%s", service_of(row)->case_specific ? "ja" : "nein");
}

static const struct ui_column service_columns[] = {
        {.label = "Code", .width = 8, .format = service_code},
        {.label = "Name", .width = 0, .format = service_name},
        {.label = "Rechtsgrundlage", .width = 15, .format = service_basis},
        {.label = "Kosten", .width = 9, .format = service_cost_model},
        {.label = "Satz", .width = 11, .format = service_rate, .numeric = true},
        {.label = "Form", .width = 9, .format = service_setting},
        {.label = "fallsp.", .width = 7, .format = service_case_specific, .min_cols = 100},
        {.label = "Art", .width = 3, .format = service_help_type},
};

static enum status services_rows(struct list_state *ls, struct ui_list *list)
{
	const struct config *config = ui_config(ls->ui);

	for (size_t i = 0; i < config->nservices; i++) {
		const struct cfg_service *service = &config->services[i];

		ui_list_append(list, &service);
	}
	return STATUS_OK;
}

static void services_heading(const struct list_state *ls, char *buf, size_t size)
{
	const void *row = ui_list_selected(ls->list);
	const struct cfg_service *sv = row ? service_of(row) : NULL;

	if (sv)
		desc_cell(buf, size, "%s · %s · %s", sv->code, sv->name, sv->legal_basis);
	else
		desc_cell(buf, size, "Keine Leistungsarten in der Konfiguration");
}

const struct screen_desc services_desc = {
        .title = "Leistungen",
        DESC_COLUMNS(service_columns),
        .row_size = sizeof(const struct cfg_service *),
        .rows = services_rows,
        .heading = services_heading,
};
