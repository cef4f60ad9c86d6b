/* The writing process of the crash test (tests/proc/crash.sh).
 *
 *   crashwriter write DIR   writes until killed; after each commit it
 *                           prints what that commit made durable:
 *                             I ID NAME        an insert
 *                             U ID VERSION NAME an update
 *                             T ID ID ID       one transaction of three inserts
 *   crashwriter check DIR LOG
 *                           reopens the store (running recovery) and checks
 *                           that every acknowledged write is there.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/date.h"
#include "model/offer.h"
#include "store/store.h"
#include "../sample.h"

static char msg[1024];

static int write_one(struct store *store, long n, uint64_t *last)
{
	struct store_txn *txn;
	struct offer o = sample_offer(""), more[3];
	enum status st = store_begin(store, "crash", &txn);

	snprintf(o.name, sizeof(o.name), "crash-%ld-%ld", (long)getpid(), n);
	if (st == STATUS_OK && n % 5 == 4 && *last) {
		st = store_get(txn, &offer_def, *last, &o);
		snprintf(o.name, sizeof(o.name), "updated-%ld-%ld", (long)getpid(), n);
		if (st == STATUS_OK)
			st = store_update(txn, &offer_def, &o);
		if (st == STATUS_OK && (st = store_commit(txn)) == STATUS_OK)
			printf("U %" PRIu64 " %u %s\n", o.head.id, o.head.version, o.name);
		return st == STATUS_OK ? 0 : 1;
	}
	if (st == STATUS_OK && n % 7 == 6) {
		for (int i = 0; i < 3 && st == STATUS_OK; i++) {
			more[i] = o;
			st = store_insert(txn, &offer_def, &more[i]);
		}
		if (st == STATUS_OK && (st = store_commit(txn)) == STATUS_OK)
			printf("T %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", more[0].head.id,
			       more[1].head.id, more[2].head.id);
		return st == STATUS_OK ? 0 : 1;
	}
	if (st == STATUS_OK)
		st = store_insert(txn, &offer_def, &o);
	if (st == STATUS_OK && (st = store_commit(txn)) == STATUS_OK) {
		printf("I %" PRIu64 " %s\n", o.head.id, o.name);
		*last = o.head.id;
	}
	return st == STATUS_OK ? 0 : 1;
}

static int run_write(const char *dir)
{
	struct store *store;
	uint64_t last = 0;

	if (store_open(dir, 0, &store, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "crashwriter: %s\n", msg);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (long n = 0;; n++)
		if (write_one(store, n, &last) != 0) {
			fprintf(stderr, "crashwriter: a write failed\n");
			return 1;
		}
}

static int expect(struct store_txn *txn, uint64_t id, uint32_t version, const char *name, long line)
{
	struct offer o;
	enum status st = store_get(txn, &offer_def, id, &o);

	if (st != STATUS_OK) {
		printf("line %ld: record %" PRIu64 " acknowledged but %s\n", line, id,
		       status_text(st));
		return 1;
	}
	/* A later acknowledged update may have changed it; never an older one. */
	if (o.head.version < version ||
	    (o.head.version == version && name && strcmp(o.name, name))) {
		printf("line %ld: record %" PRIu64
		       " is version %u \"%s\", acknowledged %u \"%s\"\n",
		       line, id, o.head.version, o.name, version, name ? name : "");
		return 1;
	}
	return 0;
}

static int check_line(struct store_txn *txn, const char *buf, long line)
{
	uint64_t a, b, c;
	unsigned version;
	char name[200];

	if (sscanf(buf, "I %" SCNu64 " %199s", &a, name) == 2)
		return expect(txn, a, 1, name, line);
	if (sscanf(buf, "U %" SCNu64 " %u %199s", &a, &version, name) == 3)
		return expect(txn, a, version, name, line);
	if (sscanf(buf, "T %" SCNu64 " %" SCNu64 " %" SCNu64, &a, &b, &c) == 3)
		return expect(txn, a, 1, NULL, line) + expect(txn, b, 1, NULL, line) +
		       expect(txn, c, 1, NULL, line);
	return 0; /* the last line may be cut by the kill */
}

static int run_check(const char *dir, const char *log)
{
	struct store *store;
	struct store_txn *txn;
	FILE *in = fopen(log, "r");
	char buf[512];
	long line = 0, bad = 0;

	if (!in || store_open(dir, 0, &store, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "crashwriter: %s\n", in ? msg : "cannot read the log");
		return 1;
	}
	store_begin_snapshot(store, &txn);
	while (fgets(buf, sizeof(buf), in))
		bad += check_line(txn, buf, ++line);
	store_abort(txn);
	store_close(store);
	fclose(in);
	printf("checked %ld acknowledged writes, %ld missing or wrong\n", line, bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "write") == 0)
		return run_write(argv[2]);
	if (argc == 4 && strcmp(argv[1], "check") == 0)
		return run_check(argv[2], argv[3]);
	fprintf(stderr, "usage: crashwriter write DIR | crashwriter check DIR LOG\n");
	return 2;
}
