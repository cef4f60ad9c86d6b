/* The configuration admins edit (libconfig), loaded and validated as a whole.
 *
 * Every error is collected, not only the first, each as FILE:LINE: message.
 * Relative paths (data_dir, @include) are relative to the config file's
 * folder. Money is written in cents as integers; above 2^31 libconfig needs
 * the L suffix, and the loader refuses a value that overflowed or a float.
 *
 * The settings (the contract with admins and with conf/sozialraum.conf):
 *
 *   data_dir = "../demo-data";              required
 *   socket = "sozialraum.sock";             optional, relative to data_dir
 *   city = "Norderstedt";                   required
 *   ui = { esc_delay = 200; idle_timeout = 900; colour = true; };   all optional
 *   approval = { team_limit = 1500000L; counts = "year"; };  what a team lead may approve:
 *                                           cents in the year ("year") or the whole period
 *   followup = { plan_review_months = 6; followup_days = 14; alert_overdue_hours = 24; };
 *   retention = { case_years = 10; audit_years = 10; draft_days = 30; };
 *                                           case_years: after closure, for a case with
 *                                           no help of a service with keep_to_age
 *   backup = { dir = "backups"; keep = 7; };
 *   districts = ( { id = "FG"; name = "Friedrichsgabe"; residents_u21 = 4100; }, ... );
 *   streets = ( ("Ulzburger Straße", "HM", 1, 199),       whole range
 *               ("Ulzburger Straße", "FG", 200, 599),
 *               ("Buchenweg", "GA"),                        whole street
 *               ("Kohfurth", "GA", 1, 99, "odd") );         odd/even/all
 *   teams = ( { id = "T-FG"; name = "Sozialraumteam Friedrichsgabe"; districts = [ "FG" ]; }, ...
 * ); providers = ( { id = "DW"; name = "Diakonisches Werk"; address = "..."; phone = "..."; }, ...
 * ); services = ( { code = "31"; name = "Sozialpädagogische Familienhilfe"; legal_basis = "§ 31 SGB
 * VIII"; cost_model = "hourly"; rate = 6850; setting = "ambulant"; case_specific = true;
 * keep_to_age = 100; }, ... ); staff = ( { login = "mmeier"; name = "Maria Meier"; role =
 * "fachkraft"; team = "T-FG"; }, { login = "kdw"; name = "Karl Dorn"; role = "traeger"; provider =
 * "DW"; }, ... ); budgets = ( { year = 2026; district = "FG"; line = "fallspezifisch"; planned =
 * 250000000L; },
 * ... );
 */
#ifndef MODEL_CONFIG_H
#define MODEL_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/domain.h"
#include "model/status.h"

#define CONFIG_ID_SIZE    17
#define CONFIG_NAME_SIZE  97
#define CONFIG_LOGIN_SIZE 33

enum approval_counts { APPROVAL_COUNTS_YEAR, APPROVAL_COUNTS_PERIOD };

enum street_parity { PARITY_ALL, PARITY_ODD, PARITY_EVEN };

struct cfg_district {
	char id[CONFIG_ID_SIZE];
	char name[CONFIG_NAME_SIZE];
	int32_t residents_u21;
};

/* One line of the street directory. FROM = TO = 0 means the whole street. */
struct cfg_street {
	char name[CONFIG_NAME_SIZE];
	char folded[2 * CONFIG_NAME_SIZE]; /* text_fold(name) */
	int district;                      /* index into districts */
	int32_t from, to;
	enum street_parity parity;
};

struct cfg_team {
	char id[CONFIG_ID_SIZE];
	char name[CONFIG_NAME_SIZE];
	int *districts; /* indexes into districts */
	size_t ndistricts;
};

struct cfg_provider {
	char id[CONFIG_ID_SIZE];
	char name[CONFIG_NAME_SIZE];
	char address[CONFIG_NAME_SIZE];
	char phone[CONFIG_ID_SIZE * 2];
};

struct cfg_service {
	char code[CONFIG_ID_SIZE];
	char name[CONFIG_NAME_SIZE];
	char legal_basis[CONFIG_ID_SIZE * 2];
	enum cost_model cost_model;
	int64_t rate; /* default rate in cents per unit of the cost model */
	enum setting setting;
	bool case_specific;
	int help_type; /* Art der Hilfe (statistics), -1: no Hilfe zur Erziehung */
	/* § 9b SGB VIII: a case with a help of this service is kept to this
	 * birthday of its young person; 0: retention.case_years after closure */
	int keep_to_age;
};

/* Who made a § 8a matter known (police, school, neighbours, ...): the
 * statistics' list is not fixed, so the office keeps its own. */
struct cfg_reporter {
	char id[CONFIG_ID_SIZE];
	char name[CONFIG_NAME_SIZE];
};

