/* The configuration loader.
 *
 * One const table per group or list element (struct field) says what each
 * setting is: its name, type, whether it is required, its range or choices
 * and where its value goes. The same tables drive the defaults, the type and
 * range checks, the check for unknown settings and the parsing, so a new
 * setting is one line in a table. Lists (districts, staff, ...) are parsed in
 * the order of the top-level table, so a reference (staff -> team) always
 * points into a list that is already complete.
 *
 * The loader never stops at the first finding: every error is collected with
 * its file and line, and the configuration is only handed out when there was
 * none.
 *
 * libconfig 1.5 reads an integer literal beyond 32 bits written without the
 * L suffix as a wrapped int (5000000000 comes back as 705032704). So for an
 * integer setting of type CONFIG_TYPE_INT the loader reads the literal again
 * from the source text (libconfig tells file and line) and compares: a money
 * value that differs is refused, any other integer is range-checked with the
 * value that was really written.
 */
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/domain.h"
#include "model/status.h"
#include "model/text.h"

/* Choices are stored through an int; the enums must have its size. */
_Static_assert(sizeof(enum role) == sizeof(int), "enum role is not int-sized");
_Static_assert(sizeof(enum cost_model) == sizeof(int), "enum cost_model is not int-sized");
_Static_assert(sizeof(enum budget_line) == sizeof(int), "enum budget_line is not int-sized");
_Static_assert(sizeof(enum setting) == sizeof(int), "enum setting is not int-sized");
_Static_assert(sizeof(enum street_parity) == sizeof(int), "enum street_parity is not int-sized");

/* 10^14 cents (a trillion euros): far above any budget, far below where sums
 * of int64 could overflow; it also catches a literal libconfig saturated. */
#define MONEY_MAX 100000000000000LL

/* Room for any key compared for duplicates: a folded street name, a login,
 * "2026 FG fallspezifisch". */
#define KEY_SIZE (2 * CONFIG_NAME_SIZE + 8)

enum field_type {
	FIELD_STRING, /* text copied into a char array of .size bytes */
	FIELD_INT,    /* int, .min .. .max */
	FIELD_INT32,  /* int32_t, .min .. .max */
	FIELD_MONEY,  /* int64_t cents, 0 .. MONEY_MAX, never a float */
	FIELD_BOOL,   /* bool */
	FIELD_CHOICE, /* a name of .choices, stored as its index (an enum) */
	FIELD_REF,    /* an id found with .find, stored as its index (int) */
	FIELD_REFS,   /* an array of ids: int * at .offset, size_t at .count_offset */
	FIELD_GROUP,  /* a group of the settings in .group, same base */
	FIELD_LIST,   /* a list described by .list */
	FIELD_TYPE_COUNT
};

enum list_id {
	LIST_DISTRICTS,
	LIST_PROVIDERS,
	LIST_TEAMS,
	LIST_STREETS,
	LIST_SERVICES,
	LIST_STAFF,
	LIST_BUDGETS,
	LIST_COUNT
};

struct load;
struct list_desc;

struct field {
	const char *name;
	enum field_type type;
	bool required;
	long long min, max; /* integers */
	long long def;      /* default of integers, bools, choices, refs */
	const char *def_string;
	size_t offset; /* where the value goes in the struct being filled */
	size_t size;   /* FIELD_STRING: the buffer's size */
	size_t count_offset;
	const char *const *choices; /* FIELD_CHOICE */
	const char *what;           /* FIELD_CHOICE, FIELD_REF(S): "role", "district" */
	int (*find)(const struct config *config, const char *id);
	const struct field *group;    /* FIELD_GROUP */
	const struct list_desc *list; /* FIELD_LIST */
};

struct list_desc {
	enum list_id id;
	const char *what; /* one element, in messages: "district" */
	const struct field *fields;
	bool positional; /* elements are lists ("a", "b", 1, 2), not groups */
	size_t elem_size;
	size_t items_offset, count_offset; /* in struct config */
	/* Duplicates: KEY writes an element's key, KEY_LABEL names it in the
	 * message, KEY_FIELD is the setting whose line the message gives. */
	void (*key)(const void *elem, char *buf, size_t size);
	const char *key_label;
	const char *key_field;
	void (*check)(struct load *ld, void *elem, const config_setting_t *setting);
	void (*finish)(struct load *ld); /* after the whole list */
};

/* The text of a source file, kept to read integer literals again. */
struct source {
	char *file;
	char *text; /* NULL when the file could not be read */
	size_t *lines;
	size_t nlines;
};

struct load {
	struct config *config;
	struct config_errors *errors;
	const char *path;
	char folder[PATH_MAX];
	const config_setting_t **where[LIST_COUNT]; /* each element's setting */
	struct source *sources;
	size_t nsources;
	bool nomem;
};

struct key_entry {
	char key[KEY_SIZE];
	size_t index;
};

#define AT(st, m)    .offset = offsetof(st, m)
#define TEXT(st, m)  .type = FIELD_STRING, AT(st, m), .size = sizeof(((st *)0)->m)
#define MONEY(st, m) .type = FIELD_MONEY, AT(st, m), .min = 0, .max = MONEY_MAX

static const char *const parity_names[] = {"all", "odd", "even", NULL};

/* ---- the schema ---- */

