/* scripts/bench server: requests/s and time per request of a running
 * sozialraumd with 1, 20 and 200 connected clients, reads and saves apart,
 * beside two baselines measured in this run:
 *
 *   - the same read done in-process (snapshot transaction, get, abort, as
 *     the server's RECORD_GET does it) on a store holding the same records:
 *     what the socket, the protocol and the server's loop add;
 *   - a bare write + fdatasync in the server's data directory: the floor
 *     for a synced save, which only group commit (one sync for the saves of
 *     a round) can get below per save.
 *
 * The server's own time per request comes from its STATS answer (asked as
 * an admin, counts reset before each phase); the round trip is measured
 * here, by each client thread around its blocking call.
 *
 *   bench_server load DATADIR RECORDS             preload offers (no server)
 *   bench_server run SOCKET DATADIR TMPDIR RECORDS
 */
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/date.h"
#include "model/offer.h"
#include "store/store.h"
#include "wire/client.h"
#include "../client.h"
#include "bench.h"
#include "../sample.h"

#define READ_SECONDS    3.0
#define SAVE_SECONDS    3.0
#define INPROC_READS    50000
#define SYNC_MAX        2000 /* bare syncs, or SYNC_SECONDS, whichever is first */
#define SYNC_SECONDS    2.0
#define SYNC_BYTES      200
#define TARGET_READ_MS  0.2
#define TARGET_SAVE_RAT 1.5
#define USER_LOGIN      "amt"   /* amtsleitung: may read and save every offer */
#define ADMIN_LOGIN     "admin" /* STATS is for the technical admin only */

static const int client_counts[] = {1, 20, 200};
#define NCOUNTS (sizeof(client_counts) / sizeof(client_counts[0]))

enum phase_kind { PHASE_READ, PHASE_SAVE };

struct client {
	pthread_t thread;
	struct wire_client *wire;
	struct phase *phase;
	struct offer own; /* the offer this client updates in the save phase */
	unsigned seed;
	struct samples lat;
	unsigned long errors;
};

struct phase {
	enum phase_kind kind;
	long records;
	pthread_barrier_t barrier;
	atomic_int stop;
};

/* What one row of the table shows. */
struct row {
	int clients;
	double per_s[2];
	struct summary server[2], client[2];
};

/* Bulk insert (commits not synced, one flush at the end): a preload is not
 * what is measured. The server's store and the in-process copy get the
 * same records (sample_offer_number): offer i has id i + 1 in both. */
static int load(const char *dir, long records)
{
	struct store *store;
	struct store_txn *txn = NULL;
	char msg[1024];

	if (store_init(dir, msg, sizeof(msg)) != STATUS_OK ||
	    store_open(dir, STORE_BULK, &store, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "bench_server: %s\n", msg);
		return 1;
	}
	for (long i = 0; i < records; i++) {
		struct offer o = sample_offer_number(i);

		if ((i % 1000 == 0 && store_begin(store, "bench", &txn) != STATUS_OK) ||
		    store_insert(txn, &offer_def, &o) != STATUS_OK ||
		    ((i % 1000 == 999 || i == records - 1) && store_commit(txn) != STATUS_OK)) {
			fprintf(stderr, "bench_server: preload failed at offer %ld\n", i);
			return 1;
		}
	}
	store_flush(store);
	store_close(store);
	return 0;
}

/* Baseline (a): RECORD_GET's store work without socket, protocol or loop,
 * on a store opened as the server opens it (synced commits). */
