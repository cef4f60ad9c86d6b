/* scripts/bench budget: the bookings of `sozialraum-admin demo --cases N
 * --measures M --bookings B` through the server and on disk, at two sizes
 * measured in the same run.
 *
 *   bench_budget bare DBDIR DESTDIR
 *	the baseline of the booking load: the pairs the demo's bookings
 *	wrote (the bookings, their index entries, their audit entries and
 *	the audit index entries of those) read from DBDIR and written again
 *	by the bare loop (bare.h) three ways: file after file in key order;
 *	in as many transactions as the demo booked in (one per measure and
 *	per offer), each a share of every file in key order; and as the load
 *	wrote them, each booking with its entries, in the demo's own
 *	transactions. The budget's aggregates, which the demo moves with
 *	every booking, are in none of them: they are what the program does
 *	beyond the bare writes. Prints "bare|pairs|seconds file by file|
 *	seconds shared|seconds as loaded|bookings|bytes" (bytes: the
 *	bookings' files).
 *
 *   bench_budget run SOCKET
 *	the server's own time per request (its STATS answer) for the figures
 *	of a district's year, the request the budget screen and the
 *	dashboard make per district. Prints "kind|count|median|p99".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/audit.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/date.h"
#include "store/store.h"
#include "wire/client.h"
#include "bare.h"
#include "bench.h"

#define REQUESTS 2000
#define WARMUP   200

/* --- the bare loop --- */

struct ids {
	uint64_t *id;
	size_t n, cap;
};

static int add_id(struct ids *s, uint64_t id)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 4096;
		uint64_t *p = realloc(s->id, cap * sizeof(*p));

		if (!p)
			return -1;
		s->id = p;
		s->cap = cap;
	}
	s->id[s->n++] = id;
	return 0;
}