static const struct field ui_fields[] = {
        {.name = "esc_delay",
         .type = FIELD_INT,
         AT(struct config, ui.esc_delay_ms),
         .min = 0,
         .max = 1000,
         .def = 25},
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
         .choices = parity_names,
         .what = "parity"},
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

static void district_key(const void *elem, char *buf, size_t size);
static void provider_key(const void *elem, char *buf, size_t size);
static void team_key(const void *elem, char *buf, size_t size);
static void service_key(const void *elem, char *buf, size_t size);
static void staff_key(const void *elem, char *buf, size_t size);
static void budget_key(const void *elem, char *buf, size_t size);
static void street_check(struct load *ld, void *elem, const config_setting_t *setting);
static void staff_check(struct load *ld, void *elem, const config_setting_t *setting);
static void streets_check_overlaps(struct load *ld);

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
        .check = street_check,
        .finish = streets_check_overlaps,
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
static const struct field top_fields[] = {
        {.name = "data_dir", TEXT(struct config, data_dir), .required = true},
        {.name = "socket", TEXT(struct config, socket_path), .def_string = "sozialraum.sock"},
        {.name = "city", TEXT(struct config, city), .required = true},
        {.name = "ui", .type = FIELD_GROUP, .group = ui_fields},
        {.name = "approval", .type = FIELD_GROUP, .group = approval_fields},
        {.name = "followup", .type = FIELD_GROUP, .group = followup_fields},
        {.name = "retention", .type = FIELD_GROUP, .group = retention_fields},
        {.name = "districts", .type = FIELD_LIST, .list = &district_list},
        {.name = "providers", .type = FIELD_LIST, .list = &provider_list},
        {.name = "teams", .type = FIELD_LIST, .list = &team_list},
        {.name = "streets", .type = FIELD_LIST, .list = &street_list},
        {.name = "services", .type = FIELD_LIST, .list = &service_list},
        {.name = "staff", .type = FIELD_LIST, .list = &staff_list},
        {.name = "budgets", .type = FIELD_LIST, .list = &budget_list},
        {0},
};

/* ---- errors ---- */

static bool path_is_absolute(const char *path)
{
	return path[0] == '/';
}

/* Joins DIR and NAME into OUT; false when it does not fit. */
static bool path_join(const char *dir, const char *name, char *out, size_t size)
{
	const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
	int n = snprintf(out, size, "%s%s%s", dir, sep, name);

	return n >= 0 && (size_t)n < size;
}

/* libconfig names an included file as the @include wrote it, relative to
 * the include folder; report and open it by a path that works from here. */
static void source_path(const struct load *ld, const char *file, char *out, size_t size)
{
	if (!file || strcmp(file, ld->path) == 0 || path_is_absolute(file) ||
	    strcmp(ld->folder, ".") == 0 || !path_join(ld->folder, file, out, size))
		snprintf(out, size, "%s", file ? file : ld->path);
}

static void errors_addv(struct load *ld, const char *file, int line, const char *fmt, va_list ap)
        __attribute__((format(printf, 4, 0)));

static void errors_addv(struct load *ld, const char *file, int line, const char *fmt, va_list ap)
{
	struct config_errors *errors = ld->errors;
	struct config_error *error;
	char message[sizeof error->message], path[sizeof error->file];

	if (errors->count == errors->cap) {
		size_t cap = errors->cap ? 2 * errors->cap : 16;
		void *items = realloc(errors->items, cap * sizeof *errors->items);

		if (!items) {
			ld->nomem = true;
			return;
		}
		errors->items = items;
		errors->cap = cap;
	}
	error = &errors->items[errors->count++];
	source_path(ld, file, path, sizeof path);
	error->line = line;
	vsnprintf(message, sizeof message, fmt, ap);
	/* Messages quote what the file says; it must not drive the terminal. */
	text_neutralise(path, false, error->file, sizeof error->file);
	text_neutralise(message, false, error->message, sizeof error->message);
}

