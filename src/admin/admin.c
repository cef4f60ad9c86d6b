/* sozialraum-admin: options, the command table, dispatch. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "admin_private.h"
#include "model/text.h"

#define DEFAULT_CONFIG "/etc/sozialraum/sozialraum.conf"

static const struct admin_command commands[] = {
        {.name = "check", .args = "", .help = "validate the configuration", .run = admin_check},
        {.name = "init",
         .args = "",
         .help = "create the data directory and the database",
         .needs_config = true,
         .run = admin_init},
        {.name = "demo",
         .args = "[--seed N] [--cases N] [--measures N] [--bookings N]",
         .help = "fill an empty data directory with deterministic demo data (offers; N cases; "
                 "N measures on them, with their decisions and plans; N bookings)",
         .max_args = 8,
         .needs_config = true,
         .run = admin_demo},
        {.name = "verify",
         .args = "",
         .help = "check the database files and every invariant between records",
         .needs_config = true,
         .run = admin_verify},
        {.name = "recover",
         .args = "[--catastrophic]",
         .help = "run database recovery",
         .max_args = 1,
         .needs_config = true,
         .run = admin_recover},
        {.name = "restore",
         .args = "DIR",
         .help = "replace the database by the backup in DIR",
         .min_args = 1,
         .max_args = 1,
         .needs_config = true,
         .run = admin_restore},
        {.name = "backup",
         .args = "[DIR]",
         .help = "hot backup while users work, into a new folder of the configured "
                 "backup directory (server); with DIR, offline into DIR (no server)",
         .max_args = 1,
         .needs_config = true,
         .run = admin_backup},
        {.name = "status",
         .args = "",
         .help = "the server up or not; sessions, edit locks, log size, last checkpoint, "
                 "backup and verify (server)",
         .needs_config = true,
         .run = admin_status},
        {.name = "locks",
         .args = "",
         .help = "list edit locks with holder and age (server)",
         .needs_config = true,
         .run = admin_locks},
        {.name = "unlock",
         .args = "ID",
         .help = "release edit lock ID (server)",
         .min_args = 1,
         .max_args = 1,
         .needs_config = true,
         .run = admin_unlock},
        {.name = "audit",
         .args = "[--user L] [--case N] [--since DATE]",
         .help = "read the audit log (server)",
         .max_args = 6,
         .needs_config = true,
         .run = admin_audit},
        {.name = "export",
         .args = "KIND [--year Y] [--district D]",
         .help = "CSV for German Excel on stdout; KIND: offers, cases, measures, bookings, "
                 "budget, committee, statistics, or another record type's table (server)",
         .min_args = 1,
         .max_args = 5,
         .needs_config = true,
         .run = admin_export},
        {.name = "import",
         .args = "bookings FILE",
         .help = "book the payments of a CSV file of the finance system, every line or none "
                 "(server)",
         .min_args = 2,
         .max_args = 2,
         .needs_config = true,
         .run = admin_import},
        {.name = "report",
         .args = "committee --year Y [--format txt|pdf] [-o FILE]",
         .help = "the report to the Jugendhilfeausschuss: per district and for the city, "
                 "each figure beside the previous year's (server)",
         .min_args = 3,
         .max_args = 7,
         .needs_config = true,
         .run = admin_report},
        {.name = "statistics",
         .args = "check --year Y",
         .help = "which fields the federal statistics need are missing in the year's helps "
                 "and § 8a procedures, in which case, and who leads it (server)",
         .min_args = 3,
         .max_args = 3,
         .needs_config = true,
         .run = admin_statistics},
        {.name = "purge",
         .args = "[--dry-run]",
         .help = "the cases past their retention period lose names, addresses and texts "
                 "(what reports and budgets count stays), then the database files are "
                 "rewritten; --dry-run lists what would go and why (no server)",
         .max_args = 1,
         .needs_config = true,
         .run = admin_purge},
        {.name = "adduser",
         .args = "LOGIN [--key FILE] [--group GROUP]",
         .help = "as root: the Unix account of staff member LOGIN, landing in sozialraum "
                 "over ssh (keys only; group default sozialraum-staff)",
         .min_args = 1,
         .max_args = 5,
         .needs_config = true,
         .run = admin_adduser},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

void admin_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sozialraum-admin: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void admin_put_padded(FILE *out, const char *text, int width, bool right)
{
	char shown[256];
	int w;

	text_neutralise(text, false, shown, sizeof(shown));
	w = text_width(shown);
	if (right)
		fprintf(out, "%*s%s", w < width ? width - w : 0, "", shown);
	else
		fprintf(out, "%s%*s", shown, w < width ? width - w : 0, "");
}

static void usage(FILE *out)
{
	fprintf(out, "usage: sozialraum-admin [-c FILE] [-D DIR] COMMAND [ARGS]\n\n"
	             "  -c FILE  configuration (default " DEFAULT_CONFIG ")\n"
	             "  -D DIR   data directory (default: data_dir of the configuration)\n\n"
	             "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char head[64];

		snprintf(head, sizeof(head), "%s %s", commands[i].name, commands[i].args);
		fprintf(out, "  %-24s %s\n", head, commands[i].help);
	}
}

static const struct admin_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int load_config(struct admin *admin)
{
	struct config_errors errors = {0};
	enum status st = config_load(admin->config_path, &admin->config, &errors);

	if (st != STATUS_OK) {
		config_errors_print(&errors, stderr);
		admin_error("configuration %s has errors; nothing was done", admin->config_path);
	}
	config_errors_free(&errors);
	if (st != STATUS_OK)
		return ADMIN_FINDING;
	if (!admin->data_dir)
		admin->data_dir = admin->config->data_dir;
	return ADMIN_OK;
}

static int parse_options(struct admin *admin, int argc, char **argv)
{
	static const struct option options[] = {
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;

	/* '+': options end at the command; its own arguments follow. */
	while ((c = getopt_long(argc, argv, "+c:D:h", options, NULL)) != -1) {
		switch (c) {
		case 'c':
			admin->config_path = optarg;
			break;
		case 'D':
			admin->data_dir = optarg;
			admin->dir_given = true;
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			usage(stderr);
			return ADMIN_USAGE;
		}
	}
	return ADMIN_OK;
}

int admin_main(int argc, char **argv)
{
	struct admin admin = {.config_path = DEFAULT_CONFIG, .tty = isatty(STDOUT_FILENO)};
	const struct admin_command *command;
	int nargs, ret = parse_options(&admin, argc, argv);

	if (ret != ADMIN_OK)
		return ret < 0 ? ADMIN_OK : ret;
	if (optind >= argc) {
		admin_error("no command given");
		usage(stderr);
		return ADMIN_USAGE;
	}
	command = find_command(argv[optind]);
	nargs = argc - optind - 1;
	if (!command) {
		admin_error("unknown command '%s'", argv[optind]);
		usage(stderr);
		return ADMIN_USAGE;
	}
	if (nargs < command->min_args || nargs > command->max_args) {
		admin_error("usage: sozialraum-admin %s %s", command->name, command->args);
		return ADMIN_USAGE;
	}
	if (command->needs_config && (ret = load_config(&admin)) != ADMIN_OK)
		return ret;
	ret = command->run(&admin, nargs, argv + optind + 1);
	config_free(admin.config);
	return ret;
}
