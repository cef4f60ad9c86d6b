/* Fuzz target: the configuration file admins edit. The input is written to
 * sozialraum.conf in a folder of this process's own (made once, removed at
 * exit) beside a small streets.conf, so that '@include "streets.conf"'
 * works, and loaded with config_load. Every error must carry a terminated
 * message; a loaded configuration is queried the way the programs do. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "model/config.h"

static char folder[256], path[300];
static FILE *null_out;

static const char streets[] = "streets = (\n"
                              "  (\"Ulzburger Straße\", \"HM\", 1, 199),\n"
                              "  (\"Ulzburger Straße\", \"FG\", 200, 599),\n"
                              "  (\"Buchenweg\", \"GA\"),\n"
                              "  (\"Kohfurth\", \"GA\", 1, 99, \"odd\")\n"
                              ");\n";

static void write_file(const char *name, const void *data, size_t size)
{
	char file[320];
	FILE *out;

	snprintf(file, sizeof(file), "%s/%s", folder, name);
	out = fopen(file, "wb");
	FUZZ_ASSERT(out, "cannot write %s", file);
	FUZZ_ASSERT(fwrite(data, 1, size, out) == size && fclose(out) == 0, "cannot write %s",
	            file);
}

static void remove_folder(void)
{
	char file[320];

	for (const char *const *name =
	             (const char *const[]){"sozialraum.conf", "streets.conf", NULL};
	     *name; name++) {
		snprintf(file, sizeof(file), "%s/%s", folder, *name);
		unlink(file);
	}
	rmdir(folder);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(folder, sizeof(folder), "%s/fuzz_config.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	FUZZ_ASSERT(mkdtemp(folder), "cannot make a folder in %s", tmp);
	atexit(remove_folder);
	snprintf(path, sizeof(path), "%s/sozialraum.conf", folder);
	write_file("streets.conf", streets, sizeof(streets) - 1);
	null_out = fopen("/dev/null", "w");
	FUZZ_ASSERT(null_out, "cannot open /dev/null");
	return 0;
}

#define TERMINATED(member) \
	FUZZ_ASSERT(memchr(member, '\0', sizeof(member)), #member " unterminated")

/* Queries a loaded configuration as the programs do; every text must be
 * terminated inside its member. */
static void query(const struct config *c)
{
	TERMINATED(c->path);
	TERMINATED(c->data_dir);
	TERMINATED(c->socket_path);
	TERMINATED(c->city);
	for (size_t i = 0; i < c->ndistricts; i++) {
		TERMINATED(c->districts[i].id);
		TERMINATED(c->districts[i].name);
	}
	for (size_t i = 0; i < c->nstreets; i++) {
		TERMINATED(c->streets[i].name);
		TERMINATED(c->streets[i].folded);
		FUZZ_ASSERT(c->streets[i].district >= 0 &&
		                    (size_t)c->streets[i].district < c->ndistricts,
		            "street %zu: district %d of %zu", i, c->streets[i].district,
		            c->ndistricts);
	}
	for (size_t i = 0; i < c->nteams; i++) {
		TERMINATED(c->teams[i].id);
		TERMINATED(c->teams[i].name);
	}
	for (size_t i = 0; i < c->nproviders; i++) {
		TERMINATED(c->providers[i].id);
		TERMINATED(c->providers[i].name);
		TERMINATED(c->providers[i].address);
		TERMINATED(c->providers[i].phone);
	}
	for (size_t i = 0; i < c->nservices; i++) {
		TERMINATED(c->services[i].code);
		TERMINATED(c->services[i].name);
		TERMINATED(c->services[i].legal_basis);
	}
	for (size_t i = 0; i < c->nstaff; i++) {
		TERMINATED(c->staff[i].login);
		TERMINATED(c->staff[i].name);
	}

	for (size_t i = 0; i < c->ndistricts; i++)
		FUZZ_ASSERT(config_find_district(c, c->districts[i].id) >= 0, "district %s lost",
		            c->districts[i].id);
	for (size_t i = 0; i < c->nteams; i++)
		config_find_team(c, c->teams[i].id);
	for (size_t i = 0; i < c->nproviders; i++)
		config_find_provider(c, c->providers[i].id);
	for (size_t i = 0; i < c->nservices; i++)
		config_find_service(c, c->services[i].code);
	for (size_t i = 0; i < c->nstaff; i++)
		config_find_staff(c, c->staff[i].login);
	for (size_t i = 0; i < c->nstreets; i++) {
		config_street_district(c, c->streets[i].name, c->streets[i].from);
		config_street_district(c, c->streets[i].name, 0);
	}
	for (size_t i = 0; i < c->nbudgets; i++)
		config_budget_planned(c, c->budgets[i].year, c->budgets[i].district,
		                      c->budgets[i].line);
	config_find_district(c, "");
	config_street_district(c, "ulzburger str.", 7);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_errors errors;
	struct config *config = NULL;
	enum status st;

	write_file("sozialraum.conf", data, size);
	memset(&errors, 0, sizeof(errors));
	st = config_load(path, &config, &errors);
	if (st == STATUS_OK) {
		FUZZ_ASSERT(config && errors.count == 0, "loaded, yet with %zu errors",
		            errors.count);
		query(config);
	} else {
		FUZZ_ASSERT(!config && (errors.count > 0 || st == STATUS_ERR_NOMEM),
		            "refused (%d) without saying why", st);
	}
	for (size_t i = 0; i < errors.count; i++)
		FUZZ_ASSERT(
		        memchr(errors.items[i].message, '\0', sizeof(errors.items[i].message)) &&
		                memchr(errors.items[i].file, '\0', sizeof(errors.items[i].file)),
		        "error %zu unterminated", i);
	config_errors_print(&errors, null_out);
	config_errors_free(&errors);
	config_free(config);
	return 0;
}
