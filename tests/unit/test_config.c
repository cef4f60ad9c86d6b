/* Unit tests of the configuration loader: the demo configuration, street
 * lookups, and every kind of error with its file and line. Each test writes
 * small files into its own temporary folder. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "model/config.h"
#include "check.h"
#include "demo_config.h"

/* Lines 1-4 of most test files: a valid start with districts A and B. */
#define BASE                                                                      \
	"data_dir = \"data\";\n"                                                  \
	"city = \"Teststadt\";\n"                                                 \
	"districts = ( { id = \"A\"; name = \"Alpha\"; residents_u21 = 100; },\n" \
	"              { id = \"B\"; name = \"Beta\"; residents_u21 = 200; } );\n"

static char dir[64];
static char main_path[128];

static void tmp_open(void)
{
	snprintf(dir, sizeof dir, "/tmp/test_config-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(main_path, sizeof main_path, "%s/main.conf", dir);
}

static void tmp_close(void)
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	char path[PATH_MAX + 300];

	while (d && (entry = readdir(d))) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static void write_file(const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *out;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		exit(1);
	}
	fputs(text, out);
	fclose(out);
}

/* Writes TEXT as main.conf and loads it. */
static enum status load_text(const char *text, struct config **config, struct config_errors *errors)
{
	write_file("main.conf", text);
	return config_load(main_path, config, errors);
}

/* True when an error at LINE of a file ending in FILE holds WANT. */
static bool has_error_in(const struct config_errors *errors, const char *file, int line,
                         const char *want)
{
	size_t flen = strlen(file);

	for (size_t i = 0; i < errors->count; i++) {
		const struct config_error *e = &errors->items[i];
		size_t len = strlen(e->file);

		if (e->line == line && strstr(e->message, want) && len >= flen &&
		    strcmp(e->file + len - flen, file) == 0)
			return true;
	}
	return false;
}

static bool has_error(const struct config_errors *errors, int line, const char *want)
{
	return has_error_in(errors, "main.conf", line, want);
}

static void dump_errors(const struct config_errors *errors)
{
	for (size_t i = 0; i < errors->count; i++)
		printf("#     %s:%d: %s\n", errors->items[i].file, errors->items[i].line,
		       errors->items[i].message);
}

/* Loads TEXT expecting failure; leaves the findings in ERRORS. */
static void load_bad(const char *text, struct config_errors *errors)
{
	struct config *config = NULL;
	enum status status = load_text(text, &config, errors);

	CHECK_INT(status, STATUS_ERR_INVALID);
	CHECK(config == NULL);
	config_free(config);
}

#define CHECK_ERROR(errors, line, want)                                                        \
	do {                                                                                   \
		if (!has_error((errors), (line), (want))) {                                    \
			printf("#   %s:%d: no error at line %d with \"%s\"; got:\n", __FILE__, \
			       __LINE__, (line), (want));                                      \
			dump_errors(errors);                                                   \
			check_current_failed = 1;                                              \
		}                                                                              \
	} while (0)

/* The demo configuration of the source tree; NULL (and a failed check) when
 * it does not load clean. */
static struct config *demo_load(void)
{
	struct config *config = demo_config_load();

	CHECK(config != NULL);
	return config;
}

/* ---- the demo configuration ---- */

static void test_demo_loads_clean(void)
{
	struct config *c = demo_load();

	if (!c)
		return;
	CHECK_STR(c->city, "Norderstedt");
	CHECK_INT(c->ndistricts, 4);
	CHECK_INT(c->nteams, 4);
	CHECK(c->nstreets >= 120);
	CHECK_INT(c->nproviders, 10);
	CHECK_INT(c->nbudgets, 24);
	CHECK(strstr(c->data_dir, "demo-data") != NULL);
	CHECK(c->data_dir[0] == '/'); /* absolute, whatever the working directory */
	CHECK(strstr(c->socket_path, "demo-data/sozialraum.sock") != NULL);
	for (size_t i = 0; i < c->ndistricts; i++)
		CHECK(c->districts[i].residents_u21 >= 3000 &&
		      c->districts[i].residents_u21 <= 4500);
	CHECK(config_find_district(c, "FG") >= 0 && config_find_district(c, "HM") >= 0 &&
	      config_find_district(c, "GA") >= 0 && config_find_district(c, "GL") >= 0);
	config_free(c);
}

static void test_demo_has_every_role(void)
{
	struct config *c = demo_load();
	int per_role[ROLE_COUNT] = {0};

	if (!c)
		return;
	for (size_t i = 0; i < c->nstaff; i++)
		per_role[c->staff[i].role]++;
	for (int r = 0; r < ROLE_COUNT; r++)
		CHECK(per_role[r] >= 1);
	CHECK_INT(per_role[ROLE_TEAMLEITUNG], 4);
	CHECK(per_role[ROLE_FACHKRAFT] >= 12 && per_role[ROLE_FACHKRAFT] <= 16);
	CHECK(per_role[ROLE_WIRTSCHAFT] >= 2 && per_role[ROLE_CONTROLLING] >= 2);
	CHECK(per_role[ROLE_ADMIN] >= 2 && per_role[ROLE_TRAEGER] >= 3);
	for (size_t i = 0; i < c->nstaff; i++)
		if (c->staff[i].role == ROLE_TRAEGER)
			CHECK(c->staff[i].provider >= 0);
	config_free(c);
}

static void check_login(const struct config *c, const char *login, enum role role, const char *team)
{
	int i = config_find_staff(c, login);

	CHECK(i >= 0);
	if (i < 0) {
		printf("#     login %s missing\n", login);
		return;
	}
	CHECK_INT(c->staff[i].role, role);
	if (team)
		CHECK_INT(c->staff[i].team, config_find_team(c, team));
}

