/* The store: Berkeley DB's transactional data store, opened by one process.
 *
 * The data directory holds the socket and db/ (0700) with the environment,
 * the tables and the lock file that makes the store single-owner: a second
 * store_open on the same directory, from any process, gets STATUS_ERR_BUSY.
 * Every write happens in a transaction and writes its audit entry in that
 * same transaction. Records are encoded with their field tables (record.h).
 * Readers may use snapshot transactions, so long reads never block writers.
 *
 * Functions that fail with a message fill MSG (one sentence saying what is
 * wrong and what to do) when MSG is not NULL.
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/config.h"
#include "model/record.h"
#include "model/status.h"

/* The format of the data directory this program writes; a directory of a
 * newer format is refused. */
#define STORE_FORMAT 1

/* Tables: one for every record type of the registry (model/registry.h),
 * file TABLE.db, with a file TABLE.INDEX.idx for every index the type
 * declares, and TABLE.parent.idx for a type with a parent. */

enum store_flags {
	STORE_BULK = 1 << 0, /* commits not synced; store_flush syncs a batch */
};

struct store;     /* opaque */
struct store_txn; /* opaque */

/* Creates the data directory (0711), db/ (0700) and the environment with
 * its tables; does nothing to what already exists. */
enum status store_init(const char *dir, char *msg, size_t size);

/* Opens the store of data directory DIR, running normal recovery. */
enum status store_open(const char *dir, unsigned flags, struct store **out, char *msg, size_t size);
/* Checkpoints and closes; NULL is allowed. */
void store_close(struct store *store);

/* Sends Berkeley DB's own error messages to FN (default: stderr). */
void store_set_logger(void (*fn)(const char *message));

/* A write transaction on behalf of LOGIN (recorded in its audit entries). */
enum status store_begin(struct store *store, const char *login, struct store_txn **out);
/* A read-only snapshot transaction: never blocks writers, never blocked. */
enum status store_begin_snapshot(struct store *store, struct store_txn **out);
/* Commits; the commit is synced to disk unless the store is in bulk mode.
 * The transaction is gone afterwards, whatever the result. */
enum status store_commit(struct store_txn *txn);
/* Commits without syncing: the caller calls store_flush before it tells
 * anyone the commit happened (group commit: one sync for many saves). */
enum status store_commit_deferred(struct store_txn *txn);
void store_abort(struct store_txn *txn);
/* Syncs the log: makes every bulk commit so far durable. */
enum status store_flush(struct store *store);

/* Record functions. REC is a struct of DEF's record type.
 * insert: assigns head.id (by DEF->ids: the table's sequence, make_id, or
 *         the id the caller set) and head.version = 1, writes audit
 *         "create"; STATUS_ERR_EXISTS when the id is taken.
 * update: head.version must be the stored version (else STATUS_ERR_CONFLICT);
 *         stores version + 1 and sets it in REC; writes audit "update".
 * get:    STATUS_ERR_NOT_FOUND when there is no such record.
 * delete: like update's check; writes audit "delete".
 * Audit entries are written for types that say so (DEF->audited). */
enum status store_insert(struct store_txn *txn, const struct record_def *def, void *rec);
enum status store_update(struct store_txn *txn, const struct record_def *def, void *rec);
enum status store_get(struct store_txn *txn, const struct record_def *def, uint64_t id, void *rec);
enum status store_delete(struct store_txn *txn, const struct record_def *def, uint64_t id,
                         uint32_t version);

/* An audit entry for something that is not a write (opening a case file,
 * an admin's action; DEF NULL when it concerns no record type). */
enum status store_audit(struct store_txn *txn, const char *action, const struct record_def *def,
                        uint64_t record, const char *detail);

/* Runs inside every insert, update and delete of a content record, in the
 * same transaction (OLD is NULL for an insert, NEW for a delete): the
 * budget's aggregates move with the record that moves them. An error
 * aborts the write. */
typedef enum status (*store_hook_fn)(void *ctx, struct store_txn *txn, const struct record_def *def,
                                     const void *old, const void *new);
/* ... and when a transaction ends: before it commits (COMMIT; an error
 * aborts it instead), or when it is aborted, so that what the hook kept
 * for it (*store_txn_hook_state) is written or let go. */
typedef enum status (*store_end_fn)(void *ctx, struct store_txn *txn, bool commit);
void store_set_hook(struct store *store, store_hook_fn fn, store_end_fn end, void *ctx);
/* The hook's own state of TXN (NULL at its begin). */
void **store_txn_hook_state(struct store_txn *txn);

/* Visits records in id order from FIRST_ID; VISIT returns nonzero to stop.
 * REC passed to VISIT is only valid during the call. */
typedef int (*store_visit_fn)(void *ctx, const void *rec);
enum status store_scan(struct store_txn *txn, const struct record_def *def, uint64_t first_id,
                       store_visit_fn visit, void *ctx);

/* A place in a walk: the index key and the record id (the id alone when
 * walking the table). A page ends at one, the next page goes on after it:
 * keyset paging, so page 1,000 costs what page 1 costs. */
struct store_pos {
	uint8_t key[INDEX_KEY_MAX];
	uint32_t key_len;
	uint64_t id;
};

