/* scripts/bench store: writes/s and reads/s of the store's record functions
 * beside a bare Berkeley DB loop on the same bytes, measured in this run.
 *
 * The store's insert does more than the bare put: it draws the id from a
 * sequence, encodes the record, keeps two secondary indexes and writes the
 * audit entry, all in the transaction. The bare loop puts the same encoded
 * bytes under the same keys into a plain btree, in transactions of the same
 * size, with the same environment settings (no sync per commit). */
#include <db.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "model/date.h"
#include "model/offer.h"
#include "store/store.h"
#include "../sample.h"

#define BATCH 1000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double store_writes(struct store *store, long n)
{
	struct store_txn *txn = NULL;
	double t0 = now();

	for (long i = 0; i < n; i++) {
		struct offer o = sample_offer_number(i);

		if (i % BATCH == 0 && store_begin(store, "bench", &txn) != STATUS_OK)
			return -1;
		if (store_insert(txn, &offer_def, &o) != STATUS_OK)
			return -1;
		if ((i % BATCH == BATCH - 1 || i == n - 1) && store_commit(txn) != STATUS_OK)
			return -1;
	}
	store_flush(store);
	return (double)n / (now() - t0);
}

static double store_reads(struct store *store, long n)
{
	struct store_txn *txn;
	struct offer o;
	double t0 = now();
	long found = 0;

	store_begin_snapshot(store, &txn);
	for (long i = 0; i < n; i++)
		found += store_get(txn, &offer_def, (uint64_t)(rand() % n) + 1, &o) == STATUS_OK;
	store_abort(txn);
	return found == n ? (double)n / (now() - t0) : -1;
}

static DB_ENV *bare_env(const char *dir)
{
	DB_ENV *env;

	mkdir(dir, 0700);
	db_env_create(&env, 0);
	env->set_cachesize(env, 0, 64u * 1024 * 1024, 1);
	env->set_lg_bsize(env, 4u * 1024 * 1024);
	env->set_flags(env, DB_MULTIVERSION, 1);
	if (env->open(env, dir,
	              DB_CREATE | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_INIT_TXN |
	                      DB_THREAD,
	              0600) != 0)
		return NULL;
	return env;
}

static void bare_key(long i, unsigned char key[8])
{
	for (int b = 0; b < 8; b++)
		key[b] = (unsigned char)((uint64_t)(i + 1) >> (56 - 8 * b));
}

static double bare_writes(DB_ENV *env, DB *db, struct codec_buf *bufs, long n)
{
	DB_TXN *txn = NULL;
	double t0 = now();

	for (long i = 0; i < n; i++) {
		unsigned char k[8];
		DBT key = {.data = k, .size = 8};
		DBT data = {.data = bufs[i].data, .size = (u_int32_t)bufs[i].len};

		bare_key(i, k);
		if (i % BATCH == 0 && env->txn_begin(env, NULL, &txn, 0) != 0)
			return -1;
		if (db->put(db, txn, &key, &data, DB_NOOVERWRITE) != 0)
			return -1;
		if ((i % BATCH == BATCH - 1 || i == n - 1) && txn->commit(txn, DB_TXN_NOSYNC) != 0)
			return -1;
	}
	env->log_flush(env, NULL);
	return (double)n / (now() - t0);
}

static double bare_reads(DB_ENV *env, DB *db, long n)
{
	DB_TXN *txn;
	double t0 = now();
	long found = 0;

	env->txn_begin(env, NULL, &txn, DB_TXN_SNAPSHOT);
	for (long i = 0; i < n; i++) {
		unsigned char k[8];
		DBT key = {.data = k, .size = 8}, data = {.flags = DB_DBT_MALLOC};

		bare_key(rand() % n, k);
		if (db->get(db, txn, &key, &data, 0) == 0) {
			found++;
			free(data.data);
		}
	}
	txn->abort(txn);
	return found == n ? (double)n / (now() - t0) : -1;
}

static int run_bare(const char *dir, long n, double *writes, double *reads)
{
	struct codec_buf *bufs = calloc((size_t)n, sizeof(*bufs));
	DB_ENV *env = bare_env(dir);
	DB *db;

	if (!bufs || !env || db_create(&db, env, 0) != 0 ||
	    db->open(db, NULL, "bare.db", NULL, DB_BTREE, DB_CREATE | DB_AUTO_COMMIT | DB_THREAD,
	             0600) != 0)
		return 1;
	for (long i = 0; i < n; i++) {
		struct offer o = sample_offer_number(i);

		o.head.id = (uint64_t)i + 1;
		o.head.version = 1;
		codec_buf_init(&bufs[i]);
		record_encode(&offer_def, &o, &bufs[i]);
	}
	*writes = bare_writes(env, db, bufs, n);
	*reads = bare_reads(env, db, n);
	for (long i = 0; i < n; i++)
		codec_buf_free(&bufs[i]);
	free(bufs);
	db->close(db, 0);
	env->close(env, 0);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 100000;
	char dir[600], bare[600], msg[1024];
	struct store *store;
	double sw, sr, bw = 0, br = 0;

	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: bench_store TMPDIR [RECORDS]\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/store", argv[1]);
	snprintf(bare, sizeof(bare), "%s/bare", argv[1]);
	if (store_init(dir, msg, sizeof(msg)) != STATUS_OK ||
	    store_open(dir, STORE_BULK, &store, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "bench_store: %s\n", msg);
		return 1;
	}
	sw = store_writes(store, n);
	sr = store_reads(store, n);
	store_close(store);
	if (run_bare(bare, n, &bw, &br) != 0 || sw < 0 || sr < 0 || bw < 0 || br < 0) {
		fprintf(stderr, "bench_store: a run failed\n");
		return 1;
	}
	printf("store benchmark: %ld offer records, transactions of %d, commits not synced\n", n,
	       BATCH);
	printf("%-8s %14s %14s %8s\n", "", "store (rec/s)", "bare BDB (rec/s)", "ratio");
	printf("%-8s %14.0f %14.0f %8.2f\n", "writes", sw, bw, bw / sw);
	printf("%-8s %14.0f %14.0f %8.2f\n", "reads", sr, br, br / sr);
	printf("(ratio = bare / store: how many times faster the bare loop is)\n");
	return 0;
}
