/* sozialraum: the terminal program staff work in, one per SSH session. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>

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

int main(int argc, char **argv)
{
	static const struct option options[] = {{"as", required_argument, NULL, 'a'},
	                                        {"help", no_argument, NULL, 'h'},
	                                        {NULL, 0, NULL, 0}};
	struct ui_options opt = {.config_path = DEFAULT_CONFIG};
	int c;

	setlocale(LC_ALL, "");
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