static int inproc_reads(const char *tmp, long records, struct summary *out)
{
	struct samples s = {0};
	struct store *store;
	char dir[600], msg[1024];
	unsigned seed = 1;

	snprintf(dir, sizeof(dir), "%s/inproc", tmp);
	if (load(dir, records) != 0 || store_open(dir, 0, &store, msg, sizeof(msg)) != STATUS_OK)
		return 1;
	for (long i = 0; i < INPROC_READS; i++) {
		struct store_txn *txn;
		struct offer o;
		uint64_t t0 = now_ns();
		enum status st = store_begin_snapshot(store, &txn);

		if (st == STATUS_OK) {
			st = store_get(txn, &offer_def, (uint64_t)(rand_r(&seed) % records) + 1,
			               &o);
			store_abort(txn);
		}
		if (st != STATUS_OK || samples_add(&s, now_ns() - t0) != 0)
			return 1;
	}
	store_close(store);
	*out = summarize(&s);
	free(s.ns);
	return 0;
}

/* Baseline (b): appending a small record and syncing it, on the disk of the
 * data directory, as the log write of one save at least has to. */
static int bare_syncs(const char *datadir, struct summary *out)
{
	char path[600], block[SYNC_BYTES];
	struct samples s = {0};
	uint64_t start = now_ns();
	int fd;

	snprintf(path, sizeof(path), "%s/bench-sync", datadir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return 1;
	memset(block, 'x', sizeof(block));
	for (int i = 0; i < SYNC_MAX && ms(now_ns() - start) < SYNC_SECONDS * 1000; i++) {
		uint64_t t0 = now_ns();

		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block) ||
		    fdatasync(fd) != 0 || samples_add(&s, now_ns() - t0) != 0)
			break;
	}
	close(fd);
	unlink(path);
	*out = summarize(&s);
	free(s.ns);
	return s.n ? 0 : 1;
}

static enum status read_offer(struct client *c)
{
	struct wire_msg reply;
	uint64_t id = (uint64_t)(rand_r(&c->seed) % c->phase->records) + 1;
	struct codec_buf *req = wire_client_request(c->wire, WIRE_RECORD_GET);

	codec_put_str(req, WF_TABLE, offer_def.table);
	codec_put_u64(req, WF_ID, id);
	return wire_client_call(c->wire, &reply);
}

/* An update of the client's own offer with its current version: a real
 * change each time, and no edit lock, so clients never wait for each other
 * except inside the server. */
static enum status update_own(struct client *c)
{
	snprintf(c->own.times, sizeof(c->own.times), "Mo %u Uhr", c->own.head.version % 1000);
	return client_save_offer(c->wire, &c->own);
}

static void *client_main(void *arg)
{
	struct client *c = arg;

	/* The own offer is created before the clock starts: not counted. */
	if (c->phase->kind == PHASE_SAVE && !c->own.head.id) {
		char name[64];

		snprintf(name, sizeof(name), "Bench-Angebot %u", c->seed);
		c->own = sample_offer(name);
		if (client_save_offer(c->wire, &c->own) != STATUS_OK)
			c->errors++;
	}
	pthread_barrier_wait(&c->phase->barrier); /* everyone ready */
	pthread_barrier_wait(&c->phase->barrier); /* counts reset, go */
	while (!atomic_load(&c->phase->stop)) {
		uint64_t t0 = now_ns();
		enum status st = c->phase->kind == PHASE_READ ? read_offer(c) : update_own(c);

		if (st != STATUS_OK)
			c->errors++;
		else if (samples_add(&c->lat, now_ns() - t0) != 0)
			break;
	}
	return NULL;
}

static double seconds_of(enum phase_kind kind)
{
	return kind == PHASE_READ ? READ_SECONDS : SAVE_SECONDS;
}

static void sleep_s(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Merges the clients' round trips and clears them for the next phase. */
static unsigned long collect(struct client *clients, int n, struct samples *all)
{
	unsigned long errors = 0;

	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < clients[i].lat.n; k++)
			samples_add(all, clients[i].lat.ns[k]);
		clients[i].lat.n = 0;
		errors += clients[i].errors;
		clients[i].errors = 0;
	}
	return errors;
}