static void test_demo_required_logins(void)
{
	struct config *c = demo_load();
	int dw;

	if (!c)
		return;
	check_login(c, "tl.fg", ROLE_TEAMLEITUNG, "T-FG");
	check_login(c, "fk.fg", ROLE_FACHKRAFT, "T-FG");
	check_login(c, "amt", ROLE_AMTSLEITUNG, NULL);
	check_login(c, "wjh", ROLE_WIRTSCHAFT, NULL);
	check_login(c, "traeger.dw", ROLE_TRAEGER, NULL);
	check_login(c, "ctrl", ROLE_CONTROLLING, NULL);
	check_login(c, "admin", ROLE_ADMIN, NULL);
	check_login(c, "root", ROLE_ADMIN, NULL);
	dw = config_find_staff(c, "traeger.dw");
	if (dw >= 0)
		CHECK_INT(c->staff[dw].provider, config_find_provider(c, "DW"));
	config_free(c);
}

static void test_demo_services_and_budgets(void)
{
	struct config *c = demo_load();
	int spfh, fg;

	if (!c)
		return;
	spfh = config_find_service(c, "31");
	CHECK(spfh >= 0);
	if (spfh >= 0) {
		CHECK_INT(c->services[spfh].rate, 6850);
		CHECK_INT(c->services[spfh].cost_model, COST_HOURLY);
	}
	CHECK(config_find_service(c, "34") >= 0 && config_find_service(c, "42") >= 0);
	/* the statistics' Art der Hilfe and setting, none for an Inobhutnahme */
	if (spfh >= 0)
		CHECK_STR(help_type_names[c->services[spfh].help_type], "07");
	CHECK_INT(c->services[config_find_service(c, "42")].help_type, -1);
	CHECK_INT(c->services[config_find_service(c, "32")].setting, SETTING_PART_TIME);
	fg = config_find_district(c, "FG");
	for (int year = 2025; year <= 2026; year++)
		for (size_t d = 0; d < c->ndistricts; d++)
			for (int line = 0; line < BUDGET_LINE_COUNT; line++)
				CHECK(config_budget_planned(c, year, (int)d, line) > 0);
	CHECK(config_budget_planned(c, 2026, fg, LINE_CASE_SPECIFIC) > 100000000LL);
	CHECK_INT(config_budget_planned(c, 2024, fg, LINE_CASE_SPECIFIC), 0);
	config_free(c);
}

/* At least 8 streets lie in two districts. */
static void test_demo_split_streets(void)
{
	struct config *c = demo_load();
	int split = 0;

	if (!c)
		return;
	for (size_t i = 0; i < c->nstreets; i++) {
		bool first = true, other = false;

		for (size_t j = 0; j < c->nstreets; j++) {
			if (strcmp(c->streets[i].folded, c->streets[j].folded) != 0)
				continue;
			if (j < i)
				first = false;
			if (c->streets[j].district != c->streets[i].district)
				other = true;
		}
		split += first && other;
	}
	CHECK(split >= 8);
	config_free(c);
}

static void test_street_lookup(void)
{
	struct config *c = demo_load();
	int fg, hm, ga, gl;

	if (!c)
		return;
	fg = config_find_district(c, "FG");
	hm = config_find_district(c, "HM");
	ga = config_find_district(c, "GA");
	gl = config_find_district(c, "GL");
	CHECK_INT(config_street_district(c, "Ulzburger Str.", 250), fg);
	CHECK_INT(config_street_district(c, "Ulzburger Straße", 150), hm);
	CHECK_INT(config_street_district(c, "ULZBURGER STRASSE", 250), fg);
	CHECK_INT(config_street_district(c, "ulzburger str", 199), hm);
	CHECK_INT(config_street_district(c, "Ulzburgerstr.", 200), fg);
	CHECK_INT(config_street_district(c, "Ulzburger Straße", 0), -1); /* split street */
	CHECK_INT(config_street_district(c, "Ulzburger Straße", 5000), -1);
	CHECK_INT(config_street_district(c, "Segeberger Chaussee", 201), hm);
	CHECK_INT(config_street_district(c, "Segeberger Chaussee", 202), gl);
	CHECK_INT(config_street_district(c, "Kohfurth", 3), ga);
	CHECK_INT(config_street_district(c, "kohfurth", 4), hm);
	CHECK_INT(config_street_district(c, "Buchenweg", 0), ga);
	CHECK_INT(config_street_district(c, "Buchenweg", 17), ga);
	CHECK_INT(config_street_district(c, "GLASHUETTER DAMM", 12), gl);
	CHECK_INT(config_street_district(c, "Glashütter Damm", 0), gl);
	CHECK_INT(config_street_district(c, "Nirgendwostraße", 1), -1);
	CHECK_INT(config_street_district(c, "", 1), -1);
	config_free(c);
}

/* An address as people type it: house numbers with letters ("12 a",
 * "12a") and ranges; a split street without its number, an unknown
 * street answered with streets that begin alike, never a guess. */
static void test_address_lookup(void)
{
	struct config *c = demo_load();
	char why[256] = "";
	int fg, hm, kohfurth_odd;

	if (!c)
		return;
	fg = config_find_district(c, "FG");
	hm = config_find_district(c, "HM");
	kohfurth_odd = config_street_district(c, "Kohfurth", 3);
	CHECK_INT(config_address_district(c, "Ulzburger Str. 250", why, sizeof(why)), fg);
	CHECK_INT(config_address_district(c, "Ulzburger Straße 250a", why, sizeof(why)), fg);
	CHECK_INT(config_address_district(c, "ulzburger strasse 12 a", why, sizeof(why)), hm);
	CHECK_INT(config_address_district(c, "Ulzburger Straße 198-202", why, sizeof(why)), hm);
	CHECK_INT(config_address_district(c, "Kohfurth 3, ", why, sizeof(why)), -1);
	CHECK_INT(config_address_district(c, "Kohfurth 3", why, sizeof(why)), kohfurth_odd);
	CHECK_INT(config_address_district(c, "Ulzburger Straße", why, sizeof(why)), -1);
	CHECK(strstr(why, "Hausnummer") != NULL);
	CHECK_INT(config_address_district(c, "Ulzburger Straße 5000", why, sizeof(why)), -1);
	CHECK(strstr(why, "Hausnummer nicht") != NULL);
	CHECK_INT(config_address_district(c, "Ulzberger Strase 12", why, sizeof(why)), -1);
	CHECK(strstr(why, "meinten Sie: Ulzburger Straße") != NULL);
	CHECK_INT(config_address_district(c, "Qqqq 1", why, sizeof(why)), -1);
	CHECK_STR(why, "unbekannte Straße (nicht im Straßenverzeichnis)");
	config_free(c);
}

