/* Internals shared by the store's files; nothing outside src/store sees
 * this header or db.h. */
#ifndef STORE_PRIVATE_H
#define STORE_PRIVATE_H

#include <db.h>
#include <limits.h>
#include <pthread.h>

#include "store/store.h"

#define STORE_MAX_SEQUENCES 64

struct table_desc {
	const char *file;
	const struct record_def *def;
	bool audited;   /* every record has audit entries */
	bool sequenced; /* ids come from the sequence named like the table */
};

/* An index key is written into BUF (SIZE bytes); returns its length, or -1
 * when the record has no entry in this index. */
struct index_desc {
	enum store_table table;
	const char *file;
	int (*key)(const void *rec, char *buf, size_t size);
	bool folded; /* text keys: prefixes are folded before the search */
};

struct store {
	DB_ENV *env;
	DB *tables[STORE_TABLE_COUNT];
	DB *indexes[STORE_INDEX_COUNT];
	DB *meta;
	DB *seqdb;
	unsigned flags;
	int lock_fd;
	char dir[PATH_MAX];
	char dbdir[PATH_MAX];
	pthread_mutex_t seq_lock;
	struct {
		char name[64];
		DB_SEQUENCE *seq;
	} seqs[STORE_MAX_SEQUENCES];
	size_t nseqs;
};

struct store_txn {
	struct store *store;
	DB_TXN *txn;
	char login[CONFIG_LOGIN_SIZE];
	bool snapshot;
};

extern const struct table_desc store_tables[STORE_TABLE_COUNT];
extern const struct index_desc store_indexes[STORE_INDEX_COUNT];

/* The one place where Berkeley DB's return codes become statuses. */
enum status store_status(int ret);

/* Formats MSG when it is not NULL; returns ST. */
enum status store_fail(char *msg, size_t size, enum status st, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Opening and closing the tables and indexes (table.c). */
int store_tables_open(struct store *store, DB_TXN *txn, bool create);
void store_tables_close(struct store *store);

/* Keys are ids in big-endian, so that the btree's order is the id order. */
void store_key_encode(uint64_t id, unsigned char out[8]);
uint64_t store_key_decode(const void *data);

/* Low-level: the environment with recovery, locked for this process. */
enum status store_env_open(struct store *store, const char *dir, u_int32_t extra_flags, char *msg,
                           size_t size);

/* Checks data directory DIR and takes its lock for STORE. */
enum status store_lock(struct store *store, const char *dir, char *msg, size_t size);

/* Allocation of a closed store, and its release without a checkpoint. */
struct store *store_alloc(void);
void store_release(struct store *store);

/* Opens STORE (from store_alloc) with explicit environment flags
 * (DB_RECOVER_FATAL for restore); CREATE makes missing tables. Takes the
 * lock unless STORE already holds it. On failure the caller releases. */
enum status store_open_into(struct store *store, const char *dir, u_int32_t env_flags, bool create,
                            char *msg, size_t size);

/* Writes REC as it is (no id, version or audit handling). */
enum status store_put_raw(struct store_txn *txn, enum store_table table, const void *rec,
                          u_int32_t flags);

#endif