static void errors_add(struct load *ld, const char *file, int line, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void errors_add(struct load *ld, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errors_addv(ld, file, line, fmt, ap);
	va_end(ap);
}

static void error_at(struct load *ld, const config_setting_t *setting, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* An error at SETTING's file and line. */
static void error_at(struct load *ld, const config_setting_t *setting, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errors_addv(ld, config_setting_source_file(setting), config_setting_source_line(setting),
	            fmt, ap);
	va_end(ap);
}

/* "line 12", or "streets.conf:12" when OTHER is in another file than HERE. */
static void where_text(const struct load *ld, const config_setting_t *here,
                       const config_setting_t *other, char *buf, size_t size)
{
	const char *a = config_setting_source_file(here), *b = config_setting_source_file(other);
	char path[PATH_MAX];

	if ((a && b && strcmp(a, b) == 0) || a == b) {
		snprintf(buf, size, "line %d", config_setting_source_line(other));
		return;
	}
	source_path(ld, b, path, sizeof path);
	snprintf(buf, size, "%s:%d", path, config_setting_source_line(other));
}

void config_errors_print(const struct config_errors *errors, FILE *out)
{
	for (size_t i = 0; i < errors->count; i++) {
		const struct config_error *e = &errors->items[i];

		if (e->line > 0)
			fprintf(out, "%s:%d: %s\n", e->file, e->line, e->message);
		else
			fprintf(out, "%s: %s\n", e->file, e->message);
	}
}

void config_errors_free(struct config_errors *errors)
{
	free(errors->items);
	errors->items = NULL;
	errors->count = errors->cap = 0;
}

/* ---- re-reading integer literals from the source ---- */

static void sources_free(struct load *ld)
{
	for (size_t i = 0; i < ld->nsources; i++) {
		free(ld->sources[i].file);
		free(ld->sources[i].text);
		free(ld->sources[i].lines);
	}
	free(ld->sources);
}

/* Reads all of FILE; NULL when it cannot. The caller frees. */
static char *file_read_all(const char *file)
{
	FILE *in = fopen(file, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, n;

	if (!in)
		return NULL;
	do {
		if (cap - len < 4096) {
			char *bigger = realloc(text, cap = cap ? 2 * cap : 8192);

			if (!bigger) {
				free(text);
				fclose(in);
				return NULL;
			}
			text = bigger;
		}
		n = fread(text + len, 1, cap - len - 1, in);
		len += n;
	} while (n > 0);
	text[len] = '\0';
	fclose(in);
	return text;
}

/* Where each line starts, so that a line is found without a scan. */
static bool source_index_lines(struct source *src)
{
	size_t count = 1, i = 0;

	for (const char *p = src->text; *p; p++)
		count += *p == '\n';
	src->lines = malloc(count * sizeof *src->lines);
	if (!src->lines)
		return false;
	src->lines[i++] = 0;
	for (const char *p = src->text; *p; p++)
		if (*p == '\n')
			src->lines[i++] = (size_t)(p - src->text) + 1;
	src->nlines = count;
	return true;
}

/* The text of FILE (a path as source_path gives it), read once per load. */
static const struct source *source_get(struct load *ld, const char *file)
{
	struct source *src, *grown;

	for (size_t i = 0; i < ld->nsources; i++)
		if (strcmp(ld->sources[i].file, file) == 0)
			return &ld->sources[i];
	grown = realloc(ld->sources, (ld->nsources + 1) * sizeof *grown);
	if (!grown)
		return NULL;
	ld->sources = grown;
	src = &ld->sources[ld->nsources];
	memset(src, 0, sizeof *src);
	src->file = strdup(file);
	if (!src->file)
		return NULL;
	ld->nsources++;
	src->text = file_read_all(file);
	if (src->text && !source_index_lines(src)) {
		free(src->text);
		src->text = NULL;
	}
	return src;
}

static bool is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Skips a string, a comment or one other character at P; NULL at a line
 * comment, which ends what there is to read on the line. */
static const char *skip_token(const char *p)
{
	if (*p == '"') {
		for (p++; *p && *p != '"' && *p != '\n'; p++)
			if (*p == '\\' && p[1])
				p++;
		return *p == '"' ? p + 1 : p;
	}
	if (*p == '#' || (p[0] == '/' && p[1] == '/'))
		return NULL;
	if (p[0] == '/' && p[1] == '*') {
		const char *end = strstr(p + 2, "*/");
		return end ? end + 2 : NULL;
	}
	return p + 1;
}

/* After the ORDINAL-th "NAME =" or "NAME:" on the line at P (outside strings
 * and comments), or NULL. */
static const char *find_assignment(const char *p, const char *name, int ordinal)
{
	size_t len = strlen(name);

	while (p && *p && *p != '\n') {
		if (!is_name_start(*p)) {
			p = skip_token(p);
			continue;
		}
		const char *start = p;
		while (is_name_char(*p))
			p++;
		if ((size_t)(p - start) != len || memcmp(start, name, len) != 0)
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if ((*p == '=' || *p == ':') && ordinal-- == 0)
			return p + 1;
	}
	return NULL;
}

/* Skips blanks, line ends and comments before a value. */
static const char *skip_space(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if (*p == '#' || (p[0] == '/' && p[1] == '/'))
			p += strcspn(p, "\n");
		else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			p = end ? end + 2 : p + strlen(p);
		} else
			return p;
	}
}

enum literal { LITERAL_FOUND, LITERAL_TOO_BIG, LITERAL_NOT_FOUND };

/* Parses the integer literal at P as libconfig would without wrapping it. */
static enum literal literal_parse(const char *p, long long *value)
{
	char *end;

	errno = 0;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		unsigned long long u = strtoull(p + 2, &end, 16);
		if (end == p + 2)
			return LITERAL_NOT_FOUND;
		if (errno == ERANGE || u > LLONG_MAX)
			return LITERAL_TOO_BIG;
		*value = (long long)u;
		return LITERAL_FOUND;
	}
	if (!(*p == '-' || *p == '+' || (*p >= '0' && *p <= '9')))
		return LITERAL_NOT_FOUND;
	*value = strtoll(p, &end, 10);
	if (end == p)
		return LITERAL_NOT_FOUND;
	return errno == ERANGE ? LITERAL_TOO_BIG : LITERAL_FOUND;
}

/* How many earlier elements of the same list wrote SETTING's name on the
 * same line: the literal to read is the one after theirs. */