/* ---- defaults, paths, lookups ---- */

static void test_defaults_and_paths(void)
{
	struct config_errors errors = {0};
	struct config *c = NULL;
	char want[PATH_MAX + 32], real[PATH_MAX];

	tmp_open();
	if (!realpath(dir, real))
		snprintf(real, sizeof real, "%s", dir);
	CHECK_INT(load_text(BASE, &c, &errors), STATUS_OK);
	dump_errors(&errors);
	if (c) {
		CHECK_INT(c->ui.esc_delay_ms, 200);
		CHECK_INT(c->ui.idle_timeout_s, 900);
		CHECK(c->ui.colour);
		CHECK_INT(c->team_approval_limit, 1500000);
		CHECK_INT(c->followup.plan_review_months, 6);
		CHECK_INT(c->followup.followup_days, 14);
		CHECK_INT(c->retention.case_years, 10);
		CHECK_INT(c->retention.audit_years, 10);
		CHECK_INT(c->retention.draft_days, 30);
		snprintf(want, sizeof want, "%s/data", real);
		CHECK_STR(c->data_dir, want);
		snprintf(want, sizeof want, "%s/data/sozialraum.sock", real);
		CHECK_STR(c->socket_path, want);
		CHECK_STR(c->path, main_path);
		CHECK_INT(c->nstaff, 0);
	}
	config_free(c);
	c = NULL;
	CHECK_INT(load_text("data_dir = \"/srv/sr\"; socket = \"/run/sr.sock\"; city = \"X\";\n"
	                    "ui = { esc_delay = 0; idle_timeout = 0; colour = false; };\n",
	                    &c, &errors),
	          STATUS_OK);
	if (c) {
		CHECK_STR(c->data_dir, "/srv/sr");
		CHECK_STR(c->socket_path, "/run/sr.sock");
		CHECK_INT(c->ui.idle_timeout_s, 0);
		CHECK(!c->ui.colour);
	}
	config_free(c);
	config_errors_free(&errors);
	tmp_close();
}

static void test_lookups(void)
{
	struct config_errors errors = {0};
	struct config *c = NULL;

	tmp_open();
	load_text(
	        BASE
	        "teams = ( { id = \"T-A\"; name = \"Team A\"; districts = [ \"A\", \"B\" ]; } );\n"
	        "providers = ( { id = \"P\"; name = \"Prov\"; } );\n"
	        "services = ( { code = \"31\"; name = \"SPFH\"; cost_model = \"hourly\"; rate = "
	        "6850; } );\n"
	        "staff = ( { login = \"tl\"; name = \"T L\"; role = \"teamleitung\"; team = "
	        "\"T-A\"; } );\n"
	        "budgets = ( { year = 2026; district = \"B\"; line = \"falluebergreifend\"; "
	        "planned = 5000000000L; } );\n",
	        &c, &errors);
	dump_errors(&errors);
	CHECK(c != NULL);
	if (c) {
		CHECK_INT(config_find_district(c, "B"), 1);
		CHECK_INT(config_find_district(c, "C"), -1);
		CHECK_INT(config_find_team(c, "T-A"), 0);
		CHECK_INT(c->teams[0].ndistricts, 2);
		CHECK_INT(c->teams[0].districts[1], 1);
		CHECK_INT(config_find_provider(c, "P"), 0);
		CHECK_INT(config_find_service(c, "31"), 0);
		CHECK_INT(c->services[0].setting, SETTING_AMBULANT);
		CHECK(c->services[0].case_specific);
		CHECK_INT(c->services[0].help_type, -1); /* none given: no Hilfe zur Erziehung */
		CHECK_INT(config_find_staff(c, "tl"), 0);
		CHECK_INT(c->staff[0].provider, -1);
		CHECK_INT(config_find_staff(c, "nobody"), -1);
		CHECK_INT(config_budget_planned(c, 2026, 1, LINE_ACROSS_CASES), 5000000000LL);
		CHECK_INT(config_budget_planned(c, 2026, 0, LINE_ACROSS_CASES), 0);
	}
	config_free(c);
	config_errors_free(&errors);
	tmp_close();
}

/* ---- errors, each at its line ---- */

static void test_unknown_settings(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE "colours = true;\n"                                            /* 5 */
	              "ui = { esc_delay = 25;\n"                                     /* 6 */
	              "       colours = false; };\n"                                 /* 7 */
	              "teams = ( { id = \"T\"; name = \"t\"; districts = [\"A\"];\n" /* 8 */
	              "            residents_u12 = 5; } );\n",                       /* 9 */
	         &errors);
	CHECK_ERROR(&errors, 5, "unknown setting 'colours'");
	CHECK_ERROR(&errors, 7, "unknown setting 'colours' in ui");
	CHECK_ERROR(&errors, 9, "unknown setting 'residents_u12'");
	CHECK_INT(errors.count, 3);
	config_errors_free(&errors);
	tmp_close();
}

static void test_wrong_types(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad("data_dir = \"d\";\n"                             /* 1 */
	         "city = 5;\n"                                     /* 2 */
	         "ui = 3;\n"                                       /* 3 */
	         "followup = { plan_review_months = \"six\"; };\n" /* 4 */
	         "retention = { case_years = 10.5; };\n"           /* 5 */
	         "districts = ( { id = \"A\"; name = \"Alpha\"; residents_u21 = \"many\"; },\n" /* 6
	                                                                                         */
	         "              5 );\n"                                            /* 7 */
	         "teams = ( { id = \"T\"; name = \"t\"; districts = \"A\"; } );\n" /* 8 */
	         "providers = 7;\n"                                                /* 9 */
	         "streets = ( \"Weg\" );\n"                                        /* 10 */
	         "services = ( { code = 31; name = \"s\"; cost_model = \"daily\"; rate = \"1\"; } "
	         ");\n" /* 11 */
	         "staff = ( { login = \"x\"; name = \"X\"; role = \"admin\"; team = 1; } );\n" /* 12
	                                                                                        */
	         "budgets = ( { year = \"2026\"; district = \"A\"; line = \"fallspezifisch\"; "
	         "planned = 1; } );\n", /* 13 */
	         &errors);
	CHECK_ERROR(&errors, 2, "'city' must be a string");
	CHECK_ERROR(&errors, 3, "'ui' must be a group");
	CHECK_ERROR(&errors, 4, "'plan_review_months' must be a whole number");
	CHECK_ERROR(&errors, 5, "'case_years' must be a whole number, not a float");
	CHECK_ERROR(&errors, 6, "'residents_u21' must be a whole number");
	CHECK_ERROR(&errors, 7, "each district must be a group");
	CHECK_ERROR(&errors, 8, "'districts' must be a list");
	CHECK_ERROR(&errors, 9, "'providers' must be a list");
	CHECK_ERROR(&errors, 10, "each street must be a list");
	CHECK_ERROR(&errors, 11, "'code' must be a string");
	CHECK_ERROR(&errors, 11, "'rate' must be a whole number of cents");
	CHECK_ERROR(&errors, 12, "'team' must be a string");
	CHECK_ERROR(&errors, 13, "'year' must be a whole number");
	config_errors_free(&errors);
	tmp_close();
}