/* Starts N client threads on PHASE; they wait at its barrier. */
static void start_clients(struct client *clients, int n, struct phase *phase)
{
	pthread_barrier_init(&phase->barrier, NULL, (unsigned)n + 1);
	for (int i = 0; i < n; i++) {
		clients[i].phase = phase;
		if (pthread_create(&clients[i].thread, NULL, client_main, &clients[i]) != 0) {
			/* The barrier would never open for the others. */
			fprintf(stderr, "bench_server: cannot start client thread %d\n", i);
			exit(1);
		}
	}
}

/* Runs one phase with N clients for its fixed time; fills the row. */
static int run_phase(struct client *clients, int n, struct wire_client *admin, enum phase_kind kind,
                     long records, struct row *row)
{
	struct phase phase = {.kind = kind, .records = records};
	struct samples all = {0};
	struct summary ignored;
	unsigned long errors;
	uint64_t t0;
	enum status st;

	start_clients(clients, n, &phase);
	pthread_barrier_wait(&phase.barrier); /* all set up (own offers saved) */
	st = server_stats(admin, true, "read", &ignored);
	t0 = now_ns();
	pthread_barrier_wait(&phase.barrier);
	sleep_s(seconds_of(kind));
	atomic_store(&phase.stop, 1);
	for (int i = 0; i < n; i++)
		pthread_join(clients[i].thread, NULL);
	errors = collect(clients, n, &all);
	row->per_s[kind] = (double)all.n / ((double)(now_ns() - t0) / 1e9);
	row->client[kind] = summarize(&all);
	free(all.ns);
	pthread_barrier_destroy(&phase.barrier);
	if (st == STATUS_OK)
		st = server_stats(admin, false, kind == PHASE_READ ? "read" : "save",
		                  &row->server[kind]);
	if (st != STATUS_OK || errors)
		fprintf(stderr, "bench_server: %d clients, %s: %lu failed requests, stats: %s\n", n,
		        kind == PHASE_READ ? "reads" : "saves", errors, status_text(st));
	return st == STATUS_OK && errors == 0 ? 0 : 1;
}

static void close_clients(struct client *clients, int n)
{
	for (int i = 0; i < n; i++) {
		wire_client_close(clients[i].wire);
		free(clients[i].lat.ns);
	}
	free(clients);
}

/* N connections, each its own session, as a terminal program has one. */
static struct client *open_clients(const char *socket_path, int n)
{
	struct client *clients = calloc((size_t)n, sizeof(*clients));
	char msg[512];

	for (int i = 0; clients && i < n; i++) {
		clients[i].seed = (unsigned)i * 7919u + 17u;
		if (wire_client_open(socket_path, USER_LOGIN, 0, &clients[i].wire, NULL, msg,
		                     sizeof(msg)) != STATUS_OK) {
			fprintf(stderr, "bench_server: client %d: %s\n", i, msg);
			close_clients(clients, i);
			return NULL;
		}
	}
	return clients;
}

static int run_clients(const char *socket_path, struct wire_client *admin, int n, long records,
                       struct row *row)
{
	struct client *clients = open_clients(socket_path, n);
	int failed;

	if (!clients)
		return 1;
	row->clients = n;
	failed = run_phase(clients, n, admin, PHASE_READ, records, row);
	failed |= run_phase(clients, n, admin, PHASE_SAVE, records, row);
	close_clients(clients, n);
	return failed;
}

static void print_rows(const struct row *rows, size_t n, double sync_ms)
{
	printf("%7s | %8s %8s %8s %8s %8s | %8s %8s %8s %8s %8s %9s\n", "", "reads/s", "server", "",
	       "trip", "", "saves/s", "server", "", "trip", "", "saves per");
	printf("%7s | %8s %8s %8s %8s %8s | %8s %8s %8s %8s %8s %9s\n", "clients", "", "median",
	       "p99", "median", "p99", "", "median", "p99", "median", "p99", "bare sync");
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];

		printf("%7d | %8.0f %8.3f %8.3f %8.3f %8.3f | %8.0f %8.3f %8.3f %8.3f %8.3f "
		       "%9.2f\n",
		       r->clients, r->per_s[PHASE_READ], ms(r->server[PHASE_READ].median),
		       ms(r->server[PHASE_READ].p99), ms(r->client[PHASE_READ].median),
		       ms(r->client[PHASE_READ].p99), r->per_s[PHASE_SAVE],
		       ms(r->server[PHASE_SAVE].median), ms(r->server[PHASE_SAVE].p99),
		       ms(r->client[PHASE_SAVE].median), ms(r->client[PHASE_SAVE].p99),
		       r->per_s[PHASE_SAVE] * sync_ms / 1000);
	}
	printf("(times in ms; server = the server's own time from reading the request to sending\n"
	       " the answer, log sync included; trip = round trip seen by the client; saves per\n"
	       " bare sync = saves/s x bare fdatasync median: above 1 only when saves share "
	       "syncs)\n");
}