struct cfg_staff {
	char login[CONFIG_LOGIN_SIZE];
	char name[CONFIG_NAME_SIZE];
	enum role role;
	int team;     /* index into teams, -1 when none */
	int provider; /* index into providers, -1 when none (required for traeger) */
};

struct cfg_budget {
	int32_t year;
	int district; /* index into districts */
	enum budget_line line;
	int64_t planned; /* cents */
};

struct config {
	char path[PATH_MAX];        /* the file loaded, as given */
	char data_dir[PATH_MAX];    /* resolved against the file's folder */
	char socket_path[PATH_MAX]; /* resolved against data_dir */
	/* where the terminal program writes a user's exports (a folder per
	 * login); resolved against the file's folder; "": none */
	char export_dir[PATH_MAX];
	char city[CONFIG_NAME_SIZE];

	struct {
		int esc_delay_ms;   /* default 200 (an arrow key split on a slow line), 0..1000 */
		int idle_timeout_s; /* default 900, 0 = never, up to 86400 */
		bool colour;        /* default true */
	} ui;
	int64_t team_approval_limit; /* cents; default 1500000 */
	/* what the limit counts of a proposal: its cost within the current
	 * year (default) or over the whole period it asks for */
	int approval_counts; /* enum approval_counts */
	struct {
		int plan_review_months; /* default 6, 1..24 */
		int followup_days;      /* default 14, 1..365 */
		/* a § 8a alert open longer is overdue; default 24, 1..720 */
		int alert_overdue_hours;
	} followup;
	struct {
		int case_years;  /* default 10, 1..100 */
		int audit_years; /* default 10, 1..100 */
		int draft_days;  /* default 30, 1..3650 */
	} retention;
	struct {
		char dir[PATH_MAX]; /* default "backups"; relative: to the data directory in use */
		int keep;           /* backups kept, the oldest go; default 7, 1..1000 */
	} backup;

	struct cfg_district *districts;
	size_t ndistricts;
	struct cfg_street *streets;
	size_t nstreets;
	struct cfg_team *teams;
	size_t nteams;
	struct cfg_provider *providers;
	size_t nproviders;
	struct cfg_service *services;
	size_t nservices;
	struct cfg_reporter *reporters;
	size_t nreporters;
	struct cfg_staff *staff;
	size_t nstaff;
	struct cfg_budget *budgets;
	size_t nbudgets;
};

struct config_error {
	char file[PATH_MAX]; /* the @include path (as seen from the main config
	                      * file's folder) joined to that folder, so that it
	                      * opens from here; the main file as given when unknown */
	int line;            /* 0 when the error has no line (file missing) */
	char message[256];
};

struct config_errors {
	struct config_error *items;
	size_t count, cap;
};

/* Loads and validates PATH. On success returns STATUS_OK and *OUT (free with
 * config_free). Otherwise *OUT is NULL, ERRORS holds every finding and the
 * status is STATUS_ERR_INVALID (or STATUS_ERR_IO when the file cannot be
 * read, STATUS_ERR_NOMEM). ERRORS must be zero-initialised by the caller and
 * freed with config_errors_free. */
enum status config_load(const char *path, struct config **out, struct config_errors *errors);
void config_free(struct config *config);

/* Prints "FILE:LINE: message" per error (just "FILE: message" for line 0). */
void config_errors_print(const struct config_errors *errors, FILE *out);
void config_errors_free(struct config_errors *errors);

/* Lookups by id; each returns an index or -1. */
int config_find_district(const struct config *config, const char *id);
int config_find_team(const struct config *config, const char *id);
int config_find_reporter(const struct config *config, const char *id);
int config_find_provider(const struct config *config, const char *id);
int config_find_service(const struct config *config, const char *code);
int config_find_staff(const struct config *config, const char *login);

/* Which district is STREET NUMBER? Folds the street name as typed, so
 * "ulzburger strasse" finds "Ulzburger Straße"; "Str." is read as "Straße".
 * Returns the district index or -1. NUMBER 0 matches a street only when all
 * its lines lie in one district. */
int config_street_district(const struct config *config, const char *street, int32_t number);

/* Which district is ADDRESS, as people type it ("Ulzburger Str. 250a",
 * "Am Markt 12 a", "Lindenweg 3-5")? Returns the district index, or -1
 * with the reason in WHY (German): the street unknown (naming up to three
 * streets of the directory that begin alike, never guessing one), the
 * house number missing for a street split between districts, or not in
 * the directory. */
int config_address_district(const struct config *config, const char *address, char *why,
                            size_t size);

/* The planned amount of a budget line, or 0 when none is configured. */
int64_t config_budget_planned(const struct config *config, int32_t year, int district,
                              enum budget_line line);

#endif
