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
#include "store/budget.h"
#include "private.h"

struct verify {
	struct store *store;
	struct store_txn *txn;
	const struct config *config;
	FILE *out;
	unsigned long problems;
	struct store_table *table;
	uint64_t max_id;
	uint64_t count;
	uint64_t expected[STORE_MAX_INDEXES]; /* index entries the records call for */
	uint64_t *audited[STORE_MAX_TABLES];  /* sorted ids with an audit entry */
	size_t naudited[STORE_MAX_TABLES];
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
	for (size_t t = 0; t < v->store->ntables; t++) {
		snprintf(file, sizeof(file), "%s.db", v->store->tables[t].def->table);
		verify_file(v, file);
	}
	for (size_t i = 0; i < v->store->nindexes; i++)
		verify_file(v, v->store->indexes[i].file);
}

static size_t table_number(const struct verify *v, const struct store_table *table)
{
	return (size_t)(table - v->store->tables);
}

static int compare_ids(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void collect_audit(struct verify *v, const void *rec)
{
	const struct audit_entry *entry = rec;

	for (size_t t = 0; t < v->store->ntables; t++) {
		uint64_t *ids;

		if (strcmp(entry->table, v->store->tables[t].def->table) != 0 || entry->record == 0)
			continue;
		ids = realloc(v->audited[t], (v->naudited[t] + 1) * sizeof(*ids));
		if (!ids)
			return;
		ids[v->naudited[t]++] = entry->record;
		v->audited[t] = ids;
	}
}

static bool was_audited(const struct verify *v, size_t table, uint64_t id)
{
	return v->naudited[table] &&
	       bsearch(&id, v->audited[table], v->naudited[table], sizeof(id), compare_ids);
}

/* A record of a type with a parent belongs to a parent that exists. */
static void check_parent(struct verify *v, const struct record_def *def, const void *rec)
{
	uint64_t parent = record_id_field(def, rec, def->parent_field);
	void *buf = malloc(def->parent->size);
	struct field_error err = {0};
	enum status st = buf ? store_get(v->txn, def->parent, parent, buf) : STATUS_ERR_NOMEM;

	if (st != STATUS_OK)
		report(v, "%s: record %" PRIu64 ": %s %" PRIu64 " %s", def->table,
		       ((const struct record_head *)rec)->id, def->parent->name, parent,
		       st == STATUS_ERR_NOT_FOUND ? "does not exist" : status_text(st));
	else if (def->validate_with_parent &&
	         def->validate_with_parent(rec, buf, &err) != STATUS_OK)
		report(v, "%s: record %" PRIu64 ": %s", def->table,
		       ((const struct record_head *)rec)->id, err.message);
	free(buf);
}

static enum status no_sequence(void *ctx, const char *sequence, uint64_t *value)
{
	(void)ctx, (void)sequence, (void)value;
	return STATUS_ERR_INVALID; /* a stored record has what a sequence gave it */
}

/* What the writer sets follows from the record as stored and its parent
 * (a case's district and team from its address, a follow-up's lead from
 * its case): the type's fill, run again on it, changes no field. */
static void check_filled(struct verify *v, const struct record_def *def, const void *rec)
{
	static const struct cfg_staff nobody = {.login = ""};
	struct record_fill fill = {
	        .config = v->config, .who = &nobody, .stored = rec, .next = no_sequence};
	struct field_error err = {0};
	char *copy = malloc(def->size), a[256], b[256];
	void *parent = def->parent ? malloc(def->parent->size) : NULL;

	if (copy && (!def->parent || parent)) {
		/* a missing parent is check_parent's to name */
		if (parent &&
		    store_get(v->txn, def->parent, record_id_field(def, rec, def->parent_field),
		              parent) == STATUS_OK)
			fill.parent = parent;
		memcpy(copy, rec, def->size);
		if (def->fill(copy, &fill, &err) != STATUS_OK)
			report(v, "%s: record %" PRIu64 ": %s", def->table,
			       ((const struct record_head *)rec)->id, err.message);
		for (size_t i = 0; !err.message[0] && i < def->nfields; i++) {
			field_format(&def->fields[i], rec, a, sizeof(a));
			field_format(&def->fields[i], copy, b, sizeof(b));
			if (strcmp(a, b) != 0)
				report(v, "%s: record %" PRIu64 ": %s is '%s', its rules give '%s'",
				       def->table, ((const struct record_head *)rec)->id,
				       def->fields[i].name, a, b);
		}
	}
	free(copy);
	free(parent);
}

static void check_record(struct verify *v, const void *rec)
{
	const struct record_head *head = rec;
	const struct record_def *def = v->table->def;
	struct field_error err = {0};

	if (head->version < 1)
		report(v, "%s: record %" PRIu64 ": version 0", def->table, head->id);
	if (def->audited && !was_audited(v, table_number(v, v->table), head->id))
		report(v, "%s: record %" PRIu64 ": no audit entry", def->table, head->id);
	if (record_validate(def, rec, v->config, &err) != STATUS_OK)
		report(v, "%s: record %" PRIu64 ": %s", def->table, head->id, err.message);
	if (def->ids == IDS_COMPUTED && head->id != def->make_id(rec))
		report(v, "%s: record %" PRIu64 ": id does not match its content", def->table,
		       head->id);
	if (def->parent)
		check_parent(v, def, rec);
	/* a purged record's texts no longer give what the writer set (its
	 * address no district): it keeps what it had, and nobody writes it */
	if (def->fill && v->config && !record_purged(def, rec))
		check_filled(v, def, rec);
}

/* Counts the index entries the record calls for. */
static void count_keys(struct verify *v, const void *rec)
{
	uint8_t(*keys)[INDEX_KEY_MAX] = malloc(STORE_KEYS_MAX * INDEX_KEY_MAX);
	size_t lens[STORE_KEYS_MAX];

	for (size_t i = 0; keys && i < v->table->nindexes; i++) {
		size_t n = v->table->first_index + i;

		v->expected[n] +=
		        store_index_keys(&v->store->indexes[n], rec, keys, lens, STORE_KEYS_MAX);
	}
	free(keys);
}

static void visit_record(struct verify *v, const void *rec)
{
	const struct record_head *head = rec;

	v->max_id = head->id;
	v->count++;
	if (v->table->def == &audit_def)
		collect_audit(v, rec);
	check_record(v, rec);
	count_keys(v, rec);
}

/* Reads a table record by record with a raw cursor, so that one damaged
 * record is reported and the rest still checked. */
static void verify_table(struct verify *v, struct store_table *table)
{
	const struct record_def *def = table->def;
	DB *db = table->db;
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

static void verify_sequence(struct verify *v, struct store_table *table)
{
	DB *db = v->store->seqdb;
	const char *name = table->def->table;
	DBT key = {.data = (void *)name, .size = (u_int32_t)strlen(name)};
	unsigned char buf[8];
	DBT data = {.data = buf, .ulen = sizeof(buf), .flags = DB_DBT_USERMEM};
	int ret;
	uint64_t next;

	if (table->def->ids != IDS_SEQUENCE)
		return;
	ret = db->get(db, v->txn->txn, &key, &data, 0);
	next = ret == 0 && data.size == 8 ? store_key_decode(buf) : 1;

	if (ret != 0 && ret != DB_NOTFOUND)
		report(v, "seq.db: %s: %s", name, db_strerror(ret));
	else if (v->max_id >= next)
		report(v, "seq.db: %s: next id %" PRIu64 " but a record has id %" PRIu64, name,
		       next, v->max_id);
}

/* Every entry of an index is one of its record's keys, and there are as
 * many entries as the records call for. */
static void verify_index(struct verify *v, size_t number)
{
	struct store_index *index = &v->store->indexes[number];
	struct store_table *table = store_table_of(v->store, index->def);
	DBT key = {.flags = DB_DBT_REALLOC}, pkey = {.flags = DB_DBT_REALLOC};
	DBT data = {.flags = DB_DBT_REALLOC};
	void *rec = malloc(index->def->size);
	uint8_t(*keys)[INDEX_KEY_MAX] = malloc(STORE_KEYS_MAX * INDEX_KEY_MAX);
	size_t lens[STORE_KEYS_MAX];
	uint64_t entries = 0;
	DBC *cursor = NULL;
	int ret = rec && keys ? index->db->cursor(index->db, v->txn->txn, &cursor, 0) : ENOMEM;

	while (ret == 0 && (ret = cursor->get(cursor, &key, &pkey, DB_NEXT)) == 0) {
		size_t n, i;
		int got;

		entries++;
		got = store_get_entry(v->txn, table, &pkey, &data);
		if (got == DB_SECONDARY_BAD)
			report(v, "%s: entry names record %" PRIu64 ", which is not there",
			       index->file, pkey.size == 8 ? store_key_decode(pkey.data) : 0);
		else if (got != 0)
			report(v, "%s: cannot read the record of an entry: %s", index->file,
			       db_strerror(got));
		if (got != 0 || record_decode(index->def, data.data, data.size, rec) != STATUS_OK)
			continue; /* a record that cannot be read is reported with the table */
		n = store_index_keys(index, rec, keys, lens, STORE_KEYS_MAX);
		for (i = 0; i < n && (lens[i] != key.size || memcmp(keys[i], key.data, key.size));
		     i++)
			;
		if (i == n)
			report(v, "%s: entry of record %" PRIu64 " does not match the record",
			       index->file, store_key_decode(pkey.data));
	}
	if (ret != DB_NOTFOUND)
		report(v, "%s: cannot read: %s", index->file, db_strerror(ret));
	if (cursor)
		cursor->close(cursor);
	if (ret == DB_NOTFOUND && entries != v->expected[number])
		report(v, "%s: %" PRIu64 " entries where the records call for %" PRIu64,
		       index->file, entries, v->expected[number]);
	free(key.data);
	free(pkey.data);
	free(data.data);
	free(rec);
	free(keys);
}

static void verify_records(struct verify *v)
{
	struct store_table *log = store_table_of(v->store, &audit_def);

	verify_table(v, log);
	verify_sequence(v, log);
	for (size_t t = 0; t < v->store->ntables; t++)
		if (v->naudited[t])
			qsort(v->audited[t], v->naudited[t], sizeof(uint64_t), compare_ids);
	for (size_t t = 0; t < v->store->ntables; t++) {
		struct store_table *table = &v->store->tables[t];

		if (table != log) {
			verify_table(v, table);
			verify_sequence(v, table);
		}
		for (size_t i = 0; i < table->nindexes; i++)
			verify_index(v, table->first_index + i);
	}
}

static enum status verify_in_snapshot(struct verify *v)
{
	enum status st = store_begin_snapshot(v->store, &v->txn);

	if (st == STATUS_OK) {
		verify_records(v);
		if (v->config) /* the aggregates against what their records give */
			st = budget_verify(v->txn, v->config, v->out, &v->problems);
		store_abort(v->txn);
	}
	for (size_t t = 0; t < STORE_MAX_TABLES; t++)
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
	if (st == STATUS_OK) {
		bool opened = store_tables_open(v.store, NULL, false) == 0;

		store_tables_close(v.store); /* what opened, also when not all did */
		if (opened)
			verify_files(&v); /* by the names the tables were opened with */
	}
	if (st == STATUS_OK) {
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