static const char *verdict(bool ok)
{
	return ok ? "met" : "NOT met";
}

static void print_baselines(const struct row *rows, size_t n, const struct summary *inproc,
                            const struct summary *sync)
{
	printf("\nbaselines, same run:\n");
	printf("  read in-process (snapshot, get, abort), %" PRIu64
	       " reads: median %.4f, p99 %.4f\n",
	       inproc->count, ms(inproc->median), ms(inproc->p99));
	printf("  bare write of %d bytes + fdatasync in the data directory, %" PRIu64
	       " times: median %.3f, p99 %.3f\n",
	       SYNC_BYTES, sync->count, ms(sync->median), ms(sync->p99));
	printf("\ntargets:\n");
	for (size_t i = 0; i < n; i++) {
		double read = ms(rows[i].server[PHASE_READ].median);
		double ratio = (double)rows[i].server[PHASE_SAVE].median / (double)sync->median;

		printf("  %3d clients: server read median %.3f ms (target < %.1f: %s; %.1fx "
		       "in-process); save median / bare sync %.2f (target <= %.1f: %s)\n",
		       rows[i].clients, read, TARGET_READ_MS, verdict(read < TARGET_READ_MS),
		       (double)rows[i].server[PHASE_READ].median / (double)inproc->median, ratio,
		       TARGET_SAVE_RAT, verdict(ratio <= TARGET_SAVE_RAT));
	}
}

static int run(const char *socket_path, const char *datadir, const char *tmp, long records)
{
	struct row rows[NCOUNTS] = {0};
	struct summary inproc, sync;
	struct wire_client *admin;
	char msg[512];
	int failed = 0;

	if (inproc_reads(tmp, records, &inproc) != 0 || bare_syncs(datadir, &sync) != 0) {
		fprintf(stderr, "bench_server: a baseline failed\n");
		return 1;
	}
	if (wire_client_open(socket_path, ADMIN_LOGIN, 0, &admin, NULL, msg, sizeof(msg)) !=
	    STATUS_OK) {
		fprintf(stderr, "bench_server: admin: %s\n", msg);
		return 1;
	}
	for (size_t i = 0; i < NCOUNTS && !failed; i++)
		failed = run_clients(socket_path, admin, client_counts[i], records, &rows[i]);
	wire_client_close(admin);
	if (failed)
		return 1;
	printf("server benchmark: %ld offers preloaded; per row %.0f s of RECORD_GET of random "
	       "ids,\n"
	       "then %.0f s of RECORD_SAVE (each client updates its own offer, synced commits)\n\n",
	       records, READ_SECONDS, SAVE_SECONDS);
	print_rows(rows, NCOUNTS, ms(sync.median));
	print_baselines(rows, NCOUNTS, &inproc, &sync);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "load") == 0 && atol(argv[3]) > 0)
		return load(argv[2], atol(argv[3]));
	if (argc == 6 && strcmp(argv[1], "run") == 0 && atol(argv[5]) > 0)
		return run(argv[2], argv[3], argv[4], atol(argv[5]));
	fprintf(stderr, "usage: bench_server load DATADIR RECORDS\n"
	                "       bench_server run SOCKET DATADIR TMPDIR RECORDS\n");
	return 2;
}
