/* The bare Berkeley DB loop the load benchmarks measure against
 * (scripts/bench cases, budget): the key and value pairs a demo wrote,
 * read from its database files, written again into plain btrees of the
 * same names and flags, with the store's environment settings for a bulk
 * load, in as many transactions as the demo had. */
#ifndef TESTS_BENCH_BARE_H
#define TESTS_BENCH_BARE_H

#include <db.h>
#include <stdbool.h>
#include <stddef.h>

struct pair {
	void *key, *data;
	u_int32_t klen, dlen;
	size_t at; /* bare_write_ordered: the write of the load it is part of */
};

struct file {
	char name[256];
	u_int32_t flags; /* DB_DUPSORT for an index with many entries per key */
	struct pair *pairs;
	size_t n, cap;
};

/* Takes a pair of database file NAME (false: leave it out). */
typedef bool (*bare_want_fn)(void *ctx, const char *name, const DBT *key, const DBT *data);

/* The database files of SRC (*.db, *.idx) with the pairs WANT takes (NULL:
 * all), those with any; returns their number. */
size_t bare_read_all(const char *src, bare_want_fn want, void *ctx, struct file **out);

/* Writes the pairs of FILES into DEST in TXNS transactions: SORTED, each
 * file in key order, one after the other (the fastest a loop can write
 * them); else in transactions as the demo's, each a share of every file,
 * still in key order within each file. Returns the seconds the writes
 * took, or -1; *PAIRS the pairs written. */
double bare_write_all(const char *dest, struct file *files, size_t nfiles, long txns, bool sorted,
                      size_t *pairs);

/* Writes the pairs of FILES into DEST in the order of the load that made
 * them: the pairs of write 0 (each pair's AT: a record, its index
 * entries, its audit entry and theirs), then of write 1, and so on, in
 * the transactions TXN gives each write (NWRITES of them, TXN[i] never
 * below TXN[i - 1]). Returns the seconds the writes took, or -1; *PAIRS
 * the pairs written. */
double bare_write_ordered(const char *dest, struct file *files, size_t nfiles, const size_t *txn,
                          size_t nwrites, size_t *pairs);

/* Reads every pair of the database files NAMES of SRC with a cursor,
 * keeping none (the baseline of a scan); returns the seconds it took, or
 * -1; *PAIRS the pairs read. */
double bare_scan(const char *src, const char *const *names, size_t nnames, size_t *pairs);
void bare_free(struct file *files, size_t nfiles);

/* Removes directory DIR with all it holds (a loop's copy, once timed: at
 * the design's size each is some 12 GB with its logs). */
void bare_remove(const char *dir);

#endif
