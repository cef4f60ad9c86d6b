/* The store on a fresh data directory per test: directory checks, the
 * single-owner lock, record functions with versions and audit, indexes,
 * sequences, format refusal, verify, backup and restore. */
#include <db.h>
#include <ftw.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "model/audit.h"
#include "model/date.h"
#include "model/offer.h"
#include "model/text.h"
#include "store/store.h"
#include "../sample.h"

static char base[] = "/tmp/sozialraum-test-store-XXXXXX";
static char dir[512];
static int counter;
static char msg[1024];

static void fresh_dir(void)
{
	snprintf(dir, sizeof(dir), "%s/d%d", base, ++counter);
}

static struct store *fresh_store(void)
{
	struct store *store = NULL;

	fresh_dir();
	if (store_init(dir, msg, sizeof(msg)) != STATUS_OK ||
	    store_open(dir, 0, &store, msg, sizeof(msg)) != STATUS_OK)
		printf("#   %s\n", msg);
	return store;
}

static int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static void test_init_modes_idempotent(void)
{
	char path[600];

	fresh_dir();
	CHECK_INT(store_init(dir, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(store_init(dir, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(mode_of(dir), 0711);
	snprintf(path, sizeof(path), "%s/db", dir);
	CHECK_INT(mode_of(path), 0700);
	snprintf(path, sizeof(path), "%s/db/offers.db", dir);
	CHECK_INT(mode_of(path), 0600);
	snprintf(path, sizeof(path), "%s/db/log.0000000001", dir);
	CHECK_INT(mode_of(path), 0600);
}

static void test_open_refusals(void)
{
	struct store *store = NULL, *second = NULL;

	fresh_dir();
	CHECK_INT(store_open(dir, 0, &store, msg, sizeof(msg)), STATUS_ERR_NOT_FOUND);
	CHECK(strstr(msg, "sozialraum-admin init") != NULL);
	CHECK_INT(store_init(dir, msg, sizeof(msg)), STATUS_OK);
	chmod(dir, 0755);
	CHECK_INT(store_open(dir, 0, &store, msg, sizeof(msg)), STATUS_ERR_DENIED);
	CHECK(strstr(msg, "chmod 0711") != NULL);
	chmod(dir, 0711);
	CHECK_INT(store_open(dir, 0, &store, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(store_open(dir, 0, &second, msg, sizeof(msg)), STATUS_ERR_BUSY);
	CHECK(strstr(msg, "in use by process") != NULL);
	CHECK(second == NULL);
	store_close(store);
	CHECK_INT(store_open(dir, 0, &second, msg, sizeof(msg)), STATUS_OK);
	store_close(second);
}

static void test_insert_get_update_conflict(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	struct offer o = sample_offer("Spielkreis"), got, stale;

	CHECK_INT(store_begin(store, "tl.fg", &txn), STATUS_OK);
	CHECK_INT(store_insert(txn, &offer_def, &o), STATUS_OK);
	CHECK_INT(store_commit(txn), STATUS_OK);
	CHECK_INT(o.head.id, 1);
	CHECK_INT(o.head.version, 1);

	store_begin(store, "fk.fg", &txn);
	CHECK_INT(store_get(txn, &offer_def, o.head.id, &got), STATUS_OK);
	CHECK_STR(got.name, "Spielkreis");
	stale = got;
	strcpy(got.name, "Spielkreis am Dienstag");
	CHECK_INT(store_update(txn, &offer_def, &got), STATUS_OK);
	CHECK_INT(got.head.version, 2);
	CHECK_INT(store_update(txn, &offer_def, &stale), STATUS_ERR_CONFLICT);
	CHECK_INT(store_get(txn, &offer_def, 99, &got), STATUS_ERR_NOT_FOUND);
	CHECK_INT(store_commit(txn), STATUS_OK);

	store_begin(store, "fk.fg", &txn);
	CHECK_INT(store_delete(txn, &offer_def, o.head.id, 1), STATUS_ERR_CONFLICT);
	CHECK_INT(store_delete(txn, &offer_def, o.head.id, 2), STATUS_OK);
	CHECK_INT(store_get(txn, &offer_def, o.head.id, &got), STATUS_ERR_NOT_FOUND);
	CHECK_INT(store_commit(txn), STATUS_OK);
	store_close(store);
}

static int collect_audit(void *ctx, const void *rec)
{
	const struct audit_entry *entry = rec;
	char *out = ctx;

	strcat(out, entry->login);
	strcat(out, ":");
	strcat(out, entry->action);
	strcat(out, " ");
	return 0;
}

static void test_audit_in_same_transaction(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	struct offer a = sample_offer("A"), b = sample_offer("B");
	char trail[512] = "";
	uint64_t n = 0;

	store_begin(store, "tl.fg", &txn);
	store_insert(txn, &offer_def, &a);
	store_commit(txn);
	store_begin(store, "fk.fg", &txn);
	store_insert(txn, &offer_def, &b);
	store_abort(txn); /* neither the record nor its audit entry */
	store_begin(store, "amt", &txn);
	CHECK_INT(store_audit(txn, "open", &offer_def, a.head.id, "Ansicht"), STATUS_OK);
	store_commit(txn);

	store_begin_snapshot(store, &txn);
	CHECK_INT(store_count(txn, &offer_def, &n), STATUS_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_scan(txn, &audit_def, 0, collect_audit, trail), STATUS_OK);
	CHECK_STR(trail, "tl.fg:create amt:open ");
	store_abort(txn);
	store_close(store);
}

/* An update that changes indexed fields moves the entries: the old keys
 * are gone, the new ones found (the index callback reads the record being
 * put without decoding it; the old one it decodes). */
static int walk_count(void *ctx, const void *rec, const struct store_pos *pos)
{
	(void)rec;
	(void)pos;
	++*(int *)ctx;
	return 0;
}

/* Offers whose name has a word beginning with the longest word of QUERY. */
static int count_words(struct store_txn *txn, const char *query)
{
	char key[INDEX_KEY_MAX];
	struct store_range range = {.index = "words", .prefix = (const uint8_t *)key};
	int found = 0;

	range.prefix_len = text_longest_word(query, key, sizeof(key));
	CHECK_INT(store_walk(txn, &offer_def, &range, walk_count, &found), STATUS_OK);
	return found;
}

static int count_district(struct store_txn *txn, const char *district)
{
	uint8_t key[INDEX_KEY_MAX];
	struct store_range range = {.index = "district", .prefix = key};
	int found = 0;

	range.prefix_len = (size_t)index_put_text(key, sizeof(key), district);
	CHECK_INT(store_walk(txn, &offer_def, &range, walk_count, &found), STATUS_OK);
	return found;
}

static void rename_moves_index_entries(struct store *store)
{
	struct store_txn *txn;
	struct offer o;

	store_begin(store, "tl.fg", &txn);
	CHECK_INT(store_get(txn, &offer_def, 4, &o), STATUS_OK);
	strcpy(o.name, "Zauberwald");
	strcpy(o.district, "HM");
	CHECK_INT(store_update(txn, &offer_def, &o), STATUS_OK);
	CHECK_INT(store_commit(txn), STATUS_OK);
	store_begin_snapshot(store, &txn);
	CHECK_INT(count_words(txn, "spielkreis"), 0);
	CHECK_INT(count_words(txn, "zauber"), 1);
	CHECK_INT(count_district(txn, "GA"), 0);
	CHECK_INT(count_district(txn, "HM"), 1);
	store_abort(txn);
}

static void test_index_prefix_folded(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	const char *names[] = {"Müller-Treff", "MUELLERS Garten", "Mühle", "Spielkreis",
	                       "Väter-Kind-Turnen"};

	store_begin(store, "tl.fg", &txn);
	for (int i = 0; i < 5; i++) {
		struct offer o = sample_offer(names[i]);

		if (i == 3)
			strcpy(o.district, "GA");
		CHECK_INT(store_insert(txn, &offer_def, &o), STATUS_OK);
	}
	store_commit(txn);
	store_begin_snapshot(store, &txn);
	CHECK_INT(count_words(txn, "muell"), 2);  /* Müller-Treff, MUELLERS Garten */
	CHECK_INT(count_words(txn, "Müll"), 2);   /* typed as it is written */
	CHECK_INT(count_words(txn, "MULL"), 1);   /* ü typed as u: Müller-Treff */
	CHECK_INT(count_words(txn, "MÜ"), 3);     /* and Mühle */
	CHECK_INT(count_words(txn, "treff"), 1);  /* any word of the name */
	CHECK_INT(count_words(txn, "turnen"), 1); /* Väter-Kind-Turnen */
	CHECK_INT(count_words(txn, "vater"), 1);  /* Väter, ä typed as a */
	CHECK_INT(count_words(txn, "Väter"), 1);
	CHECK_INT(count_words(txn, "v"), 1); /* once, though two of its words begin so */
	CHECK_INT(count_district(txn, "GA"), 1);
	CHECK_INT(count_district(txn, "G"), 0); /* a district key is whole, no prefix */
	CHECK_INT(count_words(txn, "zzz"), 0);
	store_abort(txn);
	rename_moves_index_entries(store);
	store_close(store);
}

/* Pages of 7 that continue from the last position, forwards and
 * backwards, on the table and on an index; a page after a position whose
 * record is gone starts where it would have. */
struct page {
	uint64_t ids[64];
	size_t n, max;
	struct store_pos last;
};

static int page_visit(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct page *p = ctx;

	if (p->n == p->max)
		return 1;
	p->ids[p->n++] = ((const struct record_head *)rec)->id;
	p->last = *pos;
	return 0;
}

/* Every id, page after page of 7; returns how many, in ORDER. */
static size_t walk_pages(struct store_txn *txn, struct store_range range, uint64_t *order)
{
	size_t total = 0;
	struct store_pos after;

	for (;;) {
		struct page p = {.max = 7};

		CHECK_INT(store_walk(txn, &offer_def, &range, page_visit, &p), STATUS_OK);
		memcpy(order + total, p.ids, p.n * sizeof(uint64_t));
		total += p.n;
		if (p.n < p.max || total > 40)
			return total;
		after = p.last;
		range.after = &after;
	}
}

static void test_keyset_pages(void)
{
	struct store *store = fresh_store();
	const char *districts[] = {"FG", "HM", "GA"};
	uint64_t order[64], back[64];
	uint8_t key[8];
	struct store_range range = {0};
	struct store_txn *txn;
	struct store_pos gone;
	struct page p = {.max = 3};
	size_t n;

	store_begin(store, "x", &txn);
	for (int i = 0; i < 30; i++) {
		struct offer o = sample_offer("Angebot");

		strcpy(o.district, districts[i % 3]);
		CHECK_INT(store_insert(txn, &offer_def, &o), STATUS_OK);
	}
	store_commit(txn);
	store_begin_snapshot(store, &txn);
	n = walk_pages(txn, range, order);
	CHECK_INT(n, 30);
	for (size_t i = 0; i < n; i++)
		CHECK_INT(order[i], i + 1);
	range.backward = true;
	CHECK_INT(walk_pages(txn, range, back), 30);
	for (size_t i = 0; i < 30; i++)
		CHECK_INT(back[i], 30 - i);
	/* district HM: ids 2, 5, ... 29, in id order within the key */
	range = (struct store_range){.index = "district", .prefix = key};
	range.prefix_len = (size_t)index_put_text(key, sizeof(key), "HM");
	CHECK_INT(walk_pages(txn, range, order), 10);
	for (size_t i = 0; i < 10; i++)
		CHECK_INT(order[i], 3 * i + 2);
	range.backward = true;
	CHECK_INT(walk_pages(txn, range, back), 10);
	CHECK_INT(back[0], 29);
	CHECK_INT(back[9], 2);
	/* the whole index, backwards: HM (sorts last) first */
	range = (struct store_range){.index = "district", .backward = true};
	CHECK_INT(walk_pages(txn, range, back), 30);
	CHECK_INT(back[0], 29);
	CHECK_INT(back[29], 1);
	range.backward = false;
	store_walk(txn, &offer_def, &range, page_visit, &p);
	CHECK_INT(p.ids[0], 1); /* FG sorts first: 1, 4, 7 */
	CHECK_INT(p.ids[2], 7);
	store_abort(txn);

	/* The record a page ended at is deleted: the next page goes on after
	 * where it stood. */
	gone = p.last;
	store_begin(store, "x", &txn);
	CHECK_INT(store_delete(txn, &offer_def, 7, 1), STATUS_OK);
	store_commit(txn);
	store_begin_snapshot(store, &txn);
	range.after = &gone;
	p = (struct page){.max = 2};
	store_walk(txn, &offer_def, &range, page_visit, &p);
	CHECK_INT(p.ids[0], 10);
	CHECK_INT(p.ids[1], 13);
	store_abort(txn);
	store_close(store);
}

/* The write hook runs inside the transaction: what it writes commits and
 * aborts with the record, and its error aborts the write. */
struct tally {
	int inserts, updates, deletes;
	bool refuse;
};

static enum status hook(void *ctx, struct store_txn *txn, const struct record_def *def,
                        const void *old, const void *new)
{
	struct tally *t = ctx;
	uint64_t n;

	if (def != &offer_def)
		return STATUS_OK;
	if (t->refuse)
		return STATUS_ERR_RANGE;
	t->inserts += !old;
	t->updates += old && new;
	t->deletes += !new;
	/* an aggregate written in the same transaction: a sequence here */
	return store_seq_next(txn, "hooked", &n);
}

static void test_write_hook(void)
{
	struct store *store = fresh_store();
	struct tally t = {0};
	struct store_txn *txn;
	struct offer o = sample_offer("Treff");
	uint64_t n = 0;

	store_set_hook(store, hook, NULL, &t);
	store_begin(store, "x", &txn);
	CHECK_INT(store_insert(txn, &offer_def, &o), STATUS_OK);
	CHECK_INT(store_update(txn, &offer_def, &o), STATUS_OK);
	store_commit(txn);
	store_begin(store, "x", &txn);
	CHECK_INT(store_delete(txn, &offer_def, o.head.id, o.head.version), STATUS_OK);
	store_abort(txn); /* the hook's write goes with it */
	t.refuse = true;
	store_begin(store, "x", &txn);
	o = sample_offer("Zweites");
	CHECK_INT(store_insert(txn, &offer_def, &o), STATUS_ERR_RANGE);
	store_abort(txn);
	store_begin(store, "x", &txn);
	store_seq_next(txn, "hooked", &n);
	CHECK_INT(n, 3); /* insert and update committed, the delete's aborted */
	CHECK_INT(store_get(txn, &offer_def, 1, &o), STATUS_OK);
	store_abort(txn);
	CHECK_INT(t.inserts, 1);
	CHECK_INT(t.updates, 1);
	CHECK_INT(t.deletes, 1);
	store_close(store);
}

/* The audit log's indexes: a user's entries from a time on, without
 * reading the others. */
static int audit_visit(void *ctx, const void *rec, const struct store_pos *pos)
{
	const struct audit_entry *e = rec;

	(void)pos;
	CHECK_STR(e->login, "b");
	++*(int *)ctx;
	return 0;
}

static void test_audit_indexes(void)
{
	struct store *store = fresh_store();
	uint8_t key[64], start[64];
	struct store_range range = {.index = "login", .prefix = key, .start = start};
	struct store_txn *txn;
	int found = 0, n;

	for (int i = 0; i < 6; i++) {
		struct offer o = sample_offer("x");

		store_begin(store, i % 2 ? "b" : "a", &txn);
		store_insert(txn, &offer_def, &o);
		store_commit(txn);
	}
	store_begin_snapshot(store, &txn);
	n = index_put_text(key, sizeof(key), "b");
	range.prefix_len = (size_t)n;
	memcpy(start, key, (size_t)n);
	index_put_id(start + n, 8, 0);
	range.start_len = (size_t)n + 8;
	CHECK_INT(store_walk(txn, &audit_def, &range, audit_visit, &found), STATUS_OK);
	CHECK_INT(found, 3);
	found = 0;
	index_put_id(start + n, 8, (uint64_t)time(NULL) + 3600); /* from an hour ahead */
	store_walk(txn, &audit_def, &range, audit_visit, &found);
	CHECK_INT(found, 0);
	store_abort(txn);
	store_close(store);
}

static void test_sequences(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	uint64_t a = 0, b = 0, c = 0;

	store_begin(store, "x", &txn);
	store_seq_next(txn, "case-2026", &a);
	store_seq_next(txn, "case-2026", &b);
	store_commit(txn);
	store_begin(store, "x", &txn);
	store_seq_next(txn, "case-2026", &c);
	store_abort(txn); /* an aborted number is handed out again */
	store_begin(store, "x", &txn);
	store_seq_next(txn, "case-2026", &c);
	store_commit(txn);
	CHECK_INT(a, 1);
	CHECK_INT(b, 2);
	CHECK_INT(c, 3);
	store_close(store);
}

/* Rewrites a key of a closed store's file directly with Berkeley DB. */
static void raw_put(const char *file, const void *k, size_t klen, const void *d, size_t dlen)
{
	char path[700];
	DB *db;
	DBT key = {.data = (void *)k, .size = (u_int32_t)klen};
	DBT data = {.data = (void *)d, .size = (u_int32_t)dlen};

	snprintf(path, sizeof(path), "%s/db/%s", dir, file);
	if (db_create(&db, NULL, 0) != 0)
		return;
	if (db->open(db, NULL, path, NULL, DB_BTREE, 0, 0) == 0)
		CHECK_INT(db->put(db, NULL, &key, &data, 0), 0);
	db->close(db, 0);
}

static void test_newer_format_refused(void)
{
	struct store *store = fresh_store();
	unsigned char format[4] = {STORE_FORMAT + 1, 0, 0, 0};

	store_close(store);
	raw_put("meta.db", "format", 6, format, 4);
	CHECK_INT(store_open(dir, 0, &store, msg, sizeof(msg)), STATUS_ERR_NEWER_FORMAT);
	CHECK(strstr(msg, "newer sozialraum") != NULL);
}

static void test_newer_record_refused_and_verify_finds_it(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	struct offer o = sample_offer("Treff"), got;
	struct codec_buf buf;
	unsigned char key[8] = {0, 0, 0, 0, 0, 0, 0, 1};
	unsigned long problems = 99;

	store_begin(store, "tl.fg", &txn);
	store_insert(txn, &offer_def, &o);
	store_commit(txn);
	store_close(store);
	CHECK_INT(store_verify(dir, NULL, stdout, &problems, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(problems, 0);

	codec_buf_init(&buf);
	record_encode(&offer_def, &o, &buf);
	buf.data[4]++; /* a version this program does not know */
	raw_put("offers.db", key, 8, buf.data, buf.len);
	codec_buf_free(&buf);
	store_open(dir, 0, &store, msg, sizeof(msg));
	store_begin_snapshot(store, &txn);
	CHECK_INT(store_get(txn, &offer_def, 1, &got), STATUS_ERR_NEWER_FORMAT);
	store_abort(txn);
	store_close(store);
	CHECK_INT(store_verify(dir, NULL, stdout, &problems, msg, sizeof(msg)), STATUS_OK);
	CHECK(problems >= 1);
}

static void test_verify_finds_broken_index(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	struct offer o = sample_offer("Treff");
	unsigned char pkey[8] = {0, 0, 0, 0, 0, 0, 0, 9};
	unsigned long problems = 0;

	store_begin(store, "tl.fg", &txn);
	store_insert(txn, &offer_def, &o);
	store_commit(txn);
	store_close(store);
	raw_put("offers.district.idx", "GL", 3, pkey, 8); /* entry without record */
	CHECK_INT(store_verify(dir, NULL, stdout, &problems, msg, sizeof(msg)), STATUS_OK);
	CHECK(problems >= 1);
}

static void raw_truncate(const char *file)
{
	char path[700];
	u_int32_t count = 0;
	DB *db;

	snprintf(path, sizeof(path), "%s/db/%s", dir, file);
	if (db_create(&db, NULL, 0) != 0)
		return;
	if (db->open(db, NULL, path, NULL, DB_BTREE, 0, 0) == 0)
		CHECK_INT(db->truncate(db, NULL, &count, 0), 0);
	CHECK(count > 0);
	db->close(db, 0);
}

/* The store writes the index entries itself: a delete takes them all
 * (a word twice in a name too), and an index found empty beside a table
 * that is not (one this program has and the directory did not) is built
 * when the store opens. */
static void test_index_entries_kept_and_built(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	struct offer a = sample_offer("Treff am Treff"), b = sample_offer("Zaubergarten");
	unsigned long problems = 99;

	store_begin(store, "tl.fg", &txn);
	CHECK_INT(store_insert(txn, &offer_def, &a), STATUS_OK);
	CHECK_INT(store_insert(txn, &offer_def, &b), STATUS_OK);
	CHECK_INT(store_commit(txn), STATUS_OK);
	store_begin_snapshot(store, &txn);
	CHECK_INT(count_words(txn, "treff"), 1);
	store_abort(txn);
	store_begin(store, "tl.fg", &txn);
	CHECK_INT(store_delete(txn, &offer_def, a.head.id, a.head.version), STATUS_OK);
	CHECK_INT(store_commit(txn), STATUS_OK);
	store_begin_snapshot(store, &txn);
	CHECK_INT(count_words(txn, "treff"), 0);
	CHECK_INT(count_words(txn, "am"), 0);
	CHECK_INT(count_district(txn, "FG"), 1);
	store_abort(txn);
	store_close(store);
	CHECK_INT(store_verify(dir, NULL, stdout, &problems, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(problems, 0);

	raw_truncate("offers.words.idx");
	CHECK_INT(store_open(dir, 0, &store, msg, sizeof(msg)), STATUS_OK);
	store_begin_snapshot(store, &txn);
	CHECK_INT(count_words(txn, "zauber"), 1);
	store_abort(txn);
	store_close(store);
	CHECK_INT(store_verify(dir, NULL, stdout, &problems, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(problems, 0);
}

static void test_backup_restore(void)
{
	struct store *store = fresh_store();
	struct store_txn *txn;
	struct offer o = sample_offer("Vor der Sicherung"), got;
	char backup[600];
	unsigned long problems = 0;

	snprintf(backup, sizeof(backup), "%s-backup", dir);
	store_begin(store, "admin", &txn);
	store_insert(txn, &offer_def, &o);
	store_commit(txn);
	CHECK_INT(store_backup(store, backup, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(store_backup(store, backup, msg, sizeof(msg)), STATUS_ERR_EXISTS);
	o = sample_offer("Nach der Sicherung");
	store_begin(store, "admin", &txn);
	store_insert(txn, &offer_def, &o);
	store_commit(txn);
	CHECK_INT(store_restore(dir, backup, msg, sizeof(msg)), STATUS_ERR_BUSY);
	store_close(store);

	CHECK_INT(store_restore(dir, backup, msg, sizeof(msg)), STATUS_OK);
	CHECK(strstr(msg, "db.before-restore-") != NULL);
	CHECK_INT(store_open(dir, 0, &store, msg, sizeof(msg)), STATUS_OK);
	store_begin_snapshot(store, &txn);
	CHECK_INT(store_get(txn, &offer_def, 1, &got), STATUS_OK);
	CHECK_STR(got.name, "Vor der Sicherung");
	CHECK_INT(store_get(txn, &offer_def, 2, &got), STATUS_ERR_NOT_FOUND);
	store_abort(txn);
	store_close(store);
	CHECK_INT(store_verify(dir, NULL, stdout, &problems, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(problems, 0);
	CHECK_INT(store_restore(dir, "/nonexistent", msg, sizeof(msg)), STATUS_ERR_NOT_FOUND);
}

static void test_bulk_mode(void)
{
	struct store *store = NULL;
	struct store_txn *txn;
	uint64_t n = 0;

	fresh_dir();
	store_init(dir, msg, sizeof(msg));
	CHECK_INT(store_open(dir, STORE_BULK, &store, msg, sizeof(msg)), STATUS_OK);
	for (int i = 0; i < 100; i++) {
		struct offer o = sample_offer("Bulk");

		store_begin(store, "demo", &txn);
		store_insert(txn, &offer_def, &o);
		CHECK_INT(store_commit(txn), STATUS_OK);
	}
	CHECK_INT(store_flush(store), STATUS_OK);
	store_close(store);
	store_open(dir, 0, &store, msg, sizeof(msg));
	store_begin_snapshot(store, &txn);
	store_count(txn, &offer_def, &n);
	CHECK_INT(n, 100);
	store_abort(txn);
	store_close(store);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void test_snapshot_reader_never_blocks_writer(void)
{
	struct store *store = fresh_store();
	struct store_txn *reader, *writer;
	struct offer o = sample_offer("Alt"), seen, changed;

	store_begin(store, "tl.fg", &writer);
	store_insert(writer, &offer_def, &o);
	store_commit(writer);
	/* The reader has read the record and stays open (a long report). */
	CHECK_INT(store_begin_snapshot(store, &reader), STATUS_OK);
	CHECK_INT(store_get(reader, &offer_def, o.head.id, &seen), STATUS_OK);
	/* Without multiversion reads this update would wait for the reader,
	 * here in the same thread for ever: it must go through at once. */
	store_begin(store, "fk.fg", &writer);
	changed = seen;
	strcpy(changed.name, "Neu");
	CHECK_INT(store_update(writer, &offer_def, &changed), STATUS_OK);
	CHECK_INT(store_commit(writer), STATUS_OK);
	CHECK_INT(store_get(reader, &offer_def, o.head.id, &seen), STATUS_OK);
	CHECK_STR(seen.name, "Alt");
	store_abort(reader);
	store_close(store);
}

static void remove_tree(const char *path)
{
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		printf("# could not remove %s\n", path);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	umask(022);
	if (!mkdtemp(base)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_init_modes_idempotent);
	RUN(test_open_refusals);
	RUN(test_insert_get_update_conflict);
	RUN(test_audit_in_same_transaction);
	RUN(test_index_prefix_folded);
	RUN(test_keyset_pages);
	RUN(test_write_hook);
	RUN(test_audit_indexes);
	RUN(test_sequences);
	RUN(test_newer_format_refused);
	RUN(test_newer_record_refused_and_verify_finds_it);
	RUN(test_verify_finds_broken_index);
	RUN(test_index_entries_kept_and_built);
	RUN(test_backup_restore);
	RUN(test_bulk_mode);
	RUN(test_snapshot_reader_never_blocks_writer);
	remove_tree(base);
	return CHECK_EXIT();
}