static void test_missing_required(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad("data_dir = \"d\";\n"                                 /* 1: no city */
	         "districts = (\n"                                     /* 2 */
	         "  {\n"                                               /* 3 */
	         "    id = \"A\";\n"                                   /* 4 */
	         "    residents_u21 = 5;\n"                            /* 5 */
	         "  }\n"                                               /* 6 */
	         ");\n"                                                /* 7 */
	         "streets = ( (\"Weg\") );\n"                          /* 8 */
	         "staff = ( { name = \"X\"; role = \"admin\"; } );\n", /* 9 */
	         &errors);
	CHECK(has_error(&errors, 0, "missing required setting 'city'"));
	CHECK_ERROR(&errors, 3, "missing required setting 'name' in district");
	CHECK_ERROR(&errors, 8, "missing required value 'district' in street");
	CHECK_ERROR(&errors, 9, "missing required setting 'login' in staff member");
	config_errors_free(&errors);
	tmp_close();
}

static void test_duplicates(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE
	         "districts2 = 1;\n"                                                 /* 5 */
	         "teams = ( { id = \"T\"; name = \"t\"; districts = [\"A\"]; },\n"   /* 6 */
	         "          { id = \"T\"; name = \"u\"; districts = [\"B\"]; } );\n" /* 7 */
	         "providers = ( { id = \"P\"; name = \"p\"; },\n"                    /* 8 */
	         "              { id = \"P\"; name = \"q\"; } );\n"                  /* 9 */
	         "services = ( { code = \"31\"; name = \"a\"; cost_model = \"hourly\"; rate = 1; "
	         "},\n" /* 10 */
	         "             { code = \"31\"; name = \"b\"; cost_model = \"hourly\"; rate = 2; } "
	         ");\n"                                                                   /* 11 */
	         "staff = ( { login = \"mmeier\"; name = \"A\"; role = \"admin\"; },\n"   /* 12 */
	         "          { login = \"kdw\"; name = \"B\"; role = \"admin\"; },\n"      /* 13 */
	         "          { login = \"mmeier\"; name = \"C\"; role = \"admin\"; } );\n" /* 14 */
	         "budgets = ( { year = 2026; district = \"A\"; line = \"fallspezifisch\"; planned "
	         "= 1; },\n" /* 15 */
	         "            { year = 2026; district = \"A\"; line = \"fallspezifisch\"; planned "
	         "= 2; } );\n", /* 16 */
	         &errors);
	CHECK_ERROR(&errors, 7, "duplicate team id 'T' (first at line 6)");
	CHECK_ERROR(&errors, 9, "duplicate provider id 'P' (first at line 8)");
	CHECK_ERROR(&errors, 11, "duplicate service code '31' (first at line 10)");
	CHECK_ERROR(&errors, 14, "duplicate login 'mmeier' (first at line 12)");
	CHECK_ERROR(&errors, 16, "duplicate budget 2026 A fallspezifisch (first at line 15)");
	config_errors_free(&errors);
	load_bad("data_dir = \"d\"; city = \"c\";\n"
	         "districts = ( { id = \"A\"; name = \"Alpha\"; residents_u21 = 1; },\n"    /* 2 */
	         "              { id = \"B\"; name = \"Beta\"; residents_u21 = 1; },\n"     /* 3 */
	         "              { id = \"A\"; name = \"Gamma\"; residents_u21 = 1; } );\n", /* 4 */
	         &errors);
	CHECK_ERROR(&errors, 4, "duplicate district id 'A' (first at line 2)");
	CHECK_INT(errors.count, 1);
	config_errors_free(&errors);
	tmp_close();
}

static void test_unknown_references(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE
	         "teams = ( { id = \"T\"; name = \"t\"; districts = [\"A\", \"X\"]; } );\n" /* 5
	                                                                                     */
	         "providers = ( { id = \"P\"; name = \"p\"; } );\n"                         /* 6 */
	         "staff = ( { login = \"a\"; name = \"A\"; role = \"fachkraft\"; team = "
	         "\"T2\"; },\n" /* 7 */
	         "          { login = \"b\"; name = \"B\"; role = \"traeger\"; provider = "
	         "\"Q\"; },\n"                                                      /* 8 */
	         "          { login = \"c\"; name = \"C\"; role = \"chef\"; } );\n" /* 9 */
	         "streets = ( (\"Weg\", \"Z\"),\n"                                  /* 10 */
	         "            (\"Pfad\", \"A\", 1, 9, \"prime\") );\n"              /* 11 */
	         "services = ( { code = \"1\"; name = \"s\"; cost_model = \"weekly\"; rate = "
	         "1;\n"                                                             /* 12 */
	         "               setting = \"outdoor\"; help_type = \"17\"; } );\n" /* 13 */
	         "budgets = ( { year = 2026; district = \"Y\"; line = \"sonstiges\"; planned = "
	         "1; } );\n", /* 14 */
	         &errors);
	CHECK_ERROR(&errors, 5, "unknown district 'X'");
	CHECK_ERROR(&errors, 7, "unknown team 'T2'");
	CHECK_ERROR(&errors, 8, "unknown provider 'Q'");
	CHECK_ERROR(&errors, 9, "unknown role 'chef'");
	CHECK_ERROR(&errors, 10, "unknown district 'Z'");
	CHECK_ERROR(&errors, 11, "unknown parity 'prime'");
	CHECK_ERROR(&errors, 12, "unknown cost_model 'weekly'");
	CHECK_ERROR(&errors, 13, "unknown service setting 'outdoor'");
	CHECK_ERROR(&errors, 13, "unknown help_type (Art der Hilfe) '17'");
	CHECK_ERROR(&errors, 14, "unknown district 'Y'");
	CHECK_ERROR(&errors, 14, "unknown line 'sonstiges'");
	CHECK_INT(errors.count, 11);
	config_errors_free(&errors);
	tmp_close();
}

