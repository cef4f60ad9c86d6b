/* The schema: what each setting is.
 *
 * One const table per group or list element (struct field) says what each
 * setting is: its name, type, whether it is required, its range or choices
 * and where its value goes. The same tables drive the defaults, the type and
 * range checks, the check for unknown settings and the parsing
 * (config_parse.c), so a new setting is one line in a table. A list
 * (struct list_desc) adds how its elements are keyed for duplicates and the
 * checks its elements need beyond their fields.
 */
#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/config.h"
#include "model/domain.h"
#include "config_private.h"

/* 10^14 cents (a trillion euros): far above any budget, far below where sums
 * of int64 could overflow; it also catches a literal libconfig saturated. */
#define MONEY_MAX 100000000000000LL

#define AT(st, m)    .offset = offsetof(st, m)
#define TEXT(st, m)  .type = FIELD_STRING, AT(st, m), .size = sizeof(((st *)0)->m)
#define MONEY(st, m) .type = FIELD_MONEY, AT(st, m), .min = 0, .max = MONEY_MAX

/* ---- groups and list elements ---- */

static const char *const approval_counts_names[] = {"year", "period", NULL};

static const struct field ui_fields[] = {
        {.name = "esc_delay",
         .type = FIELD_INT,
         AT(struct config, ui.esc_delay_ms),
         .min = 0,
         .max = 1000,
         .def = 200},
        {.name = "idle_timeout",
         .type = FIELD_INT,
         AT(struct config, ui.idle_timeout_s),
         .min = 0,
         .max = 86400,
         .def = 900},
        {.name = "colour", .type = FIELD_BOOL, AT(struct config, ui.colour), .def = true},
        {0},
};

static const struct field approval_fields[] = {
        {.name = "team_limit", MONEY(struct config, team_approval_limit), .def = 1500000},
        /* what the limit counts of a proposal: its cost in the year or
         * over its whole period */
        {.name = "counts",
         .type = FIELD_CHOICE,
         AT(struct config, approval_counts),
         .def = APPROVAL_COUNTS_YEAR,
         .choices = approval_counts_names,
         .what = "approval counts (year or period)"},
        {0},
};

static const struct field followup_fields[] = {
        {.name = "plan_review_months",
         .type = FIELD_INT,
         AT(struct config, followup.plan_review_months),
         .min = 1,
         .max = 24,
         .def = 6},
        {.name = "followup_days",
         .type = FIELD_INT,
         AT(struct config, followup.followup_days),
         .min = 1,
         .max = 365,
         .def = 14},
        {.name = "alert_overdue_hours",
         .type = FIELD_INT,
         AT(struct config, followup.alert_overdue_hours),
         .min = 1,
         .max = 720,
         .def = 24},
        {0},
};

static const struct field retention_fields[] = {
        {.name = "case_years",
         .type = FIELD_INT,
         AT(struct config, retention.case_years),
         .min = 1,
         .max = 100,
         .def = 10},
        {.name = "audit_years",
         .type = FIELD_INT,
         AT(struct config, retention.audit_years),
         .min = 1,
         .max = 100,
         .def = 10},
        {.name = "draft_days",
         .type = FIELD_INT,
         AT(struct config, retention.draft_days),
         .min = 1,
         .max = 3650,
         .def = 30},
        {0},
};

static const struct field backup_fields[] = {
        {.name = "dir", TEXT(struct config, backup.dir), .def_string = "backups"},
        {.name = "keep",
         .type = FIELD_INT,
         AT(struct config, backup.keep),
         .min = 1,
         .max = 1000,
         .def = 7},
        {0},
};

static const struct field district_fields[] = {
        {.name = "id", TEXT(struct cfg_district, id), .required = true},
        {.name = "name", TEXT(struct cfg_district, name), .required = true},
        {.name = "residents_u21",
         .type = FIELD_INT32,
         AT(struct cfg_district, residents_u21),
         .required = true,
         .min = 0,
         .max = INT32_MAX},
        {0},
};

static const struct field provider_fields[] = {
        {.name = "id", TEXT(struct cfg_provider, id), .required = true},
        {.name = "name", TEXT(struct cfg_provider, name), .required = true},
        {.name = "address", TEXT(struct cfg_provider, address)},
        {.name = "phone", TEXT(struct cfg_provider, phone)},
        {0},
};

static const struct field team_fields[] = {
        {.name = "id", TEXT(struct cfg_team, id), .required = true},
        {.name = "name", TEXT(struct cfg_team, name), .required = true},
        {.name = "districts",
         .type = FIELD_REFS,
         AT(struct cfg_team, districts),
         .required = true,
         .count_offset = offsetof(struct cfg_team, ndistricts),
         .what = "district",
         .find = config_find_district},
        {0},
};

