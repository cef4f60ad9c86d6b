/* sozialraum: the terminal program staff work in, one per SSH session. */
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui/main.h"

#define DEFAULT_CONFIG "/etc/sozialraum/sozialraum.conf"

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: sozialraum [-c FILE] [-D DIR] [--as LOGIN]\n"
	        "  -c FILE     configuration (default " DEFAULT_CONFIG ")\n"
	        "  -D DIR      data directory of the server (default: from the configuration)\n"
	        "  --as LOGIN  work as LOGIN (demos and tests; only for root and the server's "
	        "account)\n");
}

/* Files the environment would name for the C library and curses to read
 * (locale data, character set modules, message catalogues, a termcap):
 * the program reads the system's own. (Terminal descriptions: term.c.) */
static void drop_file_variables(void)
{
	static const char *const names[] = {"LOCPATH", "GCONV_PATH", "NLSPATH", "TERMCAP"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unsetenv(names[i]);
}

/* The locale the environment names; when it names none, or one this system
 * does not have (an SSH client that sends LC_CTYPE=UTF-8), C.UTF-8, so
 * that umlauts show. A locale named and present is kept, ISO-8859-1 too. */
static void set_locale(void)
{
	static const char *const names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
	bool named = false;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		named = named || (getenv(names[i]) && *getenv(names[i]));
	if (!setlocale(LC_ALL, "") || !named)
		setlocale(LC_ALL, "C.UTF-8");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {{"as", required_argument, NULL, 'a'},
	                                        {"help", no_argument, NULL, 'h'},
	                                        {NULL, 0, NULL, 0}};
	struct ui_options opt = {.config_path = DEFAULT_CONFIG};
	int c;

	drop_file_variables();
	set_locale();
	while ((c = getopt_long(argc, argv, "c:D:h", options, NULL)) != -1) {
		switch (c) {
		case 'c':
			opt.config_path = optarg;
			break;
		case 'D':
			opt.data_dir = optarg;
			break;
		case 'a':
			opt.as_login = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	return ui_main(&opt);
}