static void test_traeger_needs_provider(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE
	         "staff = ( { login = \"kdw\"; name = \"Karl Dorn\"; role = \"traeger\"; } );\n",
	         &errors);
	CHECK_ERROR(&errors, 5, "staff member 'kdw' has role traeger but no provider");
	CHECK_INT(errors.count, 1);
	config_errors_free(&errors);
	tmp_close();
}

static void test_login_syntax(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE
	         "staff = ( { login = \"Max Mustermann\"; name = \"M\"; role = \"admin\"; } );\n",
	         &errors);
	CHECK_ERROR(&errors, 5, "login 'Max Mustermann' may only hold");
	config_errors_free(&errors);
	tmp_close();
}

static void test_street_overlaps(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE "streets = (\n"                                 /* 5 */
	              "  (\"Ulzburger Straße\", \"A\", 1, 199),\n"    /* 6 */
	              "  (\"ULZBURGER STRASSE\", \"B\", 150, 599),\n" /* 7: overlaps 6 */
	              "  (\"Kohfurth\", \"A\", 1, 99, \"odd\"),\n"    /* 8 */
	              "  (\"Kohfurth\", \"B\", 2, 98, \"even\"),\n"   /* 9: fine */
	              "  (\"Kohfurth\", \"B\", 51, 51, \"odd\"),\n"   /* 10: overlaps 8 */
	              "  (\"Kohfurth\", \"B\", 100, 100, \"odd\"),\n" /* 11: no odd number */
	              "  (\"Buchenweg\", \"A\"),\n"                   /* 12 */
	              "  (\"Buchenweg\", \"B\", 7, 7),\n"             /* 13: overlaps 12 */
	              "  (\"Tannenweg\", \"A\", 1, 9, \"even\"),\n"   /* 14 */
	              "  (\"Tannenweg\", \"B\", 9, 20)\n"             /* 15: 9 is odd: fine */
	              ");\n",
	         &errors);
	CHECK_ERROR(&errors, 7, "overlaps line 6");
	CHECK_ERROR(&errors, 10, "overlaps line 8");
	CHECK_ERROR(&errors, 13, "overlaps line 12");
	CHECK_INT(errors.count, 3);
	config_errors_free(&errors);
	tmp_close();
}

static void test_street_numbers(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE "streets = (\n"                            /* 5 */
	              "  (\"Weg\", \"A\", 0, 10),\n"             /* 6 */
	              "  (\"Pfad\", \"A\", 1, 10000),\n"         /* 7 */
	              "  (\"Gang\", \"A\", 20, 10),\n"           /* 8 */
	              "  (\"Steig\", \"A\", 5),\n"               /* 9 */
	              "  (\"Ring\", \"A\", 1, 9, \"odd\", 4),\n" /* 10 */
	              "  (\"Damm\", \"A\", \"1\", 9)\n"          /* 11 */
	              ");\n",
	         &errors);
	CHECK_ERROR(&errors, 6, "'from' must be between 1 and 9999");
	CHECK_ERROR(&errors, 7, "'to' must be between 1 and 9999");
	CHECK_ERROR(&errors, 8, "'from' 20 is greater than 'to' 10");
	CHECK_ERROR(&errors, 9, "give both 'from' and 'to'");
	CHECK_ERROR(&errors, 10, "too many values in street");
	CHECK_ERROR(&errors, 11, "'from' must be a whole number");
	config_errors_free(&errors);
	tmp_close();
}

static void test_ranges(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE
	         "ui = { esc_delay = 1001; idle_timeout = 86401; };\n"                      /* 5 */
	         "followup = { plan_review_months = 0; followup_days = 366; };\n"           /* 6 */
	         "retention = { case_years = 101; audit_years = 0; draft_days = 3651; };\n" /* 7 */
	         "districts2 = 0;\n"                                                        /* 8 */
	         "budgets = ( { year = 1989; district = \"A\"; line = \"fallspezifisch\"; planned "
	         "= 1; },\n" /* 9 */
	         "            { year = 2201; district = \"A\"; line = \"fallspezifisch\"; planned "
	         "= 1; } );\n", /* 10 */
	         &errors);
	CHECK_ERROR(&errors, 5, "'esc_delay' must be between 0 and 1000");
	CHECK_ERROR(&errors, 5, "'idle_timeout' must be between 0 and 86400");
	CHECK_ERROR(&errors, 6, "'plan_review_months' must be between 1 and 24");
	CHECK_ERROR(&errors, 6, "'followup_days' must be between 1 and 365");
	CHECK_ERROR(&errors, 7, "'case_years' must be between 1 and 100");
	CHECK_ERROR(&errors, 7, "'audit_years' must be between 1 and 100");
	CHECK_ERROR(&errors, 7, "'draft_days' must be between 1 and 3650");
	CHECK_ERROR(&errors, 9, "'year' must be between 1990 and 2200");
	CHECK_ERROR(&errors, 10, "'year' must be between 1990 and 2200");
	config_errors_free(&errors);
	load_bad(
	        "data_dir = \"d\"; city = \"c\";\n"
	        "districts = ( { id = \"A\"; name = \"Alpha\"; residents_u21 = -1; },\n" /* 2 */
	        "              { id = \"B\"; name = \"Beta\"; residents_u21 = 4294967306; } );\n" /* 3 */
	        "ui = { esc_delay = 4294967306; };\n", /* 4 */
	        &errors);
	CHECK_ERROR(&errors, 2, "'residents_u21' must not be negative");
	/* Wraps to 10 in libconfig; the loader sees what was written. */
	CHECK_ERROR(&errors, 3, "'residents_u21' too large");
	CHECK_ERROR(&errors, 4, "'esc_delay' must be between 0 and 1000");
	config_errors_free(&errors);
	tmp_close();
}