/* Positional: ("Ulzburger Straße", "HM", 1, 199, "odd"). */
static const struct field street_fields[] = {
        {.name = "street", TEXT(struct cfg_street, name), .required = true},
        {.name = "district",
         .type = FIELD_REF,
         AT(struct cfg_street, district),
         .required = true,
         .def = -1,
         .what = "district",
         .find = config_find_district},
        {.name = "from", .type = FIELD_INT32, AT(struct cfg_street, from), .min = 1, .max = 9999},
        {.name = "to", .type = FIELD_INT32, AT(struct cfg_street, to), .min = 1, .max = 9999},
        {.name = "parity",
         .type = FIELD_CHOICE,
         AT(struct cfg_street, parity),
         .def = PARITY_ALL,
         .choices = config_parity_names,
         .what = "parity"},
        {0},
};

static const struct field reporter_fields[] = {
        {.name = "id", TEXT(struct cfg_reporter, id), .required = true},
        {.name = "name", TEXT(struct cfg_reporter, name), .required = true},
        {0},
};

static const struct field service_fields[] = {
        {.name = "code", TEXT(struct cfg_service, code), .required = true},
        {.name = "name", TEXT(struct cfg_service, name), .required = true},
        {.name = "legal_basis", TEXT(struct cfg_service, legal_basis)},
        {.name = "cost_model",
         .type = FIELD_CHOICE,
         AT(struct cfg_service, cost_model),
         .required = true,
         .choices = cost_model_names,
         .what = "cost_model"},
        {.name = "rate", MONEY(struct cfg_service, rate), .required = true},
        {.name = "setting",
         .type = FIELD_CHOICE,
         AT(struct cfg_service, setting),
         .def = SETTING_AMBULANT,
         .choices = setting_names,
         .what = "service setting"},
        {.name = "case_specific",
         .type = FIELD_BOOL,
         AT(struct cfg_service, case_specific),
         .def = true},
        /* the statistics' Art der Hilfe: none for what is no Hilfe zur
         * Erziehung (§ 16, § 19, § 42; § 41 follows from the age) */
        {.name = "help_type",
         .type = FIELD_CHOICE,
         AT(struct cfg_service, help_type),
         .def = -1,
         .choices = help_type_names,
         .what = "help_type (Art der Hilfe)"},
        /* § 9b SGB VIII: a case with a help of this service is kept to
         * this birthday of its young person (0: retention.case_years) */
        {.name = "keep_to_age",
         .type = FIELD_INT,
         AT(struct cfg_service, keep_to_age),
         .min = 0,
         .max = 120,
         .def = 0},
        {0},
};

static const struct field staff_fields[] = {
        {.name = "login", TEXT(struct cfg_staff, login), .required = true},
        {.name = "name", TEXT(struct cfg_staff, name), .required = true},
        {.name = "role",
         .type = FIELD_CHOICE,
         AT(struct cfg_staff, role),
         .required = true,
         .choices = role_names,
         .what = "role"},
        {.name = "team",
         .type = FIELD_REF,
         AT(struct cfg_staff, team),
         .def = -1,
         .what = "team",
         .find = config_find_team},
        {.name = "provider",
         .type = FIELD_REF,
         AT(struct cfg_staff, provider),
         .def = -1,
         .what = "provider",
         .find = config_find_provider},
        {0},
};

static const struct field budget_fields[] = {
        {.name = "year",
         .type = FIELD_INT32,
         AT(struct cfg_budget, year),
         .required = true,
         .min = 1990,
         .max = 2200},
        {.name = "district",
         .type = FIELD_REF,
         AT(struct cfg_budget, district),
         .required = true,
         .def = -1,
         .what = "district",
         .find = config_find_district},
        {.name = "line",
         .type = FIELD_CHOICE,
         AT(struct cfg_budget, line),
         .required = true,
         .def = -1,
         .choices = budget_line_names,
         .what = "line"},
        {.name = "planned", MONEY(struct cfg_budget, planned), .required = true},
        {0},
};

/* ---- what a list checks beyond its fields ---- */

static void district_key(const void *elem, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ((const struct cfg_district *)elem)->id);
}

static void provider_key(const void *elem, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ((const struct cfg_provider *)elem)->id);
}

static void team_key(const void *elem, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ((const struct cfg_team *)elem)->id);
}

static void service_key(const void *elem, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ((const struct cfg_service *)elem)->code);
}

static void reporter_key(const void *elem, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ((const struct cfg_reporter *)elem)->id);
}

static void staff_key(const void *elem, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ((const struct cfg_staff *)elem)->login);
}

/* Budgets are unique per year, district and line; the key also reads well in
 * the message. Budgets with an unresolved part are left to their own error. */
static void budget_key(const void *elem, char *buf, size_t size)
{
	const struct cfg_budget *b = elem;

	if (b->district < 0 || b->year == 0 || (int)b->line < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, "%d district #%d %s", (int)b->year, b->district,
		         budget_line_names[b->line]);
}

