/* scripts/bench cases: the cases of `sozialraum-admin demo --cases N
 * --measures N*9/20` through the server and on disk, at two sizes
 * measured in the same run.
 *
 *   bench_cases bare DBDIR DESTDIR CASES
 *	the baseline of the demo load: every key and value the demo wrote
 *	(records, index entries, audit entries, sequences) read from DBDIR
 *	and written again by a bare Berkeley DB loop into plain btrees of the
 *	same names and flags, with the same environment settings, in as many
 *	transactions as the demo had (CASES: it writes a case, its persons,
 *	journal, follow-ups and assessments in one, a measure with its
 *	decision and plan in one): once each file in key
 *	order, one after the other, once with each transaction a share of
 *	every file as the demo's are. Only the writes are timed. Prints
 *	"bare|pairs|seconds file by file|seconds shared".
 *
 *   bench_cases run SOCKET CASES
 *	the server's own time per request (its STATS answer, median and
 *	99th percentile) for a word search of the cases and of the persons,
 *	a caseworker's "Meine Fälle" (the lead index), the opening of a
 *	case file (audited: a write), a team's decisions waiting (the
 *	dashboard's) and a measure's decisions. Prints
 *	"kind|count|median|p99".
 */
#include <db.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/case.h"
#include "model/measure.h"
#include "wire/client.h"
#include "bare.h"
#include "bench.h"

#define REQUESTS    2000 /* per kind */
#define WARMUP      200
#define USER_LOGIN  "amt" /* reads every case: no rights filter hides the work */
#define ADMIN_LOGIN "admin"
/* scripts/bench's demo: --measures 9 for every 20 cases (what fills the
 * demo districts' budgets) */
#define MEASURES_PER_20_CASES 9

static int bare(const char *src, const char *dest, long cases)
{
	struct file *files;
	size_t nfiles = bare_read_all(src, NULL, NULL, &files), pairs = 0;
	char dir[1024];
	double sorted = -1, mixed = -1;

	snprintf(dir, sizeof(dir), "%s/sorted", dest);
	mkdir(dest, 0700);
	if (nfiles)
		sorted = bare_write_all(dir, files, nfiles, cases, true, &pairs);
	snprintf(dir, sizeof(dir), "%s/mixed", dest);
	if (sorted >= 0)
		mixed = bare_write_all(dir, files, nfiles, cases, false, &pairs);
	bare_free(files, nfiles);
	if (mixed < 0) {
		fprintf(stderr, "bench_cases: the bare loop failed\n");
		return 1;
	}
	printf("bare|%zu|%.3f|%.3f\n", pairs, sorted, mixed);
	return 0;
}

/* --- through the server --- */

/* Words of the demo's names: a family name finds a twentieth of the cases. */
static const char *const family_words[] = {"müller", "yilmaz", "nowak",    "schulz", "krüger",
                                           "sahin",  "becker", "hoffmann", "weiss",  "jäger"};
static const char *const person_words[] = {"emre", "lena",  "mia",  "jonas", "aylin",
                                           "ben",  "zofia", "minh", "lukas", "amira"};
static const char *const leads[] = {"fk.fg", "shansen", "bgross", "mboettcher", "mmeier"};
#define PICK(a, i) (a[(size_t)(i) % (sizeof(a) / sizeof((a)[0]))])

enum kind { CASE_WORDS, PERSON_WORDS, MY_CASES, OPEN_CASE, WAITING, DECISIONS, KINDS };
static const char *const kind_names[KINDS] = {"word search, cases", "word search, persons",
                                              "my cases (lead)",    "open a case file",
                                              "decisions waiting",  "a measure's decisions"};
static const char *const teams[] = {"T-FG", "T-HM", "T-GA", "T-GL"};

/* A page of DEF: by WORDS, or of INDEX from KEY, or the children of PARENT. */
static enum status list(struct wire_client *c, const struct record_def *def, const char *words,
                        const char *index, const char *key, uint64_t parent)
{
	struct codec_buf *req = wire_client_request(c, WIRE_RECORD_LIST);
	struct wire_msg reply;

	codec_put_str(req, WF_TABLE, def->table);
	if (words)
		codec_put_str(req, WF_WORDS, words);
	if (index) {
		uint8_t buf[INDEX_KEY_MAX];
		int len = index_put_text(buf, sizeof(buf), key);

		codec_put_str(req, WF_INDEX, index);
		codec_put_bytes(req, WF_KEY, buf, (size_t)len);
	}
	if (parent)
		codec_put_u64(req, WF_PARENT, parent);
	return wire_client_call(c, &reply);
}