static void test_text_checks(void)
{
	struct config_errors errors = {0};
	char text[2048], long_name[200];

	memset(long_name, 'x', 97);
	long_name[97] = '\0';
	snprintf(
	        text, sizeof text,
	        "data_dir = \"d\"; city = \"c\";\n"
	        "districts = ( { id = \"A\"; name = \"Al\\x1b[2Jpha\"; residents_u21 = 1; },\n" /* 2
	                                                                                         */
	        "              { id = \"B\"; name = \"%s\"; residents_u21 = 1; },\n" /* 3 */
	        "              { id = \"ABCDEFGHIJKLMNOPQ\"; name = \"x\"; residents_u21 = 1; },\n" /* 4 */
	        "              { id = \"\"; name = \"x\"; residents_u21 = 1; } );\n" /* 5 */
	        "streets = ( (\"Weg\\x07\", \"A\") );\n",                            /* 6 */
	        long_name);
	tmp_open();
	load_bad(text, &errors);
	CHECK_ERROR(&errors, 2, "'name' holds a control character");
	CHECK_ERROR(&errors, 3, "'name' too long (max 96 bytes)");
	CHECK_ERROR(&errors, 4, "'id' too long (max 16 bytes)");
	CHECK_ERROR(&errors, 5, "'id' must not be empty");
	CHECK_ERROR(&errors, 6, "'street' holds a control character");
	/* A 96-byte name fits. */
	long_name[96] = '\0';
	snprintf(text, sizeof text, BASE "providers = ( { id = \"P\"; name = \"%s\"; } );\n",
	         long_name);
	{
		struct config *c = NULL;

		config_errors_free(&errors);
		CHECK_INT(load_text(text, &c, &errors), STATUS_OK);
		config_free(c);
	}
	config_errors_free(&errors);
	tmp_close();
}

/* ---- money ---- */

static void test_money_float(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE "services = ( { code = \"31\"; name = \"SPFH\"; cost_model = \"hourly\"; "
	              "rate = 68.50; } );\n"                     /* 5 */
	              "approval = { team_limit = 15000.0; };\n", /* 6 */
	         &errors);
	CHECK_ERROR(&errors, 5, "'rate' is money in cents: write a whole number, not a float");
	CHECK_ERROR(&errors, 6, "'team_limit' is money in cents");
	CHECK_INT(errors.count, 2);
	config_errors_free(&errors);
	tmp_close();
}

static void test_money_overflow(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE
	         "approval = { team_limit = 5000000000; };\n"                                /* 5 */
	         "services = ( { code = \"34\"; name = \"Heim\"; cost_model = \"daily\";\n"  /* 6 */
	         "               rate =   2147483648 ; } );\n"                               /* 7 */
	         "budgets = ( { year = 2026; district = \"A\"; line = \"fallspezifisch\";\n" /* 8 */
	         "              planned =\n"                                                 /* 9 */
	         "                4294967396; },\n" /* 10 */
	         "            { year = 2026; district = \"B\"; line = \"fallspezifisch\"; planned: "
	         "0x100000001; } );\n", /* 11 */
	         &errors);
	CHECK_ERROR(&errors, 5, "money value overflowed: write it with the L suffix (5000000000L)");
	CHECK_ERROR(&errors, 7, "money value overflowed: write it with the L suffix (2147483648L)");
	CHECK_ERROR(&errors, 9, "money value overflowed: write it with the L suffix (4294967396L)");
	CHECK_ERROR(&errors, 11, "money value overflowed");
	CHECK_INT(errors.count, 4);
	config_errors_free(&errors);
	tmp_close();
}

/* Several groups on one line: each value is read from its own place. */
static void test_money_overflow_same_line(void)
{
	struct config_errors errors = {0};
	struct config *c = NULL;

	tmp_open();
	load_bad(BASE "budgets = ( "
	              "{ year = 2025; district = \"A\"; line = \"fallspezifisch\"; planned = "
	              "705032704; }, "
	              "{ year = 2026; district = \"A\"; line = \"fallspezifisch\"; planned = "
	              "5000000000; }, "
	              "{ year = 2027; district = \"A\"; line = \"fallspezifisch\"; planned = 7; } "
	              ");\n", /* 5 */
	         &errors);
	CHECK_ERROR(&errors, 5, "(5000000000L)");
	CHECK_INT(errors.count, 1);
	config_errors_free(&errors);
	/* Strings and comments that look like the setting are not read. */
	CHECK_INT(load_text(BASE
	                    "budgets = ( { year = 2026; district = \"A\"; /* planned = 1 */ "
	                    "line = \"fallspezifisch\"; planned = 2000000000; } ); # planned = 3\n"
	                    "providers = ( { id = \"P\"; name = \"rate = 5\"; } );\n",
	                    &c, &errors),
	          STATUS_OK);
	dump_errors(&errors);
	if (c)
		CHECK_INT(c->budgets[0].planned, 2000000000);
	config_free(c);
	config_errors_free(&errors);
	tmp_close();
}

static void test_money_negative(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad(BASE "approval = { team_limit = -1; };\n" /* 5 */
	              "budgets = ( { year = 2026; district = \"A\"; line = \"fallspezifisch\"; "
	              "planned = -5000000000L; } );\n", /* 6 */
	         &errors);
	CHECK_ERROR(&errors, 5, "'team_limit' must not be negative");
	CHECK_ERROR(&errors, 6, "'planned' must not be negative");
	CHECK_INT(errors.count, 2);
	config_errors_free(&errors);
	load_bad(BASE "budgets = ( { year = 2026; district = \"A\"; line = \"fallspezifisch\"; "
	              "planned = 99999999999999999999L; } );\n",
	         &errors);
	CHECK_ERROR(&errors, 5, "'planned' too large");
	config_errors_free(&errors);
	tmp_close();
}