static int same_line_before(const config_setting_t *setting)
{
	const config_setting_t *group = config_setting_parent(setting);
	const config_setting_t *list = group ? config_setting_parent(group) : NULL;
	const char *file = config_setting_source_file(setting);
	int count = 0;

	if (!list || !config_setting_is_list(list))
		return 0;
	for (int i = config_setting_index(group) - 1; i >= 0; i--) {
		const config_setting_t *e = config_setting_get_elem(list, (unsigned)i), *m;

		if (!config_setting_is_group(e))
			break;
		m = config_setting_get_member(e, config_setting_name(setting));
		if (!m || config_setting_source_line(m) != config_setting_source_line(setting) ||
		    !config_setting_source_file(m) || !file ||
		    strcmp(config_setting_source_file(m), file) != 0)
			break;
		count++;
	}
	return count;
}

/* The literal written for the integer SETTING, read from its source line. */
static enum literal literal_of(struct load *ld, const config_setting_t *setting, long long *value)
{
	const char *name = config_setting_name(setting);
	unsigned line = config_setting_source_line(setting);
	const struct source *src;
	const char *p;
	char path[PATH_MAX];

	if (!name || line == 0)
		return LITERAL_NOT_FOUND;
	source_path(ld, config_setting_source_file(setting), path, sizeof path);
	src = source_get(ld, path);
	if (!src || !src->text || line > src->nlines)
		return LITERAL_NOT_FOUND;
	p = find_assignment(src->text + src->lines[line - 1], name, same_line_before(setting));
	if (!p)
		return LITERAL_NOT_FOUND;
	return literal_parse(skip_space(p), value);
}

/* ---- parsing one setting, per field type ---- */

static void *field_ptr(void *base, const struct field *f)
{
	return (char *)base + f->offset;
}

static const struct field *field_find(const struct field *fields, const char *name)
{
	for (const struct field *f = fields; f->name; f++)
		if (name && strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* A string setting that is valid text, or NULL after reporting. */
static const char *get_text(struct load *ld, const struct field *f, const config_setting_t *s)
{
	const char *value = config_setting_get_string(s);

	if (!value) {
		error_at(ld, s, "'%s' must be a string in double quotes", f->name);
		return NULL;
	}
	if (text_check(value, false) != STATUS_OK) {
		error_at(ld, s, "'%s' holds a control character or is not valid UTF-8", f->name);
		return NULL;
	}
	return value;
}

static void parse_string(struct load *ld, const struct field *f, const config_setting_t *s,
                         void *base)
{
	const char *value = get_text(ld, f, s);
	size_t len;

	if (!value)
		return;
	len = strlen(value);
	if (len >= f->size)
		error_at(ld, s, "'%s' too long (max %zu bytes)", f->name, f->size - 1);
	else if (len == 0 && f->required)
		error_at(ld, s, "'%s' must not be empty", f->name);
	else
		memcpy(field_ptr(base, f), value, len + 1);
}

/* A plain int: libconfig may have wrapped it, so compare with the source. */
static bool get_plain_int(struct load *ld, const struct field *f, const config_setting_t *s,
                          long long *out)
{
	long long written;
	enum literal found = literal_of(ld, s, &written);

	*out = config_setting_get_int(s);
	if (f->type != FIELD_MONEY) {
		/* The range check then sees what was really written. */
		if (found == LITERAL_FOUND)
			*out = written;
		else if (found == LITERAL_TOO_BIG)
			*out = LLONG_MAX;
		return true;
	}
	if (found == LITERAL_TOO_BIG) {
		error_at(ld, s, "'%s': money value too large", f->name);
		return false;
	}
	if (found == LITERAL_NOT_FOUND) {
		error_at(ld, s,
		         "'%s': cannot find the value in the file to check it; write "
		         "'%s = VALUE;' on one line",
		         f->name, f->name);
		return false;
	}
	if (written != *out) {
		error_at(ld, s, "'%s': money value overflowed: write it with the L suffix (%lldL)",
		         f->name, written);
		return false;
	}
	return true;
}

static bool get_integer(struct load *ld, const struct field *f, const config_setting_t *s,
                        long long *out)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT64:
		*out = config_setting_get_int64(s);
		return true;
	case CONFIG_TYPE_INT:
		return get_plain_int(ld, f, s, out);
	case CONFIG_TYPE_FLOAT:
		if (f->type == FIELD_MONEY)
			error_at(ld, s, "'%s' is money in cents: write a whole number, not a float",
			         f->name);
		else
			error_at(ld, s, "'%s' must be a whole number, not a float", f->name);
		return false;
	default:
		error_at(ld, s, "'%s' must be %s", f->name,
		         f->type == FIELD_MONEY ? "a whole number of cents" : "a whole number");
		return false;
	}
}

static bool check_range(struct load *ld, const struct field *f, const config_setting_t *s,
                        long long value)
{
	bool open_ended = f->max >= INT32_MAX; /* no upper bound worth naming */

	if (value >= f->min && value <= f->max)
		return true;
	if (value < f->min && f->min == 0 && open_ended)
		error_at(ld, s, "'%s' must not be negative", f->name);
	else if (!open_ended)
		error_at(ld, s, "'%s' must be between %lld and %lld", f->name, f->min, f->max);
	else if (value < f->min)
		error_at(ld, s, "'%s' must be at least %lld", f->name, f->min);
	else
		error_at(ld, s, "'%s' too large (max %lld)", f->name, f->max);
	return false;
}

static void store_integer(const struct field *f, void *base, long long value)
{
	void *p = field_ptr(base, f);

	if (f->type == FIELD_MONEY)
		*(int64_t *)p = (int64_t)value;
	else if (f->type == FIELD_INT32)
		*(int32_t *)p = (int32_t)value;
	else
		*(int *)p = (int)value;
}