static enum status open_case(struct wire_client *c, uint64_t id)
{
	struct codec_buf *req = wire_client_request(c, WIRE_RECORD_GET);
	struct wire_msg reply;

	codec_put_str(req, WF_TABLE, case_def.table);
	codec_put_u64(req, WF_ID, id);
	return wire_client_call(c, &reply);
}

/* The case ids are the first CASES of the cases table's sequence; the
 * demo makes a measure for nearly every second one (MEASURES_PER_CASE:
 * the ids below nine tenths of them are sure to exist). */
static enum status request(struct wire_client *c, enum kind kind, long cases, int i)
{
	uint64_t measures = (uint64_t)cases * MEASURES_PER_20_CASES / 20 * 9 / 10;

	switch (kind) {
	case CASE_WORDS:
		return list(c, &case_def, PICK(family_words, i), NULL, NULL, 0);
	case PERSON_WORDS:
		return list(c, &person_def, PICK(person_words, i), NULL, NULL, 0);
	case MY_CASES:
		return list(c, &case_def, NULL, "lead", PICK(leads, i), 0);
	case WAITING:
		return list(c, &measure_def, NULL, "pending", PICK(teams, i), 0);
	case DECISIONS:
		return list(c, &approval_def, NULL, NULL, NULL,
		            1 + (uint64_t)rand() % (measures ? measures : 1));
	default:
		return open_case(c, 1 + (uint64_t)rand() % (uint64_t)cases);
	}
}

/* The class of STATS that counts a kind: opening a case file is a read. */
static int measure(struct wire_client *user, struct wire_client *admin, enum kind kind, long cases,
                   struct summary *out)
{
	struct summary ignored;
	enum status st = STATUS_OK;

	for (int i = 0; i < WARMUP && st == STATUS_OK; i++)
		st = request(user, kind, cases, i);
	if (st == STATUS_OK)
		st = server_stats(admin, true, "read", &ignored);
	for (int i = 0; i < REQUESTS && st == STATUS_OK; i++)
		st = request(user, kind, cases, i);
	if (st == STATUS_OK)
		st = server_stats(admin, false, "read", out);
	if (st != STATUS_OK)
		fprintf(stderr, "bench_cases: %s: %s\n", kind_names[kind], status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

static int run(const char *socket_path, long cases)
{
	struct wire_client *user, *admin;
	struct summary sums[KINDS];
	char msg[512];
	int failed = 0;

	if (wire_client_open(socket_path, USER_LOGIN, 0, &user, NULL, msg, sizeof(msg)) !=
	            STATUS_OK ||
	    wire_client_open(socket_path, ADMIN_LOGIN, 0, &admin, NULL, msg, sizeof(msg)) !=
	            STATUS_OK) {
		fprintf(stderr, "bench_cases: %s\n", msg);
		return 1;
	}
	srand(1);
	for (int k = 0; k < KINDS && !failed; k++)
		failed = measure(user, admin, (enum kind)k, cases, &sums[k]);
	wire_client_close(user);
	wire_client_close(admin);
	if (failed)
		return 1;
	for (int k = 0; k < KINDS; k++)
		printf("%s|%" PRIu64 "|%.4f|%.4f\n", kind_names[k], sums[k].count,
		       ms(sums[k].median), ms(sums[k].p99));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "bare") == 0 && atol(argv[4]) > 0)
		return bare(argv[2], argv[3], atol(argv[4]));
	if (argc == 4 && strcmp(argv[1], "run") == 0 && atol(argv[3]) > 0)
		return run(argv[2], atol(argv[3]));
	fprintf(stderr, "usage: bench_cases bare DBDIR DESTDIR CASES\n"
	                "       bench_cases run SOCKET CASES\n");
	return 2;
}