static void test_money_64bit_with_l(void)
{
	struct config_errors errors = {0};
	struct config *c = NULL;

	tmp_open();
	CHECK_INT(load_text(BASE "approval = { team_limit = 2147483648L; };\n"
	                         "budgets = ( { year = 2026; district = \"A\"; line = "
	                         "\"fallspezifisch\"; planned = 5000000000L; },\n"
	                         "            { year = 2026; district = \"A\"; line = "
	                         "\"fallunspezifisch\"; planned = 2147483647; } );\n",
	                    &c, &errors),
	          STATUS_OK);
	dump_errors(&errors);
	if (c) {
		CHECK_INT(c->team_approval_limit, 2147483648LL);
		CHECK_INT(config_budget_planned(c, 2026, 0, LINE_CASE_SPECIFIC), 5000000000LL);
		CHECK_INT(config_budget_planned(c, 2026, 0, LINE_NO_CASE), 2147483647LL);
	}
	config_free(c);
	config_errors_free(&errors);
	tmp_close();
}

/* ---- files ---- */

static void test_many_errors_in_one_file(void)
{
	struct config_errors errors = {0};

	tmp_open();
	load_bad("data_dir = \"d\";\n"                                                 /* 1 */
	         "city = \"c\";\n"                                                     /* 2 */
	         "colours = 1;\n"                                                      /* 3 */
	         "districts = ( { id = \"A\"; name = \"A\"; residents_u12 = 1; } );\n" /* 4 */
	         "ui = { esc_delay = -1; };\n"                                         /* 5 */
	         "services = ( { code = \"1\"; name = \"s\"; cost_model = \"daily\"; rate = 1.5; } "
	         ");\n"                                                                 /* 6 */
	         "staff = ( { login = \"t\"; name = \"T\"; role = \"traeger\"; } );\n", /* 7 */
	         &errors);
	CHECK_ERROR(&errors, 3, "unknown setting 'colours'");
	CHECK_ERROR(&errors, 4, "unknown setting 'residents_u12'");
	CHECK_ERROR(&errors, 4, "missing required setting 'residents_u21'");
	CHECK_ERROR(&errors, 5, "'esc_delay' must be between");
	CHECK_ERROR(&errors, 6, "not a float");
	CHECK_ERROR(&errors, 7, "no provider");
	CHECK_INT(errors.count, 6);
	config_errors_free(&errors);
	tmp_close();
}

static void test_syntax_error(void)
{
	struct config_errors errors = {0};
	struct config *c = NULL;

	tmp_open();
	CHECK_INT(load_text(BASE "ui = { esc_delay = ; };\n" /* 5: no value */
	                         "city2 = 1;\n",
	                    &c, &errors),
	          STATUS_ERR_INVALID);
	CHECK(c == NULL);
	CHECK_INT(errors.count, 1);
	CHECK_ERROR(&errors, 5, "syntax error");
	config_errors_free(&errors);
	/* In an included file: that file and its line. */
	write_file("streets.conf",
	           "streets = (\n  (\"Weg\", \"A\"),\n  (\"Pfad\", \"A\",, 3)\n);\n");
	CHECK_INT(load_text(BASE "@include \"streets.conf\"\n", &c, &errors), STATUS_ERR_INVALID);
	CHECK(has_error_in(&errors, "/streets.conf", 3, "syntax error"));
	config_errors_free(&errors);
	tmp_close();
}

static void test_included_file_errors(void)
{
	struct config_errors errors = {0};
	char want[PATH_MAX + 32];

	tmp_open();
	write_file("streets.conf", "# streets\n"                                /* 1 */
	                           "streets = (\n"                              /* 2 */
	                           "  (\"Ulzburger Straße\", \"A\", 1, 199),\n" /* 3 */
	                           "  (\"Ulzburger Str.\", \"B\", 199, 599),\n" /* 4: overlaps 3 */
	                           "  (\"Buchenweg\", \"Q\")\n"                 /* 5 */
	                           ");\n");
	load_bad(BASE "@include \"streets.conf\"\n"
	              "staff = ( { login = \"a\"; name = \"A\"; role = \"admin\"; },\n"    /* 6 */
	              "          { login = \"a\"; name = \"B\"; role = \"admin\"; } );\n", /* 7 */
	         &errors);
	CHECK(has_error_in(&errors, "/streets.conf", 4, "overlaps line 3"));
	CHECK(has_error_in(&errors, "/streets.conf", 5, "unknown district 'Q'"));
	CHECK_ERROR(&errors, 7, "duplicate login 'a' (first at line 6)");
	/* The included file is named by a path that opens from here. */
	snprintf(want, sizeof want, "%s/streets.conf", dir);
	for (size_t i = 0; i < errors.count; i++)
		if (errors.items[i].line == 5)
			CHECK_STR(errors.items[i].file, want);
	CHECK_INT(errors.count, 3);
	config_errors_free(&errors);
	tmp_close();
}

static void test_missing_file(void)
{
	struct config_errors errors = {0};
	struct config *c = (struct config *)&errors; /* must be reset to NULL */

	CHECK_INT(config_load("/nonexistent/sozialraum.conf", &c, &errors), STATUS_ERR_IO);
	CHECK(c == NULL);
	CHECK_INT(errors.count, 1);
	if (errors.count == 1) {
		CHECK_INT(errors.items[0].line, 0);
		CHECK_STR(errors.items[0].file, "/nonexistent/sozialraum.conf");
		CHECK_STR(errors.items[0].message,
		          "cannot read /nonexistent/sozialraum.conf: No such file or directory");
	}
	config_errors_free(&errors);
	/* A missing included file is reported at the @include. */
	tmp_open();
	load_bad(BASE "@include \"nope.conf\"\n", &errors);
	CHECK_ERROR(&errors, 5, "include");
	config_errors_free(&errors);
	tmp_close();
}

/* Files that would block the loader or keep it busy are refused before
 * libconfig reads them: a FIFO (opened without waiting), a line past the
 * limit, a file past the size limit, an include that includes itself. */