static void parse_integer(struct load *ld, const struct field *f, const config_setting_t *s,
                          void *base)
{
	long long value;

	if (get_integer(ld, f, s, &value) && check_range(ld, f, s, value))
		store_integer(f, base, value);
}

static void parse_bool(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		error_at(ld, s, "'%s' must be true or false", f->name);
	else
		*(bool *)field_ptr(base, f) = config_setting_get_bool(s);
}

/* "a, b, c": the names of a choice, for the message. */
static void choices_text(const char *const *names, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; names[i] && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void parse_choice(struct load *ld, const struct field *f, const config_setting_t *s,
                         void *base)
{
	const char *value = get_text(ld, f, s);
	char names[160];
	int index;

	if (!value)
		return;
	index = domain_lookup(f->choices, value);
	if (index >= 0) {
		*(int *)field_ptr(base, f) = index;
		return;
	}
	choices_text(f->choices, names, sizeof names);
	error_at(ld, s, "unknown %s '%s': use one of %s", f->what, value, names);
}

/* The index of the id in S, or -1 after reporting. */
static int resolve_ref(struct load *ld, const struct field *f, const config_setting_t *s)
{
	const char *value = get_text(ld, f, s);
	int index;

	if (!value)
		return -1;
	index = f->find(ld->config, value);
	if (index < 0)
		error_at(ld, s, "unknown %s '%s'", f->what, value);
	return index;
}

static void parse_ref(struct load *ld, const struct field *f, const config_setting_t *s, void *base)
{
	*(int *)field_ptr(base, f) = resolve_ref(ld, f, s);
}

static void parse_refs(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base)
{
	int n = config_setting_length(s);
	int *refs;

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) {
		error_at(ld, s, "'%s' must be a list of ids in [ ]", f->name);
		return;
	}
	if (n == 0 && f->required) {
		error_at(ld, s, "'%s' must name at least one %s", f->name, f->what);
		return;
	}
	refs = calloc(n ? (size_t)n : 1, sizeof *refs);
	if (!refs) {
		ld->nomem = true;
		return;
	}
	for (int i = 0; i < n; i++)
		refs[i] = resolve_ref(ld, f, config_setting_get_elem(s, (unsigned)i));
	memcpy(field_ptr(base, f), &refs, sizeof refs);
	*(size_t *)((char *)base + f->count_offset) = (size_t)n;
}

static void parse_fields(struct load *ld, const struct field *fields, const config_setting_t *group,
                         void *base, const char *label);
static void parse_list(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base);

static void parse_group(struct load *ld, const struct field *f, const config_setting_t *s,
                        void *base)
{
	if (!config_setting_is_group(s))
		error_at(ld, s, "'%s' must be a group { ... }", f->name);
	else
		parse_fields(ld, f->group, s, base, f->name);
}

typedef void field_parser(struct load *ld, const struct field *f, const config_setting_t *s,
                          void *base);

static field_parser *const parsers[FIELD_TYPE_COUNT] = {
        [FIELD_STRING] = parse_string, [FIELD_INT] = parse_integer, [FIELD_INT32] = parse_integer,
        [FIELD_MONEY] = parse_integer, [FIELD_BOOL] = parse_bool,   [FIELD_CHOICE] = parse_choice,
        [FIELD_REF] = parse_ref,       [FIELD_REFS] = parse_refs,   [FIELD_GROUP] = parse_group,
        [FIELD_LIST] = parse_list,
};

/* ---- groups and lists ---- */

static void apply_defaults(const struct field *fields, void *base)
{
	for (const struct field *f = fields; f->name; f++) {
		switch (f->type) {
		case FIELD_STRING:
			if (f->def_string)
				snprintf(field_ptr(base, f), f->size, "%s", f->def_string);
			break;
		case FIELD_INT:
		case FIELD_INT32:
		case FIELD_MONEY:
			store_integer(f, base, f->def);
			break;
		case FIELD_BOOL:
			*(bool *)field_ptr(base, f) = f->def != 0;
			break;
		case FIELD_CHOICE:
		case FIELD_REF:
			*(int *)field_ptr(base, f) = (int)f->def;
			break;
		case FIELD_GROUP:
			apply_defaults(f->group, base);
			break;
		default:
			break;
		}
	}
}

static void check_unknown(struct load *ld, const struct field *fields,
                          const config_setting_t *group, const char *label)
{
	int n = config_setting_length(group);

	for (int i = 0; i < n; i++) {
		const config_setting_t *member = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(member);

		if (field_find(fields, name))
			continue;
		if (label)
			error_at(ld, member, "unknown setting '%s' in %s", name ? name : "?",
			         label);
		else
			error_at(ld, member, "unknown setting '%s'", name ? name : "?");
	}
}

/* Parses the members of GROUP by the table FIELDS into BASE. LABEL names the
 * group in messages (NULL at the top level). */
static void parse_fields(struct load *ld, const struct field *fields, const config_setting_t *group,
                         void *base, const char *label)
{
	check_unknown(ld, fields, group, label);
	for (const struct field *f = fields; f->name; f++) {
		const config_setting_t *member = config_setting_get_member(group, f->name);

		if (member)
			parsers[f->type](ld, f, member, base);
		else if (f->required && label)
			error_at(ld, group, "missing required setting '%s' in %s", f->name, label);
		else if (f->required)
			error_at(ld, group, "missing required setting '%s'", f->name);
	}
}

