/* scripts/bench report: the committee report beside a bare scan of the
 * tables it reads, and interactive reads while it runs.
 *
 *   bench_report scan DBDIR
 *	the baseline: every pair of the tables the report reads (cases,
 *	measures, risk assessments, offers, their monthly counts) read by a
 *	bare Berkeley DB cursor (bare.h), nothing kept. Prints
 *	"scan|pairs|seconds".
 *
 *   bench_report report SOCKET YEAR SERVER-PID
 *	the report through the server (export "committee" as the head of
 *	office, fetched whole), and the server's peak memory (VmHWM) before
 *	and after. Prints "report|rows|seconds|kB before|kB after".
 *
 *   bench_report reads SOCKET SECONDS
 *	the server's own time per interactive read (the figures of a
 *	district's year, the budget screen's request) for SECONDS, by its
 *	STATS answer. Prints "reads|count|median|p99".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/client.h"
#include "bare.h"
#include "bench.h"

#define USER_LOGIN "amt"

static int scan(const char *dbdir)
{
	static const char *const tables[] = {"cases.db", "measures.db", "risk_assessments.db",
	                                     "offers.db", "offer_counts.db"};
	size_t pairs = 0;
	double seconds = bare_scan(dbdir, tables, sizeof(tables) / sizeof(tables[0]), &pairs);

	if (seconds < 0) {
		fprintf(stderr, "bench_report: the bare scan failed\n");
		return 1;
	}
	printf("scan|%zu|%.3f\n", pairs, seconds);
	return 0;
}

/* The server's VmHWM (kB): the peak of its memory so far. */
static long server_peak_kb(long pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	if ((f = fopen(path, "r"))) {
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
				break;
		fclose(f);
	}
	return kb;
}

static int report(const char *socket_path, int year, long pid)
{
	struct wire_client *c;
	char msg[512], *text = NULL;
	size_t len = 0, rows = 0;
	long before = server_peak_kb(pid), after;
	FILE *mem = open_memstream(&text, &len);
	uint64_t t0;
	enum status st;

	if (!mem ||
	    wire_client_open(socket_path, USER_LOGIN, 0, &c, NULL, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "bench_report: %s\n", mem ? msg : "no memory");
		return 1;
	}
	t0 = now_ns();
	st = wire_client_export(c, &(struct wire_export_query){.kind = "committee", .year = year},
	                        mem, msg, sizeof(msg));
	fclose(mem);
	wire_client_close(c);
	after = server_peak_kb(pid);
	for (size_t i = 0; text && i < len; i++)
		rows += text[i] == '\n';
	free(text);
	if (st != STATUS_OK) {
		fprintf(stderr, "bench_report: %s %s\n", status_text(st), msg);
		return 1;
	}
	printf("report|%zu|%.3f|%ld|%ld\n", rows ? rows - 1 : 0, (double)(now_ns() - t0) / 1e9,
	       before, after);
	return 0;
}

static int reads(const char *socket_path, double seconds)
{
	struct summary sum;
	char msg[512];

	if (bench_figures_stats(socket_path, 0, 0, seconds, &sum, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "bench_report: %s\n", msg);
		return 1;
	}
	printf("reads|%" PRIu64 "|%.4f|%.4f\n", sum.count, ms(sum.median), ms(sum.p99));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "scan") == 0)
		return scan(argv[2]);
	if (argc == 5 && strcmp(argv[1], "report") == 0)
		return report(argv[2], atoi(argv[3]), atol(argv[4]));
	if (argc == 4 && strcmp(argv[1], "reads") == 0)
		return reads(argv[2], atof(argv[3]));
	fprintf(stderr, "usage: bench_report scan DBDIR\n"
	                "       bench_report report SOCKET YEAR SERVER-PID\n"
	                "       bench_report reads SOCKET SECONDS\n");
	return 2;
}