static void test_hostile_files(void)
{
	struct config_errors errors = {0};
	char path[PATH_MAX], *line;
	FILE *big;

	tmp_open();
	snprintf(path, sizeof path, "%s/pipe.conf", dir);
	CHECK_INT(mkfifo(path, 0600), 0);
	load_bad(BASE "@include \"pipe.conf\"\n", &errors);
	CHECK_ERROR(&errors, 5, "is not a regular file");
	config_errors_free(&errors);

	line = malloc(20000);
	memset(line, ' ', 19999);
	memcpy(line, "city = \"x\";", 11);
	line[19999] = '\0';
	write_file("long.conf", line);
	free(line);
	load_bad(BASE "@include \"long.conf\"\n", &errors);
	CHECK(has_error_in(&errors, "long.conf", 1, "line longer than 4096"));
	config_errors_free(&errors);

	snprintf(path, sizeof path, "%s/big.conf", dir);
	big = fopen(path, "w");
	for (int i = 0; big && i < 300000; i++)
		fputs("# ein Kommentar, der die Datei groß macht\n", big);
	if (big)
		fclose(big);
	load_bad(BASE "@include \"big.conf\"\n", &errors);
	CHECK_ERROR(&errors, 5, "larger than 8 MiB");
	config_errors_free(&errors);

	load_bad(BASE "@include \"\"\n", &errors); /* libconfig would end the process */
	CHECK_ERROR(&errors, 5, "needs the name of a file");
	config_errors_free(&errors);

	snprintf(path, sizeof path, "%s/nul.conf", dir);
	big = fopen(path, "w");
	if (big) {
		fwrite("city = \"x\";\0@include \"\"\n", 1, 25, big);
		fclose(big);
	}
	load_bad(BASE "@include \"nul.conf\"\n", &errors);
	CHECK_ERROR(&errors, 5, "holds a NUL byte");
	config_errors_free(&errors);

	write_file("self.conf", "@include \"self.conf\"\n");
	load_bad(BASE "@include \"self.conf\"\n", &errors);
	CHECK(has_error_in(&errors, "self.conf", 1, "nested deeper than 8"));
	config_errors_free(&errors);
	tmp_close();
}

static void test_errors_print(void)
{
	struct config_errors errors = {0};
	char *text = NULL;
	size_t size = 0;
	FILE *out;
	char want[512];

	tmp_open();
	load_bad("data_dir = \"d\";\ncolours = 1;\n", &errors);
	out = open_memstream(&text, &size);
	config_errors_print(&errors, out);
	fclose(out);
	snprintf(want, sizeof want,
	         "%s:2: unknown setting 'colours'\n"
	         "%s: missing required setting 'city'\n",
	         main_path, main_path);
	CHECK_STR(text, want);
	free(text);
	config_errors_free(&errors);
	CHECK(errors.items == NULL && errors.count == 0);
	tmp_close();
}

/* Garbage of every shape is reported, never crashed on. */
static void test_hostile_input(void)
{
	static const char *const texts[] = {
	        "data_dir = \"d\"; city = \"c\"; districts = ( 1, \"x\", [1, 2], (3), {} );\n",
	        "data_dir = \"d\"; city = \"c\"; streets = ( (), (1, 2, 3, 4, 5, 6, 7), [\"a\"] "
	        ");\n",
	        "data_dir = \"d\"; city = \"c\"; teams = ( { id = \"T\"; name = \"t\"; districts = "
	        "[]; } );\n",
	        "data_dir = \"d\"; city = \"c\"; staff = ( { login = \"\\xff\\xfe\"; name = 1; "
	        "role = 2; } );\n",
	        "data_dir = 1; city = [ ]; ui = { ui = { ui = 1; }; };\n",
	        "data_dir = \"d\"; city = \"c\"; budgets = ( { planned = 1e30; year = 1e3; } );\n",
	        "data_dir = \"d\"; city = \"c\"; approval = { team_limit = 0xFFFFFFFFFFFFFFFFFF; "
	        "};\n",
	};
	struct config_errors errors = {0};

	tmp_open();
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		load_bad(texts[i], &errors);
		CHECK(errors.count > 0);
		config_errors_free(&errors);
	}
	tmp_close();
}

/* No fixed limit on list lengths. */
static void test_long_lists(void)
{
	struct config_errors errors = {0};
	struct config *c = NULL;
	size_t size = 0;
	char *text = NULL;
	FILE *out = open_memstream(&text, &size);

	fputs(BASE "streets = (\n", out);
	for (int i = 0; i < 3000; i++)
		fprintf(out, "  (\"Straße %d\", \"%s\", 1, 99)%s\n", i, i % 2 ? "A" : "B",
		        i < 2999 ? "," : "");
	fputs(");\n", out);
	fclose(out);
	tmp_open();
	CHECK_INT(load_text(text, &c, &errors), STATUS_OK);
	if (c) {
		CHECK_INT(c->nstreets, 3000);
		CHECK_INT(config_street_district(c, "Straße 2999", 50), 0);
	}
	config_free(c);
	config_errors_free(&errors);
	free(text);
	tmp_close();
}

int main(void)
{
	RUN(test_demo_loads_clean);
	RUN(test_demo_has_every_role);
	RUN(test_demo_required_logins);
	RUN(test_demo_services_and_budgets);
	RUN(test_demo_split_streets);
	RUN(test_street_lookup);
	RUN(test_address_lookup);
	RUN(test_defaults_and_paths);
	RUN(test_lookups);
	RUN(test_unknown_settings);
	RUN(test_wrong_types);
	RUN(test_missing_required);
	RUN(test_duplicates);
	RUN(test_unknown_references);
	RUN(test_traeger_needs_provider);
	RUN(test_login_syntax);
	RUN(test_street_overlaps);
	RUN(test_street_numbers);
	RUN(test_ranges);
	RUN(test_text_checks);
	RUN(test_money_float);
	RUN(test_money_overflow);
	RUN(test_money_overflow_same_line);
	RUN(test_money_negative);
	RUN(test_money_64bit_with_l);
	RUN(test_many_errors_in_one_file);
	RUN(test_syntax_error);
	RUN(test_included_file_errors);
	RUN(test_missing_file);
	RUN(test_hostile_files);
	RUN(test_errors_print);
	RUN(test_hostile_input);
	RUN(test_long_lists);
	return CHECK_EXIT();
}