/* Positional elements: field I is value I of the list. */
static void parse_positional(struct load *ld, const struct list_desc *l, const config_setting_t *e,
                             void *elem)
{
	int n = config_setting_length(e), nfields = 0;

	while (l->fields[nfields].name)
		nfields++;
	if (n > nfields)
		error_at(ld, e, "too many values in %s (at most %d)", l->what, nfields);
	for (int i = 0; i < nfields; i++) {
		const struct field *f = &l->fields[i];

		if (i < n)
			parsers[f->type](ld, f, config_setting_get_elem(e, (unsigned)i), elem);
		else if (f->required)
			error_at(ld, e, "missing required value '%s' in %s", f->name, l->what);
	}
}

/* False when E is not the kind of aggregate the list holds (nothing parsed). */
static bool parse_element(struct load *ld, const struct list_desc *l, const config_setting_t *e,
                          void *elem)
{
	apply_defaults(l->fields, elem);
	if (l->positional) {
		if (!config_setting_is_list(e) && !config_setting_is_array(e)) {
			error_at(ld, e, "each %s must be a list ( ... )", l->what);
			return false;
		}
		parse_positional(ld, l, e, elem);
	} else {
		if (!config_setting_is_group(e)) {
			error_at(ld, e, "each %s must be a group { ... }", l->what);
			return false;
		}
		parse_fields(ld, l->fields, e, elem, l->what);
	}
	if (l->check)
		l->check(ld, elem, e);
	return true;
}

static void list_get(const struct load *ld, const struct list_desc *l, char **items, size_t *count)
{
	memcpy(items, (const char *)ld->config + l->items_offset, sizeof *items);
	memcpy(count, (const char *)ld->config + l->count_offset, sizeof *count);
}

static void list_set(struct load *ld, const struct list_desc *l, void *items, size_t count)
{
	memcpy((char *)ld->config + l->items_offset, &items, sizeof items);
	memcpy((char *)ld->config + l->count_offset, &count, sizeof count);
}

static void check_unique(struct load *ld, const struct list_desc *l);

static void parse_list(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base)
{
	const struct list_desc *l = f->list;
	size_t n = (size_t)config_setting_length(s), count = 0;
	char *items;
	const config_setting_t **where;

	(void)base;
	if (!config_setting_is_list(s) && !config_setting_is_array(s)) {
		error_at(ld, s, "'%s' must be a list ( ... )", f->name);
		return;
	}
	items = calloc(n ? n : 1, l->elem_size);
	where = calloc(n ? n : 1, sizeof *where);
	if (!items || !where) {
		free(items);
		free(where);
		ld->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

		if (parse_element(ld, l, e, items + count * l->elem_size))
			where[count++] = e;
	}
	list_set(ld, l, items, count);
	ld->where[l->id] = where;
	check_unique(ld, l);
	if (l->finish)
		l->finish(ld);
}

/* ---- checks across settings ---- */

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

static int key_compare(const void *a, const void *b)
{
	const struct key_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

/* Keys of all elements of L sorted by key, ties in file order; NULL when
 * out of memory. The caller frees. */
static struct key_entry *keys_sorted(struct load *ld, const struct list_desc *l,
                                     void (*key)(const void *, char *, size_t), size_t *count)
{
	char *items;
	struct key_entry *keys;

	list_get(ld, l, &items, count);
	keys = calloc(*count ? *count : 1, sizeof *keys);
	if (!keys) {
		ld->nomem = true;
		return NULL;
	}
	for (size_t i = 0; i < *count; i++) {
		key(items + i * l->elem_size, keys[i].key, sizeof keys[i].key);
		keys[i].index = i;
	}
	qsort(keys, *count, sizeof *keys, key_compare);
	return keys;
}

/* The setting an error about element I points at: its key setting if any. */
static const config_setting_t *key_setting(const struct load *ld, const struct list_desc *l,
                                           size_t i)
{
	const config_setting_t *e = ld->where[l->id][i], *m = NULL;

	if (l->key_field && config_setting_is_group(e))
		m = config_setting_get_member(e, l->key_field);
	return m ? m : e;
}

static void report_duplicate(struct load *ld, const struct list_desc *l, size_t dup, size_t first,
                             const char *key)
{
	const config_setting_t *here = key_setting(ld, l, dup), *there = key_setting(ld, l, first);
	char where[PATH_MAX + 32];

	where_text(ld, here, there, where, sizeof where);
	if (l->id == LIST_BUDGETS) {
		const struct cfg_budget *b = &ld->config->budgets[dup];
		error_at(ld, here, "duplicate budget %d %s %s (first at %s)", (int)b->year,
		         ld->config->districts[b->district].id, budget_line_names[b->line], where);
	} else {
		error_at(ld, here, "duplicate %s '%s' (first at %s)", l->key_label, key, where);
	}
}

static void check_unique(struct load *ld, const struct list_desc *l)
{
	size_t n, first = 0;
	struct key_entry *keys;

	if (!l->key || !(keys = keys_sorted(ld, l, l->key, &n)))
		return;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(keys[i].key, keys[first].key) != 0)
			first = i;
		else if (keys[i].key[0])
			report_duplicate(ld, l, keys[i].index, keys[first].index, keys[i].key);
	}
	free(keys);
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
		error_at(ld, login, "login '%s' may only hold a-z, 0-9, '.', '-' and '_'",
		         s->login);
	if (s->role == ROLE_TRAEGER && !config_setting_get_member(setting, "provider"))
		error_at(ld, setting, "staff member '%s' has role traeger but no provider",
		         s->login);
}