/* What to walk: the table in id order (INDEX NULL) or one of the type's
 * indexes ("parent" for the children of a parent), only entries whose key
 * starts with PREFIX, from key START on (NULL: the first with PREFIX;
 * forward walks only), continuing after AFTER when not NULL, forwards or
 * BACKWARD. For a word
 * index a record is visited once, at its first word with the prefix. */
struct store_range {
	const char *index;
	const uint8_t *prefix;
	size_t prefix_len;
	const uint8_t *start;
	size_t start_len;
	const struct store_pos *after;
	bool backward;
};
typedef int (*store_walk_fn)(void *ctx, const void *rec, const struct store_pos *pos);
/* STATUS_ERR_NOT_FOUND when DEF has no such index. */
enum status store_walk(struct store_txn *txn, const struct record_def *def,
                       const struct store_range *range, store_walk_fn visit, void *ctx);

/* The next value of the named sequence (starting at 1), in TXN. */
enum status store_seq_next(struct store_txn *txn, const char *name, uint64_t *value);

/* Number of records in a table (a fast estimate is not enough: exact). */
enum status store_count(struct store_txn *txn, const struct record_def *def, uint64_t *count);

/* Aggregates (the budget's figures, kept by the write hook): read for
 * writing (locked for the transaction, so that two writers of one
 * aggregate wait for each other instead of deadlocking), and written
 * back with its version counted but no audit entry, hook or version
 * check: one read and one write for each update. A new one has its id
 * set by the caller and version 0. An aggregate's index keys come from
 * the fields its id is made of, so an update leaves its entries as they
 * are (verify finds one that does not keep this). */
enum status store_aggregate_get(struct store_txn *txn, const struct record_def *def, uint64_t id,
                                void *rec);
enum status store_aggregate_put(struct store_txn *txn, const struct record_def *def, void *rec);

/* Writes REC as it is, with no id, version or audit handling: for records
 * that are bookkeeping, not content (applied request ids, drafts). */
enum status store_put_plain(struct store_txn *txn, const struct record_def *def, const void *rec);
/* Deletes such a record; STATUS_ERR_NOT_FOUND when there is none. */
enum status store_delete_plain(struct store_txn *txn, const struct record_def *def, uint64_t id);

/* A checkpoint when KBYTES of log were written or MINUTES passed since
 * the last one (0 and 0: now); *WHEN (may be NULL) the time of the last. */
enum status store_checkpoint(struct store *store, unsigned kbytes, unsigned minutes, int64_t *when);
/* The log files on disk: their number and bytes. */
enum status store_log_size(struct store *store, int64_t *files, int64_t *bytes);

/* Checks every invariant between records of an open store, in a snapshot
 * (the online verify; the files themselves are checked offline only). */
enum status store_verify_records(struct store *store, const struct config *config, FILE *out,
                                 unsigned long *problems);

/* Offline maintenance; each takes the data directory for itself. */
enum status store_recover(const char *dir, bool catastrophic, char *msg, size_t size);
/* Hot backup into DIR (created; must be empty or absent): checkpoint, copy
 * of the tables and logs. Works while the store is in use. For root
 * working offline, who names the place. */
enum status store_backup(struct store *store, const char *dir, char *msg, size_t size);
/* The server's backup: into a new directory of PARENT (made 0700 when
 * missing; refused unless it belongs to this process's user and is 0700)
 * named by the time, whose path goes into PATH; the newest KEEP backups
 * stay, and the log files recovery no longer needs are removed. */
enum status store_backup_owned(struct store *store, const char *parent, int keep, char *path,
                               size_t path_size, char *msg, size_t size);
/* Replaces the database of data directory DIR by the backup in FROM, after
 * moving the current db/ aside; runs catastrophic recovery on it. */
enum status store_restore(const char *dir, const char *from, char *msg, size_t size);

/* Purges record ID of DEF on DAY, and first every record below it (the
 * types whose parent it is, their children in turn): each as its type
 * says (record_def.purge): deleted, or its typed texts replaced and its
 * purged field set; every write with its audit entry, in TXN. Counts
 * the records deleted and changed. */
struct store_purged {
	uint64_t deleted, changed;
};
enum status store_purge(struct store_txn *txn, const struct record_def *def, uint64_t id,
                        int32_t day, struct store_purged *count);

/* Was REC of DEF (when STORED: the record as stored under its id, not as
 * given), or a record above it, purged? STATUS_ERR_DENIED when so: nobody
 * writes it or below it any more, whatever a request carries. */
enum status store_purged_under(struct store_txn *txn, const struct record_def *def, const void *rec,
                               bool stored);

/* Rewrites every table and index of the open STORE into new files of a
 * new environment and puts them in place of the old ones, with their log
 * files: afterwards no file of the data directory holds what was
 * overwritten or deleted (Berkeley DB leaves old bytes in the free space
 * of pages, in free pages and in the logs). Offline: the store must be
 * opened by this process alone (store_open). *BEFORE and *AFTER get the
 * bytes of db/ before and after. */
enum status store_rewrite(struct store *store, int64_t *before, int64_t *after, char *msg,
                          size_t size);

/* Checks the database files and every invariant between records; prints
 * each finding as one line to OUT and counts them in *PROBLEMS. CONFIG (may
 * be NULL) lets references into the configuration be checked. */
enum status store_verify(const char *dir, const struct config *config, FILE *out,
                         unsigned long *problems, char *msg, size_t size);

#endif
