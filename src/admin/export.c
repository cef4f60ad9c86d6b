/* export KIND: the server writes the CSV on its worker thread in a
 * snapshot; this command fetches it piece by piece onto stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_private.h"

/* KIND [--year Y] [--district D]; YEAR 0 and DISTRICT NULL when not given. */
static int parse_export_args(int argc, char **argv, int *year, const char **district)
{
	for (int i = 1; i < argc; i += 2) {
		char *end;
		unsigned long y;

		if (i + 1 >= argc)
			return ADMIN_USAGE;
		if (strcmp(argv[i], "--district") == 0) {
			*district = argv[i + 1];
		} else if (strcmp(argv[i], "--year") == 0) {
			y = strtoul(argv[i + 1], &end, 10);
			if (*end || y < 2000 || y > 2099)
				return ADMIN_USAGE;
			*year = (int)y;
		} else {
			return ADMIN_USAGE;
		}
	}
	return ADMIN_OK;
}

int admin_export(struct admin *admin, int argc, char **argv)
{
	return admin_export_to(admin, argc, argv, stdout);
}

int admin_export_to(struct admin *admin, int argc, char **argv, FILE *out)
{
	struct wire_client *client;
	const char *district = NULL;
	char text[1024];
	int year = 0;
	enum status st;

	if (parse_export_args(argc, argv, &year, &district) != ADMIN_OK) {
		admin_error("usage: sozialraum-admin export KIND [--year Y] [--district D]");
		return ADMIN_USAGE;
	}
	if (!(client = admin_connect(admin)))
		return ADMIN_FINDING;
	st = wire_client_export(
	        client,
	        &(struct wire_export_query){.kind = argv[0], .year = year, .district = district},
	        out, text, sizeof(text));
	wire_client_close(client);
	if (st != STATUS_OK && text[0])
		admin_error("%s: %s", status_text(st), text);
	else if (st != STATUS_OK)
		admin_error("%s", status_text(st));
	return st == STATUS_OK ? ADMIN_OK : ADMIN_FINDING;
}