/* The key a street is matched by: folded, without blanks, '-' and '.', and
 * "str" at the end read as "strasse", so "Ulzburger Str." finds
 * "Ulzburger Straße". */
static void street_key(const char *name, char *out, size_t size)
{
	char folded[KEY_SIZE];
	size_t used = 0;

	text_fold(name, folded, sizeof folded);
	for (const char *p = folded; *p && used + 1 < size; p++)
		if (*p != ' ' && *p != '\t' && *p != '-' && *p != '.')
			out[used++] = *p;
	out[used] = '\0';
	if (used >= 3 && strcmp(out + used - 3, "str") == 0 && used + 4 < size)
		memcpy(out + used, "asse", 5);
}

static void street_key_of(const void *elem, char *buf, size_t size)
{
	street_key(((const struct cfg_street *)elem)->name, buf, size);
}

/* Numbers that failed their own check are marked -1, so that the overlap
 * check leaves the line alone rather than read it as the whole street. */
static void street_check(struct load *ld, void *elem, const config_setting_t *setting)
{
	struct cfg_street *s = elem;
	int n = config_setting_length(setting);

	text_fold(s->name, s->folded, sizeof s->folded);
	if (n == 3) {
		error_at(ld, setting, "street '%s': give both 'from' and 'to', or neither",
		         s->name);
		s->from = s->to = -1;
	} else if (n >= 4 && (s->from == 0 || s->to == 0)) {
		s->from = s->to = -1;
	} else if (s->from > s->to) {
		error_at(ld, setting, "street '%s': 'from' %d is greater than 'to' %d", s->name,
		         (int)s->from, (int)s->to);
		s->from = s->to = -1;
	}
}

static bool parity_matches(int32_t number, enum street_parity parity)
{
	return parity == PARITY_ALL || (parity == PARITY_ODD) == (number % 2 != 0);
}

static bool streets_overlap(const struct cfg_street *a, const struct cfg_street *b)
{
	int32_t lo = a->from > b->from ? a->from : b->from, hi = a->to < b->to ? a->to : b->to;
	enum street_parity p = a->parity == PARITY_ALL ? b->parity : a->parity;

	if (a->from == 0 || b->from == 0)
		return true; /* a whole street covers every number */
	if (lo > hi ||
	    (a->parity != PARITY_ALL && b->parity != PARITY_ALL && a->parity != b->parity))
		return false;
	/* Two numbers in a row always hold one of each parity. */
	return lo < hi || parity_matches(lo, p);
}

static void street_describe(const struct cfg_street *s, char *buf, size_t size)
{
	if (s->from == 0)
		snprintf(buf, size, "(whole street)");
	else
		snprintf(buf, size, "%d-%d%s%s", (int)s->from, (int)s->to,
		         s->parity == PARITY_ALL ? "" : " ",
		         s->parity == PARITY_ALL ? "" : parity_names[s->parity]);
}

/* Lines I of a run of equal names [START, I) that overlap line I. */
static void street_check_run(struct load *ld, const struct key_entry *keys, size_t start, size_t i)
{
	const struct cfg_street *streets = ld->config->streets, *s = &streets[keys[i].index];
	const config_setting_t **where = ld->where[LIST_STREETS];
	char range[48], other[PATH_MAX + 32];

	if (s->from < 0 || s->district < 0)
		return;
	for (size_t j = start; j < i; j++) {
		const struct cfg_street *t = &streets[keys[j].index];

		if (t->from < 0 || t->district < 0 || !streets_overlap(s, t))
			continue;
		street_describe(s, range, sizeof range);
		where_text(ld, where[keys[i].index], where[keys[j].index], other, sizeof other);
		error_at(ld, where[keys[i].index], "street '%s' %s overlaps %s", s->name, range,
		         other);
		return;
	}
}

/* House-number ranges of one street must not overlap, else a number would
 * lie in two districts. */
static void streets_check_overlaps(struct load *ld)
{
	size_t n, start = 0;
	struct key_entry *keys = keys_sorted(ld, &street_list, street_key_of, &n);

	if (!keys)
		return;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(keys[i].key, keys[start].key) != 0)
			start = i;
		else if (keys[i].key[0])
			street_check_run(ld, keys, start, i);
	}
	free(keys);
}

/* data_dir is relative to the file's folder, and made absolute so that a
 * server which changes its working directory still finds it; socket is
 * relative to data_dir. */
static void resolve_paths(struct load *ld, const config_setting_t *root)
{
	struct config *c = ld->config;
	char raw[PATH_MAX], folder[PATH_MAX];

	if (!c->data_dir[0])
		return;
	if (!path_is_absolute(c->data_dir)) {
		if (!realpath(ld->folder, folder))
			snprintf(folder, sizeof folder, "%s", ld->folder);
		memcpy(raw, c->data_dir, sizeof raw);
		if (strcmp(folder, ".") != 0 &&
		    !path_join(folder, raw, c->data_dir, sizeof c->data_dir))
			error_at(ld, config_setting_get_member(root, "data_dir"),
			         "'data_dir' too long once joined to the configuration's folder");
	}
	if (!path_is_absolute(c->socket_path)) {
		memcpy(raw, c->socket_path, sizeof raw);
		if (!path_join(c->data_dir, raw, c->socket_path, sizeof c->socket_path)) {
			const config_setting_t *s = config_setting_get_member(root, "socket");
			error_at(ld, s ? s : root, "'socket' too long once joined to data_dir");
		}
	}
}