/* Logins become Unix account names: plain lower-case ASCII. */
static bool login_valid(const char *login)
{
	for (const char *p = login; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '-' || *p == '_'))
			return false;
	return true;
}

static void staff_check(struct load *ld, void *elem, const config_setting_t *setting)
{
	const struct cfg_staff *s = elem;
	const config_setting_t *login = config_setting_get_member(setting, "login");

	if (login && !login_valid(s->login))
		config_error_at(ld, login, "login '%s' may only hold a-z, 0-9, '.', '-' and '_'",
		                s->login);
	if (s->role == ROLE_TRAEGER && !config_setting_get_member(setting, "provider"))
		config_error_at(ld, setting, "staff member '%s' has role traeger but no provider",
		                s->login);
}

/* ---- the lists ---- */

#define LIST_AT(items, count)                           \
	.items_offset = offsetof(struct config, items), \
	.count_offset = offsetof(struct config, count)

static const struct list_desc district_list = {
        .id = LIST_DISTRICTS,
        .what = "district",
        .fields = district_fields,
        .elem_size = sizeof(struct cfg_district),
        LIST_AT(districts, ndistricts),
        .key = district_key,
        .key_label = "district id",
        .key_field = "id",
};

static const struct list_desc provider_list = {
        .id = LIST_PROVIDERS,
        .what = "provider",
        .fields = provider_fields,
        .elem_size = sizeof(struct cfg_provider),
        LIST_AT(providers, nproviders),
        .key = provider_key,
        .key_label = "provider id",
        .key_field = "id",
};

static const struct list_desc team_list = {
        .id = LIST_TEAMS,
        .what = "team",
        .fields = team_fields,
        .elem_size = sizeof(struct cfg_team),
        LIST_AT(teams, nteams),
        .key = team_key,
        .key_label = "team id",
        .key_field = "id",
};

static const struct list_desc street_list = {
        .id = LIST_STREETS,
        .what = "street",
        .fields = street_fields,
        .positional = true,
        .elem_size = sizeof(struct cfg_street),
        LIST_AT(streets, nstreets),
        .check = config_street_check,
        .finish = config_streets_check_overlaps,
};

static const struct list_desc service_list = {
        .id = LIST_SERVICES,
        .what = "service",
        .fields = service_fields,
        .elem_size = sizeof(struct cfg_service),
        LIST_AT(services, nservices),
        .key = service_key,
        .key_label = "service code",
        .key_field = "code",
};

static const struct list_desc reporter_list = {
        .id = LIST_REPORTERS,
        .what = "reporter",
        .fields = reporter_fields,
        .elem_size = sizeof(struct cfg_reporter),
        LIST_AT(reporters, nreporters),
        .key = reporter_key,
        .key_label = "reporter id",
        .key_field = "id",
};

static const struct list_desc staff_list = {
        .id = LIST_STAFF,
        .what = "staff member",
        .fields = staff_fields,
        .elem_size = sizeof(struct cfg_staff),
        LIST_AT(staff, nstaff),
        .key = staff_key,
        .key_label = "login",
        .key_field = "login",
        .check = staff_check,
};

static const struct list_desc budget_list = {
        .id = LIST_BUDGETS,
        .what = "budget",
        .fields = budget_fields,
        .elem_size = sizeof(struct cfg_budget),
        LIST_AT(budgets, nbudgets),
        .key = budget_key,
        .key_label = "budget",
};

/* The order of the lists is the order of parsing: referenced lists first. */
const struct field config_top_fields[] = {
        {.name = "data_dir", TEXT(struct config, data_dir), .required = true},
        {.name = "socket", TEXT(struct config, socket_path), .def_string = "sozialraum.sock"},
        {.name = "export_dir", TEXT(struct config, export_dir), .def_string = ""},
        {.name = "city", TEXT(struct config, city), .required = true},
        {.name = "ui", .type = FIELD_GROUP, .group = ui_fields},
        {.name = "approval", .type = FIELD_GROUP, .group = approval_fields},
        {.name = "followup", .type = FIELD_GROUP, .group = followup_fields},
        {.name = "retention", .type = FIELD_GROUP, .group = retention_fields},
        {.name = "backup", .type = FIELD_GROUP, .group = backup_fields},
        {.name = "districts", .type = FIELD_LIST, .list = &district_list},
        {.name = "providers", .type = FIELD_LIST, .list = &provider_list},
        {.name = "teams", .type = FIELD_LIST, .list = &team_list},
        {.name = "streets", .type = FIELD_LIST, .list = &street_list},
        {.name = "services", .type = FIELD_LIST, .list = &service_list},
        {.name = "reporters", .type = FIELD_LIST, .list = &reporter_list},
        {.name = "staff", .type = FIELD_LIST, .list = &staff_list},
        {.name = "budgets", .type = FIELD_LIST, .list = &budget_list},
        {0},
};
