/* verify: the database files first (Berkeley DB's own page checks, before
 * any handle is open on them), then the invariants between records: every
 * record decodes and validates, ids agree with keys and stay below their
 * sequence, every index entry matches its record and every record has its
 * entries, every record has its audit trail. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "model/offer.h"
#include "private.h"

struct verify {
	struct store *store;
	struct store_txn *txn;
	const struct config *config;
	FILE *out;
	unsigned long problems;
	enum store_table table;
	uint64_t max_id;
	uint64_t count;
	uint64_t *audited[STORE_TABLE_COUNT]; /* sorted ids with an audit entry */
	size_t naudited[STORE_TABLE_COUNT];
};

static void report(struct verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(struct verify *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(v->out, fmt, ap);
	va_end(ap);
	fputc('\n', v->out);
	v->problems++;
}

static void verify_file(struct verify *v, const char *file)
{
	DB *db;
	int ret = db_create(&db, v->store->env, 0);

	/* The handle is gone after verify, whatever it returns. */
	if (ret == 0)
		ret = db->verify(db, file, NULL, NULL, 0);
	if (ret == ENOENT)
		report(v, "%s: missing", file);
	else if (ret != 0)
		report(v, "%s: damaged: %s", file, db_strerror(ret));
}

static void verify_files(struct verify *v)
{
	char file[64];

	verify_file(v, "meta.db");
	verify_file(v, "seq.db");
	for (int t = 0; t < STORE_TABLE_COUNT; t++) {
		snprintf(file, sizeof(file), "%s.db", store_tables[t].file);
		verify_file(v, file);
	}
	for (int i = 0; i < STORE_INDEX_COUNT; i++) {
		snprintf(file, sizeof(file), "%s.idx", store_indexes[i].file);
		verify_file(v, file);
	}
}

static int compare_ids(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void collect_audit(struct verify *v, const void *rec)
{
	const struct audit_entry *entry = rec;

	for (int t = 0; t < STORE_TABLE_COUNT; t++) {
		uint64_t *ids;

		if (strcmp(entry->table, store_tables[t].file) != 0 || entry->record == 0)
			continue;
		ids = realloc(v->audited[t], (v->naudited[t] + 1) * sizeof(*ids));
		if (!ids)
			return;
		ids[v->naudited[t]++] = entry->record;
		v->audited[t] = ids;
	}
}

static bool was_audited(const struct verify *v, enum store_table table, uint64_t id)
{
	return v->naudited[table] &&
	       bsearch(&id, v->audited[table], v->naudited[table], sizeof(id), compare_ids);
}

/* A monthly count belongs to an offer that exists, under the id made of
 * that offer and its month. */
static void check_offer_count(struct verify *v, const struct offer_count *count)
{
	struct offer offer;
	struct field_error err = {0};

	if (offer_count_validate(count, &err) != STATUS_OK)
		report(v, "offer_counts: record %" PRIu64 ": %s", count->head.id, err.message);
	if (count->head.id != offer_count_id(count->offer, count->month))
		report(v,
		       "offer_counts: record %" PRIu64 ": id does not match offer %" PRIu64
		       " and month",
		       count->head.id, count->offer);
	if (store_get(v->txn, STORE_OFFERS, count->offer, &offer) != STATUS_OK)
		report(v, "offer_counts: record %" PRIu64 ": offer %" PRIu64 " does not exist",
		       count->head.id, count->offer);
}

static void check_record(struct verify *v, const void *rec)
{
	const struct record_head *head = rec;
	const char *name = store_tables[v->table].file;
	struct field_error err = {0};

	if (head->version < 1)
		report(v, "%s: record %" PRIu64 ": version 0", name, head->id);
	if (store_tables[v->table].audited && !was_audited(v, v->table, head->id))
		report(v, "%s: record %" PRIu64 ": no audit entry", name, head->id);
	if (v->table == STORE_OFFERS && offer_validate(rec, v->config, &err) != STATUS_OK)
		report(v, "%s: record %" PRIu64 ": %s", name, head->id, err.message);
	if (v->table == STORE_OFFER_COUNTS)
		check_offer_count(v, rec);
}

static void visit_record(struct verify *v, const void *rec)
{
	const struct record_head *head = rec;

	v->max_id = head->id;
	v->count++;
	if (v->table == STORE_AUDIT)
		collect_audit(v, rec);
	check_record(v, rec);
}

/* Reads a table record by record with a raw cursor, so that one damaged
 * record is reported and the rest still checked. */
static void verify_table(struct verify *v, enum store_table table)
{
	const struct record_def *def = store_tables[table].def;
	DB *db = v->store->tables[table];
	DBT key = {.flags = DB_DBT_REALLOC}, data = {.flags = DB_DBT_REALLOC};
	void *rec = malloc(def->size);
	DBC *cursor = NULL;
	int ret;

	v->table = table;
	v->max_id = v->count = 0;
	ret = rec ? db->cursor(db, v->txn->txn, &cursor, 0) : ENOMEM;
	while (ret == 0 && (ret = cursor->get(cursor, &key, &data, DB_NEXT)) == 0) {
		uint64_t id = key.size == 8 ? store_key_decode(key.data) : 0;
		enum status st = record_decode(def, data.data, data.size, rec);

		if (st != STATUS_OK)
			report(v, "%s: record %" PRIu64 ": %s", def->name, id, status_text(st));
		else if (((struct record_head *)rec)->id != id || id == 0)
			report(v, "%s: record under key %" PRIu64 " says id %" PRIu64, def->name,
			       id, ((struct record_head *)rec)->id);
		else
			visit_record(v, rec);
	}
	if (ret != DB_NOTFOUND)
		report(v, "%s: cannot read: %s", def->name, db_strerror(ret));
	if (cursor)
		cursor->close(cursor);
	free(key.data);
	free(data.data);
	free(rec);
}

static void verify_sequence(struct verify *v, enum store_table table)
{
	DB *db = v->store->seqdb;
	const char *name = store_tables[table].file;
	DBT key = {.data = (void *)name, .size = (u_int32_t)strlen(name)};
	unsigned char buf[8];
	DBT data = {.data = buf, .ulen = sizeof(buf), .flags = DB_DBT_USERMEM};
	int ret;
	uint64_t next;

	if (!store_tables[table].sequenced)
		return;
	ret = db->get(db, v->txn->txn, &key, &data, 0);
	next = ret == 0 && data.size == 8 ? store_key_decode(buf) : 1;

	if (ret != 0 && ret != DB_NOTFOUND)
		report(v, "seq.db: %s: %s", name, db_strerror(ret));
	else if (v->max_id >= next)
		report(v, "seq.db: %s: next id %" PRIu64 " but a record has id %" PRIu64, name,
		       next, v->max_id);
}

static void verify_index(struct verify *v, enum store_index index)
{
	const struct index_desc *desc = &store_indexes[index];
	const struct record_def *def = store_tables[desc->table].def;
	DB *db = v->store->indexes[index];
	DBT key = {.flags = DB_DBT_REALLOC}, pkey = {.flags = DB_DBT_REALLOC};
	DBT data = {.flags = DB_DBT_REALLOC};
	void *rec = malloc(def->size);
	uint64_t entries = 0;
	DBC *cursor = NULL;
	char want[512];
	int ret = rec ? db->cursor(db, v->txn->txn, &cursor, 0) : ENOMEM;

	while (ret == 0 && (ret = cursor->pget(cursor, &key, &pkey, &data, DB_NEXT)) == 0) {
		int len;

		entries++;
		if (record_decode(def, data.data, data.size, rec) != STATUS_OK)
			continue; /* reported with the table */
		len = desc->key(rec, want, sizeof(want));
		if (len < 0 || (size_t)len != key.size || memcmp(want, key.data, key.size) != 0)
			report(v, "%s.idx: entry of record %" PRIu64 " does not match the record",
			       desc->file, store_key_decode(pkey.data));
	}
	if (ret != DB_NOTFOUND)
		report(v, "%s.idx: cannot read: %s", desc->file, db_strerror(ret));
	if (cursor)
		cursor->close(cursor);
	if (ret == DB_NOTFOUND && entries != v->count)
		report(v, "%s.idx: %" PRIu64 " entries for %" PRIu64 " records", desc->file,
		       entries, v->count);
	free(key.data);
	free(pkey.data);
	free(data.data);
	free(rec);
}

static void verify_records(struct verify *v)
{
	verify_table(v, STORE_AUDIT);
	verify_sequence(v, STORE_AUDIT);
	for (int t = 0; t < STORE_TABLE_COUNT; t++)
		if (v->naudited[t])
			qsort(v->audited[t], v->naudited[t], sizeof(uint64_t), compare_ids);
	for (int t = 0; t < STORE_TABLE_COUNT; t++) {
		if (t == STORE_AUDIT)
			continue;
		verify_table(v, (enum store_table)t);
		verify_sequence(v, (enum store_table)t);
		for (int i = 0; i < STORE_INDEX_COUNT; i++)
			if (store_indexes[i].table == (enum store_table)t)
				verify_index(v, (enum store_index)i);
	}
}

static enum status verify_in_snapshot(struct verify *v)
{
	enum status st = store_begin_snapshot(v->store, &v->txn);

	if (st == STATUS_OK) {
		verify_records(v);
		store_abort(v->txn);
	}
	for (int t = 0; t < STORE_TABLE_COUNT; t++)
		free(v->audited[t]);
	return st;
}

enum status store_verify_records(struct store *store, const struct config *config, FILE *out,
                                 unsigned long *problems)
{
	struct verify v = {.store = store, .config = config, .out = out};
	enum status st = verify_in_snapshot(&v);

	*problems = v.problems;
	return st;
}

enum status store_verify(const char *dir, const struct config *config, FILE *out,
                         unsigned long *problems, char *msg, size_t size)
{
	struct verify v = {.config = config, .out = out};
	enum status st;

	v.store = store_alloc();
	if (!v.store)
		return store_fail(msg, size, STATUS_ERR_NOMEM, "out of memory");
	st = store_env_open(v.store, dir, DB_RECOVER, msg, size);
	/* Opening the tables once creates a table or index that this program
	 * has and an older one did not: that is an upgrade, not damage. */
	if (st == STATUS_OK && store_tables_open(v.store, NULL, false) == 0)
		store_tables_close(v.store);
	if (st == STATUS_OK) {
		verify_files(&v);
		st = store_open_into(v.store, dir, 0, false, msg, size);
	}
	if (st == STATUS_OK)
		st = verify_in_snapshot(&v);
	*problems = v.problems;
	if (st == STATUS_OK)
		store_close(v.store);
	else
		store_release(v.store);
	return st;
}