/* ---- loading ---- */

static void folder_of(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(out, size, ".");
	else if (slash == path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - path), path);
}

/* Reads PATH with libconfig; on failure reports why and returns the status. */
static enum status read_file(struct load *ld, config_t *cf)
{
	int saved;

	config_set_include_dir(cf, ld->folder);
	errno = 0;
	if (config_read_file(cf, ld->path))
		return STATUS_OK;
	saved = errno;
	if (config_error_type(cf) == CONFIG_ERR_FILE_IO && !config_error_file(cf)) {
		errors_add(ld, NULL, 0, "cannot read %s: %s", ld->path,
		           saved ? strerror(saved) : "input/output error");
		return STATUS_ERR_IO;
	}
	errors_add(ld, config_error_file(cf), config_error_line(cf), "%s",
	           config_error_text(cf) ? config_error_text(cf) : "syntax error");
	return STATUS_ERR_INVALID;
}

void config_free(struct config *config)
{
	if (!config)
		return;
	for (size_t i = 0; i < config->nteams; i++)
		free(config->teams[i].districts);
	free(config->districts);
	free(config->streets);
	free(config->teams);
	free(config->providers);
	free(config->services);
	free(config->staff);
	free(config->budgets);
	free(config);
}

static void load_parse(struct load *ld, const config_setting_t *root)
{
	struct config *c = ld->config;

	snprintf(c->path, sizeof c->path, "%s", ld->path);
	apply_defaults(top_fields, c);
	parse_fields(ld, top_fields, root, c, NULL);
	resolve_paths(ld, root);
}

enum status config_load(const char *path, struct config **out, struct config_errors *errors)
{
	struct load ld = {.errors = errors, .path = path};
	size_t errors_before = errors->count;
	config_t cf;
	enum status status;

	*out = NULL;
	folder_of(path, ld.folder, sizeof ld.folder);
	config_init(&cf);
	status = read_file(&ld, &cf);
	if (status == STATUS_OK) {
		ld.config = calloc(1, sizeof *ld.config);
		if (ld.config)
			load_parse(&ld, config_root_setting(&cf));
		if (!ld.config || ld.nomem)
			status = STATUS_ERR_NOMEM;
		else if (errors->count > errors_before)
			status = STATUS_ERR_INVALID;
	}
	config_destroy(&cf);
	for (int i = 0; i < LIST_COUNT; i++)
		free(ld.where[i]);
	sources_free(&ld);
	if (status == STATUS_OK)
		*out = ld.config;
	else
		config_free(ld.config);
	return status;
}

/* ---- lookups ---- */

int config_find_district(const struct config *config, const char *id)
{
	for (size_t i = 0; i < config->ndistricts; i++)
		if (strcmp(config->districts[i].id, id) == 0)
			return (int)i;
	return -1;
}

int config_find_team(const struct config *config, const char *id)
{
	for (size_t i = 0; i < config->nteams; i++)
		if (strcmp(config->teams[i].id, id) == 0)
			return (int)i;
	return -1;
}

int config_find_provider(const struct config *config, const char *id)
{
	for (size_t i = 0; i < config->nproviders; i++)
		if (strcmp(config->providers[i].id, id) == 0)
			return (int)i;
	return -1;
}

int config_find_service(const struct config *config, const char *code)
{
	for (size_t i = 0; i < config->nservices; i++)
		if (strcmp(config->services[i].code, code) == 0)
			return (int)i;
	return -1;
}

int config_find_staff(const struct config *config, const char *login)
{
	for (size_t i = 0; i < config->nstaff; i++)
		if (strcmp(config->staff[i].login, login) == 0)
			return (int)i;
	return -1;
}

int config_street_district(const struct config *config, const char *street, int32_t number)
{
	char want[KEY_SIZE], key[KEY_SIZE];
	int found = -1;

	if (!street || number < 0)
		return -1;
	street_key(street, want, sizeof want);
	if (!want[0])
		return -1;
	for (size_t i = 0; i < config->nstreets; i++) {
		const struct cfg_street *s = &config->streets[i];

		street_key(s->name, key, sizeof key);
		if (strcmp(key, want) != 0)
			continue;
		if (number == 0) {
			/* Without a number only a street wholly in one district answers. */
			if (found >= 0 && found != s->district)
				return -1;
			found = s->district;
		} else if (s->from == 0 || (number >= s->from && number <= s->to &&
		                            parity_matches(number, s->parity))) {
			return s->district;
		}
	}
	return found;
}

int64_t config_budget_planned(const struct config *config, int32_t year, int district,
                              enum budget_line line)
{
	for (size_t i = 0; i < config->nbudgets; i++) {
		const struct cfg_budget *b = &config->budgets[i];

		if (b->year == year && b->district == district && b->line == line)
			return b->planned;
	}
	return 0;
}
