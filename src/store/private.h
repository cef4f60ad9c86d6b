/* Internals shared by the store's files; nothing outside src/store sees
 * this header or db.h. */
#ifndef STORE_PRIVATE_H
#define STORE_PRIVATE_H

#include <db.h>
#include <limits.h>
#include <pthread.h>

#include "model/text.h"
#include "store/store.h"

#define STORE_MAX_SEQUENCES 64
#define STORE_MAX_TABLES    64
#define STORE_MAX_INDEXES   128

/* A table of a registered record type, and its secondary indexes, kept
 * by the store's writes in the same transaction (table.c). */
struct store_table {
	const struct record_def *def;
	DB *db;
	size_t first_index, nindexes; /* into store->indexes */
	/* at or above every id stored (the last at open, raised by each
	 * insert, also one that aborts): a sequence's next id above it
	 * cannot be there, so its insert needs no search for it */
	uint64_t top_id;
};

struct store_index {
	const struct record_def *def; /* of the table */
	const struct index_def *index;
	char file[96]; /* TABLE.NAME.idx */
	DB *db;
};

struct store {
	DB_ENV *env;
	struct store_table tables[STORE_MAX_TABLES];
	size_t ntables;
	struct store_index indexes[STORE_MAX_INDEXES];
	size_t nindexes;
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
	store_hook_fn hook;
	store_end_fn hook_end;
	void *hook_ctx;
	int backup_fd; /* the directory a backup is written into, -1 when none */
};

/* A sequence a write transaction draws from: read (and locked) at its
 * first number, counted here, written back once when it commits. */
#define STORE_TXN_SEQS 8
struct store_txn_seq {
	char name[64];
	uint64_t next;
};

struct store_txn {
	struct store *store;
	DB_TXN *txn;
	char login[CONFIG_LOGIN_SIZE];
	bool snapshot;
	void *hook_state; /* the write hook's, until the transaction ends */
	struct store_txn_seq seqs[STORE_TXN_SEQS];
	size_t nseqs;
};

/* Writes back the sequences TXN drew from, before it commits. */
enum status store_seq_flush(struct store_txn *txn);

/* The table of DEF (NULL when DEF is not registered). */
struct store_table *store_table_of(struct store *store, const struct record_def *def);
/* The index NAME of DEF's table, or NULL. */
struct store_index *store_index_of(struct store *store, const struct record_def *def,
                                   const char *name);

/* The keys index INDEX has for REC (several for a word index), each
 * written into KEYS[i] (INDEX_KEY_MAX bytes) with its length in LENS[i];
 * returns how many (at most MAX), 0 when the record has no entry. */
#define STORE_KEYS_MAX TEXT_WORDS_MAX
size_t store_index_keys(const struct store_index *index, const void *rec,
                        uint8_t keys[][INDEX_KEY_MAX], size_t lens[], size_t max);

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

/* Makes the environment write backups through our own file calls
 * (backup.c); env->app_private is the store. */
int store_backup_callbacks(DB_ENV *env);

/* Writes REC as it is (no id, version or audit handling) with its index
 * entries; OLD is the version stored before when the caller read it
 * (NULL: none for an insert, DB_NOOVERWRITE, else read here). */
enum status store_put_raw(struct store_txn *txn, struct store_table *table, const void *rec,
                          const void *old, u_int32_t flags);

/* Reads the record an index entry names (PKEY, its id's key) into DATA
 * (DB_DBT_REALLOC); DB_SECONDARY_BAD when there is none. */
int store_get_entry(struct store_txn *txn, struct store_table *table, const DBT *pkey, DBT *data);

/* Reads the stored bytes of record ID; the caller frees DATA->data. */
int store_get_raw(struct store_txn *txn, DB *db, uint64_t id, DBT *data, u_int32_t flags);

#endif