static int compare_ids(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static bool has_id(const struct ids *s, uint64_t id)
{
	return bsearch(&id, s->id, s->n, sizeof(id), compare_ids) != NULL;
}

struct want {
	struct ids audits;  /* the audit entries of bookings */
	struct ids ids;     /* the bookings, in id order */
	struct ids targets; /* what each booked on (offers as ~id), in that order */
	size_t bookings;
	uint64_t bytes;
};

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Pass 1: the audit entries of bookings (their ids); the bookings' own
 * files whole, counting what they book on. */
static bool want_bookings(void *ctx, const char *name, const DBT *key, const DBT *data)
{
	struct want *w = ctx;
	struct audit_entry e;
	struct booking b;

	if (strcmp(name, "audit.db") == 0) {
		if (record_decode(&audit_def, data->data, data->size, &e) == STATUS_OK &&
		    strcmp(e.table, booking_def.table) == 0)
			add_id(&w->audits, e.head.id);
		return false; /* taken in pass 2 */
	}
	if (!starts(name, "bookings."))
		return false;
	w->bytes += key->size + data->size;
	if (strcmp(name, "bookings.db") == 0 &&
	    record_decode(&booking_def, data->data, data->size, &b) == STATUS_OK) {
		w->bookings++;
		add_id(&w->ids, b.head.id);
		add_id(&w->targets, b.measure_id ? b.measure_id : ~b.offer_id);
	}
	return true;
}

static uint64_t id_of(const DBT *dbt)
{
	uint64_t id = 0;

	for (u_int32_t i = 0; i < 8 && i < dbt->size; i++)
		id = id << 8 | ((const uint8_t *)dbt->data)[i];
	return id;
}

/* Pass 2: the bookings' audit entries and their index entries (an
 * index's data is its record's id). */
static bool want_audits(void *ctx, const char *name, const DBT *key, const DBT *data)
{
	struct want *w = ctx;

	if (strcmp(name, "audit.db") == 0)
		return has_id(&w->audits, id_of(key));
	if (starts(name, "audit."))
		return has_id(&w->audits, id_of(data));
	return false;
}

/* The write of the load each pair belongs to: its booking's place in id
 * order, the k-th booking's audit entry being the k-th (the demo writes
 * each booking's entry right after it); false when a pair's record is not
 * among them. */
static bool place_pairs(const struct want *w, struct file *files, size_t nfiles)
{
	for (size_t i = 0; i < nfiles; i++) {
		bool audit = starts(files[i].name, "audit.");
		bool table = strcmp(files[i].name, audit ? "audit.db" : "bookings.db") == 0;
		const struct ids *of = audit ? &w->audits : &w->ids;

		for (size_t k = 0; k < files[i].n; k++) {
			struct pair *p = &files[i].pairs[k];
			DBT owner = {.data = table ? p->key : p->data,
			             .size = table ? p->klen : p->dlen};
			uint64_t id = id_of(&owner);
			const uint64_t *at = bsearch(&id, of->id, of->n, sizeof(id), compare_ids);

			if (!at)
				return false;
			p->at = (size_t)(at - of->id);
		}
	}
	return true;
}

/* The transaction of each write: the demo books each measure's and each
 * offer's in one. */
static size_t *transactions(const struct want *w)
{
	size_t *txn = malloc((w->targets.n ? w->targets.n : 1) * sizeof(*txn));

	for (size_t i = 0; txn && i < w->targets.n; i++)
		txn[i] = i == 0 ? 0 : txn[i - 1] + (w->targets.id[i] != w->targets.id[i - 1]);
	return txn;
}

static int bare(const char *src, const char *dest)
{
	struct want w = {0};
	struct file *files = NULL, *audits = NULL, *all;
	size_t nfiles = bare_read_all(src, want_bookings, &w, &files), naudits, pairs = 0;
	size_t *txn = transactions(&w), txns = txn && w.targets.n ? txn[w.targets.n - 1] + 1 : 0;
	char dir[1024];
	double sorted = -1, mixed = -1, ordered = -1;

	qsort(w.audits.id, w.audits.n, sizeof(uint64_t), compare_ids);
	naudits = bare_read_all(src, want_audits, &w, &audits);
	all = realloc(files, (nfiles + naudits) * sizeof(*all));
	if (all) {
		memcpy(all + nfiles, audits, naudits * sizeof(*all));
		files = all;
		nfiles += naudits;
	}
	free(audits);
	mkdir(dest, 0700);
	snprintf(dir, sizeof(dir), "%s/sorted", dest);
	if (nfiles && all)
		sorted = bare_write_all(dir, files, nfiles, (long)txns, true, &pairs);
	bare_remove(dir);
	snprintf(dir, sizeof(dir), "%s/mixed", dest);
	if (sorted >= 0)
		mixed = bare_write_all(dir, files, nfiles, (long)txns, false, &pairs);
	bare_remove(dir);
	snprintf(dir, sizeof(dir), "%s/ordered", dest);
	if (mixed >= 0 && w.audits.n == w.ids.n && txn && place_pairs(&w, files, nfiles))
		ordered = bare_write_ordered(dir, files, nfiles, txn, w.ids.n, &pairs);
	bare_remove(dir);
	bare_free(files, nfiles);
	free(w.audits.id);
	free(w.ids.id);
	free(w.targets.id);
	free(txn);
	if (ordered < 0 || !w.bookings) {
		fprintf(stderr, "bench_budget: the bare loop failed\n");
		return 1;
	}
	printf("bare|%zu|%.3f|%.3f|%.3f|%zu|%" PRIu64 "\n", pairs, sorted, mixed, ordered,
	       w.bookings, w.bytes);
	return 0;
}

/* --- through the server --- */

static int run(const char *socket_path)
{
	struct summary sum;
	char msg[512];

	if (bench_figures_stats(socket_path, WARMUP, REQUESTS, 0, &sum, msg, sizeof(msg)) !=
	    STATUS_OK) {
		fprintf(stderr, "bench_budget: %s\n", msg);
		return 1;
	}
	printf("budget figures of a district's year|%" PRIu64 "|%.4f|%.4f\n", sum.count,
	       ms(sum.median), ms(sum.p99));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "bare") == 0)
		return bare(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "run") == 0)
		return run(argv[2]);
	fprintf(stderr, "usage: bench_budget bare DBDIR DESTDIR\n"
	                "       bench_budget run SOCKET\n");
	return 2;
}
