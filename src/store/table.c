/* Tables, secondary indexes, sequences and the record functions.
 *
 * Every record type of the registry has a table: a btree keyed by the
 * record id in big-endian (so cursor order is id order) holding the
 * record's encoding (record.h). Every index the type declares is a btree
 * with sorted duplicates: its keys come from the record (several for a
 * word index), its data is the primary key, so the entries of one key lie
 * in id order. The store writes the entries itself with the record, in
 * its transaction, touching only the keys that changed (reindex); not
 * through Berkeley DB's associate(), which reads the stored record before
 * every put, an insert's too. Sequences
 * are counters in seq.db, read and advanced inside the caller's
 * transaction, so an id is never handed out twice and never lost by a
 * commit that did happen.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/audit.h"
#include "model/registry.h"
#include "private.h"

static const struct index_def parent_index = {.name = "parent", .kind = INDEX_PARENT};

struct store_table *store_table_of(struct store *store, const struct record_def *def)
{
	for (size_t t = 0; t < store->ntables; t++)
		if (store->tables[t].def == def)
			return &store->tables[t];
	return NULL;
}

struct store_index *store_index_of(struct store *store, const struct record_def *def,
                                   const char *name)
{
	struct store_table *table = store_table_of(store, def);

	for (size_t i = 0; table && i < table->nindexes; i++)
		if (strcmp(store->indexes[table->first_index + i].index->name, name) == 0)
			return &store->indexes[table->first_index + i];
	return NULL;
}

void store_key_encode(uint64_t id, unsigned char out[8])
{
	for (int i = 0; i < 8; i++)
		out[i] = (unsigned char)(id >> (56 - 8 * i));
}

uint64_t store_key_decode(const void *data)
{
	const unsigned char *p = data;
	uint64_t id = 0;

	for (int i = 0; i < 8; i++)
		id = id << 8 | p[i];
	return id;
}

struct word_keys {
	uint8_t (*keys)[INDEX_KEY_MAX];
	size_t *lens, n, max;
};

static bool add_word(void *ctx, const char *word)
{
	struct word_keys *w = ctx;
	size_t len = strlen(word);

	if (w->n == w->max || len >= INDEX_KEY_MAX)
		return w->n < w->max;
	memcpy(w->keys[w->n], word, len);
	w->lens[w->n++] = len;
	return true;
}

size_t store_index_keys(const struct store_index *index, const void *rec,
                        uint8_t keys[][INDEX_KEY_MAX], size_t lens[], size_t max)
{
	const struct index_def *def = index->index;
	struct word_keys words = {.keys = keys, .lens = lens, .max = max};
	int len;

	if (max == 0)
		return 0;
	switch (def->kind) {
	case INDEX_WORDS:
		text_words(record_text(index->def, rec, def->field), add_word, &words);
		return words.n;
	case INDEX_PARENT:
		len = index_put_id(keys[0], INDEX_KEY_MAX,
		                   record_id_field(index->def, rec, index->def->parent_field));
		break;
	default:
		len = def->key(rec, keys[0], INDEX_KEY_MAX);
		break;
	}
	if (len < 0)
		return 0;
	lens[0] = (size_t)len;
	return 1;
}

/* An index's keys for a record, twice: what the stored version has and
 * what the new one has. */
struct key_pair {
	uint8_t (*keys)[INDEX_KEY_MAX]; /* old ones from 0, new ones from max */
	size_t lens[2 * STORE_KEYS_MAX];
	size_t nold, nnew, max;
};

static bool key_in(const struct key_pair *k, size_t from, size_t n, size_t i)
{
	for (size_t j = from; j < from + n; j++)
		if (k->lens[j] == k->lens[i] && memcmp(k->keys[j], k->keys[i], k->lens[i]) == 0)
			return true;
	return false;
}

/* Flags 0, not DB_NODUPDATA: only 0 takes Berkeley DB's fast path to the
 * end of a key's duplicates (a third of the page requests of a booking's
 * measure entry). reindex puts only keys the record did not have, so an
 * entry already there means a damaged index; it is left as it is. */
static int index_put(DB_TXN *txn, DB *db, const uint8_t *k, size_t len, unsigned char pkey[8])
{
	DBT key = {.data = (void *)k, .size = (u_int32_t)len};
	DBT data = {.data = pkey, .size = 8};
	int ret = db->put(db, txn, &key, &data, 0);

	return ret == DB_KEYEXIST ? 0 : ret; /* there already */
}

static int index_del(DB_TXN *txn, DB *db, const uint8_t *k, size_t len, unsigned char pkey[8])
{
	DBT key = {.data = (void *)k, .size = (u_int32_t)len};
	DBT data = {.data = pkey, .size = 8};
	DBC *cursor;
	int ret = db->cursor(db, txn, &cursor, 0), t_ret;

	if (ret != 0)
		return ret;
	ret = cursor->get(cursor, &key, &data, DB_GET_BOTH | DB_RMW);
	if (ret == 0)
		ret = cursor->del(cursor, 0);
	else if (ret == DB_NOTFOUND)
		ret = 0; /* gone already: verify counts the entries */
	if ((t_ret = cursor->close(cursor)) != 0 && ret == 0)
		ret = t_ret;
	return ret;
}

/* Moves the entries of record ID in INDEX from the keys OLD has to those
 * NEW has (either NULL: none), touching only the keys that differ. */
static int reindex_one(DB_TXN *txn, const struct store_index *index, uint64_t id, const void *old,
                       const void *new, struct key_pair *k)
{
	unsigned char pkey[8];
	int ret = 0;

	store_key_encode(id, pkey);
	k->nold = old ? store_index_keys(index, old, k->keys, k->lens, k->max) : 0;
	k->nnew =
	        new ? store_index_keys(index, new, k->keys + k->max, k->lens + k->max, k->max) : 0;
	for (size_t i = 0; i < k->nold && ret == 0; i++)
		if (!key_in(k, 0, i, i) && !key_in(k, k->max, k->nnew, i))
			ret = index_del(txn, index->db, k->keys[i], k->lens[i], pkey);
	for (size_t i = k->max; i < k->max + k->nnew && ret == 0; i++)
		if (!key_in(k, k->max, i - k->max, i) && !key_in(k, 0, k->nold, i))
			ret = index_put(txn, index->db, k->keys[i], k->lens[i], pkey);
	return ret;
}

/* Keeps every index of TABLE in step with a write of record ID: OLD is
 * the version stored before (NULL for an insert), NEW the one stored now
 * (NULL for a delete). In the writer's transaction, so the record and its
 * entries commit together. */
static enum status reindex(struct store_txn *txn, const struct store_table *table, uint64_t id,
                           const void *old, const void *new)
{
	uint8_t one[2][INDEX_KEY_MAX];
	struct key_pair k = {.keys = one, .max = 1};
	uint8_t(*many)[INDEX_KEY_MAX] = NULL;
	int ret = 0;

	for (size_t i = 0; i < table->nindexes && ret == 0; i++) {
		const struct store_index *index = &txn->store->indexes[table->first_index + i];

		if (index->index->kind == INDEX_WORDS && !many &&
		    !(many = malloc(2 * STORE_KEYS_MAX * INDEX_KEY_MAX)))
			return STATUS_ERR_NOMEM;
		k.keys = index->index->kind == INDEX_WORDS ? many : one;
		k.max = index->index->kind == INDEX_WORDS ? STORE_KEYS_MAX : 1;
		ret = reindex_one(txn->txn, index, id, old, new, &k);
	}
	free(many);
	return store_status(ret);
}

/* Builds an index that is empty while its table is not (an index this
 * program has and the directory did not) from the table's records. */
static int build_index(struct store *store, DB_TXN *txn, struct store_table *table,
                       struct store_index *index)
{
	DBT key = {.flags = DB_DBT_REALLOC}, data = {.flags = DB_DBT_REALLOC};
	struct store_txn writer = {.store = store, .txn = txn};
	const struct record_def *def = table->def;
	void *rec = malloc(def->size);
	struct store_table only = *table;
	DBC *cursor = NULL;
	int ret;

	only.first_index = (size_t)(index - store->indexes);
	only.nindexes = 1;
	ret = rec ? index->db->cursor(index->db, txn, &cursor, 0) : ENOMEM;
	if (ret == 0 && (ret = cursor->get(cursor, &key, &data, DB_FIRST)) == 0)
		ret = DB_KEYEXIST; /* not empty: nothing to build */
	if (cursor)
		cursor->close(cursor);
	cursor = NULL;
	if (ret == DB_NOTFOUND) /* no read locks kept on the table's pages */
		ret = table->db->cursor(table->db, txn, &cursor, DB_READ_COMMITTED);
	while (ret == 0 && (ret = cursor->get(cursor, &key, &data, DB_NEXT)) == 0) {
		if (record_decode(def, data.data, data.size, rec) != STATUS_OK)
			continue; /* verify names the record */
		if (reindex(&writer, &only, ((struct record_head *)rec)->id, NULL, rec) !=
		    STATUS_OK)
			ret = EIO;
	}
	if (cursor)
		cursor->close(cursor);
	free(key.data);
	free(data.data);
	free(rec);
	return ret == DB_NOTFOUND || ret == DB_KEYEXIST ? 0 : ret;
}

static int open_db(struct store *store, DB_TXN *txn, DB **out, const char *file, bool dupsort,
                   bool create)
{
	u_int32_t flags = DB_THREAD | (txn ? 0 : DB_AUTO_COMMIT) | (create ? DB_CREATE : 0);
	DB *db;
	int ret;

	if ((ret = db_create(&db, store->env, 0)) != 0)
		return ret;
	if (dupsort && (ret = db->set_flags(db, DB_DUPSORT)) != 0) {
		db->close(db, 0);
		return ret;
	}
	ret = db->open(db, txn, file, NULL, DB_BTREE, flags, 0600);
	if (ret != 0) {
		db->close(db, 0);
		return ret;
	}
	*out = db;
	return 0;
}

/* Declares the indexes of TABLE (before any is opened). */
static int declare_indexes(struct store *store, struct store_table *table)
{
	const struct record_def *def = table->def;
	size_t n = def->nindexes + (def->parent ? 1 : 0);

	if (store->nindexes + n > STORE_MAX_INDEXES)
		return ENOSPC;
	table->first_index = store->nindexes;
	table->nindexes = n;
	for (size_t i = 0; i < n; i++) {
		struct store_index *index = &store->indexes[store->nindexes++];

		index->def = def;
		index->index = i < def->nindexes ? &def->indexes[i] : &parent_index;
		snprintf(index->file, sizeof(index->file), "%s.%s.idx", def->table,
		         index->index->name);
	}
	return 0;
}

static int open_index(struct store *store, DB_TXN *txn, struct store_table *table,
                      struct store_index *index)
{
	/* Always DB_CREATE: an index added since the directory was made is
	 * then built from its table. */
	int ret = open_db(store, txn, &index->db, index->file, true, true);
	DB_TXN *own = NULL;

	if (ret == 0 && !txn && (ret = store->env->txn_begin(store->env, NULL, &own, 0)) != 0)
		return ret;
	if (ret == 0)
		ret = build_index(store, txn ? txn : own, table, index);
	if (own)
		ret = ret == 0 ? own->commit(own, 0) : (own->abort(own), ret);
	return ret;
}

/* The greatest id in TABLE, 0 when it is empty. */
static int last_id(struct store_table *table, DB_TXN *txn, uint64_t *id)
{
	DBT key = {.flags = DB_DBT_REALLOC};
	DBT data = {.flags = DB_DBT_PARTIAL}; /* the key alone */
	DBC *cursor;
	int ret = table->db->cursor(table->db, txn, &cursor, 0), t_ret;

	if (ret != 0)
		return ret;
	ret = cursor->get(cursor, &key, &data, DB_LAST);
	/* a key that is no id (damage): every insert searches for its id */
	*id = ret != 0 ? 0 : key.size == 8 ? store_key_decode(key.data) : UINT64_MAX;
	if (ret == DB_NOTFOUND)
		ret = 0;
	if ((t_ret = cursor->close(cursor)) != 0 && ret == 0)
		ret = t_ret;
	free(key.data);
	return ret;
}

int store_tables_open(struct store *store, DB_TXN *txn, bool create)
{
	int ret;

	if ((ret = open_db(store, txn, &store->meta, "meta.db", false, create)) != 0 ||
	    (ret = open_db(store, txn, &store->seqdb, "seq.db", false, create)) != 0)
		return ret;
	if (record_type_count > STORE_MAX_TABLES)
		return ENOSPC;
	store->ntables = store->nindexes = 0;
	for (size_t t = 0; t < record_type_count; t++) {
		struct store_table *table = &store->tables[store->ntables++];
		char file[96];

		table->def = record_types[t];
		snprintf(file, sizeof(file), "%s.db", table->def->table);
		/* Always DB_CREATE: a table added since the directory was made. */
		if ((ret = open_db(store, txn, &table->db, file, false, true)) != 0 ||
		    (ret = last_id(table, txn, &table->top_id)) != 0 ||
		    (ret = declare_indexes(store, table)) != 0)
			return ret;
		for (size_t i = 0; i < table->nindexes; i++)
			if ((ret = open_index(store, txn, table,
			                      &store->indexes[table->first_index + i])) != 0)
				return ret;
	}
	return 0;
}

void store_tables_close(struct store *store)
{
	/* Secondaries first: a primary must not outlive its association. */
	for (size_t i = 0; i < store->nindexes; i++)
		if (store->indexes[i].db) {
			store->indexes[i].db->close(store->indexes[i].db, 0);
			store->indexes[i].db = NULL;
		}
	for (size_t t = 0; t < store->ntables; t++)
		if (store->tables[t].db) {
			store->tables[t].db->close(store->tables[t].db, 0);
			store->tables[t].db = NULL;
		}
	/* The declared tables and indexes stay: verify reads their file names. */
	if (store->seqdb)
		store->seqdb->close(store->seqdb, 0);
	if (store->meta)
		store->meta->close(store->meta, 0);
	store->seqdb = store->meta = NULL;
}

static enum status seq_put(struct store_txn *txn, const char *name, uint64_t next)
{
	DB *db = txn->store->seqdb;
	DBT key = {.data = (void *)name, .size = (u_int32_t)strlen(name)};
	unsigned char buf[8];
	DBT data = {.data = buf, .size = sizeof(buf)};

	store_key_encode(next, buf);
	return store_status(db->put(db, txn->txn, &key, &data, 0));
}

/* A sequence's number is read with a write lock on its page, which the
 * transaction keeps to its end: two writers never draw the same one, and
 * a number is never lost by a commit that happened. The transaction
 * counts on from there and writes the sequence back once, when it
 * commits (store_seq_flush): one read and one write per transaction, not
 * per record (a load of many bookings in one). */
enum status store_seq_next(struct store_txn *txn, const char *name, uint64_t *value)
{
	DB *db = txn->store->seqdb;
	DBT key = {.data = (void *)name, .size = (u_int32_t)strlen(name)};
	unsigned char buf[8];
	DBT data = {.data = buf, .ulen = sizeof(buf), .flags = DB_DBT_USERMEM};
	struct store_txn_seq *seq = NULL;
	uint64_t next = 1;
	int ret;

	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	for (size_t i = 0; i < txn->nseqs && !seq; i++)
		if (strcmp(txn->seqs[i].name, name) == 0)
			seq = &txn->seqs[i];
	if (seq) {
		*value = seq->next++;
		return STATUS_OK;
	}
	ret = db->get(db, txn->txn, &key, &data, DB_RMW);
	if (ret == 0 && data.size == 8)
		next = store_key_decode(buf);
	else if (ret == 0)
		return STATUS_ERR_CORRUPT;
	else if (ret != DB_NOTFOUND)
		return store_status(ret);
	*value = next;
	/* more names than a transaction counts: written at once */
	if (txn->nseqs == STORE_TXN_SEQS || strlen(name) >= sizeof(seq->name))
		return seq_put(txn, name, next + 1);
	seq = &txn->seqs[txn->nseqs++];
	text_copy(seq->name, sizeof(seq->name), name);
	seq->next = next + 1;
	return STATUS_OK;
}

enum status store_seq_flush(struct store_txn *txn)
{
	enum status st = STATUS_OK;

	for (size_t i = 0; i < txn->nseqs && st == STATUS_OK; i++)
		st = seq_put(txn, txn->seqs[i].name, txn->seqs[i].next);
	txn->nseqs = 0;
	return st;
}

int store_get_raw(struct store_txn *txn, DB *db, uint64_t id, DBT *data, u_int32_t flags)
{
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};

	store_key_encode(id, kbuf);
	memset(data, 0, sizeof(*data));
	data->flags = DB_DBT_MALLOC;
	return db->get(db, txn->txn, &key, data, flags);
}

int store_get_entry(struct store_txn *txn, struct store_table *table, const DBT *pkey, DBT *data)
{
	int ret;

	if (!table)
		return EINVAL;
	ret = table->db->get(table->db, txn->txn, (DBT *)pkey, data, 0);
	return ret == DB_NOTFOUND ? DB_SECONDARY_BAD : ret;
}

static enum status get_flags(struct store_txn *txn, const struct record_def *def, uint64_t id,
                             void *rec, u_int32_t flags)
{
	struct store_table *table = store_table_of(txn->store, def);
	DBT data;
	enum status st;
	int ret;

	if (!table)
		return STATUS_ERR_INTERNAL;
	if ((ret = store_get_raw(txn, table->db, id, &data, flags)) != 0)
		return store_status(ret);
	st = record_decode(def, data.data, data.size, rec);
	free(data.data);
	return st;
}

enum status store_get(struct store_txn *txn, const struct record_def *def, uint64_t id, void *rec)
{
	return get_flags(txn, def, id, rec, 0);
}

enum status store_aggregate_get(struct store_txn *txn, const struct record_def *def, uint64_t id,
                                void *rec)
{
	return txn->snapshot ? STATUS_ERR_INTERNAL : get_flags(txn, def, id, rec, DB_RMW);
}

enum status store_aggregate_put(struct store_txn *txn, const struct record_def *def, void *rec)
{
	struct store_table *table = store_table_of(txn->store, def);
	struct record_head *head = rec;

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	/* its index keys come from what its id is made of: only a new one
	 * has entries to write */
	if (head->version++ == 0)
		return store_put_raw(txn, table, rec, NULL, DB_NOOVERWRITE);
	return store_put_raw(txn, table, rec, rec, 0);
}

/* The stored version of record ID of TABLE, decoded into a new buffer
 * (the caller frees it), read for writing; NULL in *OUT when there is
 * none. */
static enum status read_stored(struct store_txn *txn, struct store_table *table, uint64_t id,
                               void **out)
{
	void *stored;
	enum status st;
	DBT data;
	int ret;

	*out = NULL;
	if ((ret = store_get_raw(txn, table->db, id, &data, DB_RMW)) != 0)
		return ret == DB_NOTFOUND ? STATUS_OK : store_status(ret);
	if (!(stored = malloc(table->def->size))) {
		free(data.data);
		return STATUS_ERR_NOMEM;
	}
	st = record_decode(table->def, data.data, data.size, stored);
	free(data.data);
	if (st != STATUS_OK)
		free(stored);
	else
		*out = stored;
	return st;
}

static void raise_top(struct store_table *table, uint64_t id)
{
	uint64_t top = __atomic_load_n(&table->top_id, __ATOMIC_RELAXED);

	while (id > top && !__atomic_compare_exchange_n(&table->top_id, &top, id, true,
	                                                __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

enum status store_put_raw(struct store_txn *txn, struct store_table *table, const void *rec,
                          const void *old, u_int32_t flags)
{
	const struct record_head *head = rec;
	void *stored = NULL;
	struct codec_buf buf;
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};
	DBT data = {0};
	enum status st = STATUS_OK;

	/* an overwrite moves the entries the stored version has */
	if (!old && !(flags & DB_NOOVERWRITE) && table->nindexes) {
		st = read_stored(txn, table, head->id, &stored);
		old = stored;
	}
	/* A sequence hands an id out once: one above every stored id needs
	 * no search for it, and the put takes Berkeley DB's fast path for
	 * appends. Below, DB_NOOVERWRITE finds a sequence behind its table. */
	if ((flags & DB_NOOVERWRITE) && table->def->ids == IDS_SEQUENCE &&
	    head->id > __atomic_load_n(&table->top_id, __ATOMIC_RELAXED))
		flags &= ~(u_int32_t)DB_NOOVERWRITE;
	raise_top(table, head->id);
	codec_buf_init(&buf);
	if (st == STATUS_OK)
		st = record_encode(table->def, rec, &buf);
	if (st == STATUS_OK) {
		store_key_encode(head->id, kbuf);
		data.data = buf.data;
		data.size = (u_int32_t)buf.len;
		st = store_status(table->db->put(table->db, txn->txn, &key, &data, flags));
	}
	if (st == STATUS_OK && table->nindexes)
		st = reindex(txn, table, head->id, old, rec);
	codec_buf_free(&buf);
	free(stored);
	return st;
}

/* Deletes record ID of TABLE and its index entries (OLD: its stored
 * version, NULL to read it here). */
static enum status delete_raw(struct store_txn *txn, struct store_table *table, uint64_t id,
                              const void *old)
{
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};
	void *stored = NULL;
	enum status st = STATUS_OK;

	if (!old && table->nindexes) {
		st = read_stored(txn, table, id, &stored);
		old = stored;
	}
	store_key_encode(id, kbuf);
	if (st == STATUS_OK)
		st = store_status(table->db->del(table->db, txn->txn, &key, 0));
	if (st == STATUS_OK && old)
		st = reindex(txn, table, id, old, NULL);
	free(stored);
	return st;
}

/* The audit entry of a write; an update's names what changed
 * (record_changes: values only of fields without personal data). */
static enum status audit_write(struct store_txn *txn, const char *action,
                               const struct record_def *def, uint64_t id, const void *old,
                               const void *new)
{
	char detail[AUDIT_DETAIL_SIZE] = "";

	if (!def->audited)
		return STATUS_OK;
	if (old && new)
		record_changes(def, old, new, detail, sizeof(detail));
	return store_audit(txn, action, def, id, detail);
}

static enum status run_hook(struct store_txn *txn, const struct record_def *def, const void *old,
                            const void *new)
{
	struct store *store = txn->store;

	return store->hook ? store->hook(store->hook_ctx, txn, def, old, new) : STATUS_OK;
}

void store_set_hook(struct store *store, store_hook_fn fn, store_end_fn end, void *ctx)
{
	store->hook = fn;
	store->hook_end = end;
	store->hook_ctx = ctx;
}

static enum status new_id(struct store_txn *txn, const struct record_def *def, void *rec)
{
	struct record_head *head = rec;

	switch (def->ids) {
	case IDS_SEQUENCE:
		return store_seq_next(txn, def->table, &head->id);
	case IDS_COMPUTED:
		head->id = def->make_id(rec);
		break;
	case IDS_CALLER:
		break;
	}
	return head->id ? STATUS_OK : STATUS_ERR_INVALID;
}

enum status store_insert(struct store_txn *txn, const struct record_def *def, void *rec)
{
	struct store_table *table = store_table_of(txn->store, def);
	struct record_head *head = rec;
	enum status st;

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	if ((st = new_id(txn, def, rec)) != STATUS_OK)
		return st;
	head->version = 1;
	st = store_put_raw(txn, table, rec, NULL, DB_NOOVERWRITE);
	if (st == STATUS_ERR_EXISTS && def->ids == IDS_SEQUENCE)
		st = STATUS_ERR_CORRUPT; /* a sequence behind its table */
	if (st == STATUS_OK)
		st = run_hook(txn, def, NULL, rec);
	if (st == STATUS_OK)
		st = audit_write(txn, "create", def, head->id, NULL, NULL);
	return st;
}

/* Reads the stored record for writing (DB_RMW) into a new buffer (the
 * caller frees it) and checks the version the caller edited against it. */
static enum status read_for_write(struct store_txn *txn, struct store_table *table, uint64_t id,
                                  uint32_t version, void **out)
{
	enum status st = read_stored(txn, table, id, out);

	if (st == STATUS_OK && !*out)
		return STATUS_ERR_NOT_FOUND;
	if (st == STATUS_OK && ((struct record_head *)*out)->version != version) {
		free(*out);
		*out = NULL;
		st = STATUS_ERR_CONFLICT;
	}
	return st;
}

enum status store_update(struct store_txn *txn, const struct record_def *def, void *rec)
{
	struct store_table *table = store_table_of(txn->store, def);
	struct record_head *head = rec;
	void *old;
	enum status st;

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	if ((st = read_for_write(txn, table, head->id, head->version, &old)) != STATUS_OK)
		return st;
	head->version++;
	st = store_put_raw(txn, table, rec, old, 0);
	if (st == STATUS_OK)
		st = run_hook(txn, def, old, rec);
	if (st == STATUS_OK)
		st = audit_write(txn, "update", def, head->id, old, rec);
	if (st != STATUS_OK)
		head->version--;
	free(old);
	return st;
}

enum status store_delete(struct store_txn *txn, const struct record_def *def, uint64_t id,
                         uint32_t version)
{
	struct store_table *table = store_table_of(txn->store, def);
	void *old;
	enum status st;

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	if ((st = read_for_write(txn, table, id, version, &old)) != STATUS_OK)
		return st;
	st = delete_raw(txn, table, id, old);
	if (st == STATUS_OK)
		st = run_hook(txn, def, old, NULL);
	if (st == STATUS_OK)
		st = audit_write(txn, "delete", def, id, NULL, NULL);
	free(old);
	return st;
}

enum status store_count(struct store_txn *txn, const struct record_def *def, uint64_t *count)
{
	struct store_table *table = store_table_of(txn->store, def);
	DB_BTREE_STAT *sp;
	int ret;

	if (!table)
		return STATUS_ERR_INTERNAL;
	if ((ret = table->db->stat(table->db, txn->txn, &sp, 0)) != 0)
		return store_status(ret);
	*count = sp->bt_nkeys;
	free(sp);
	return STATUS_OK;
}

enum status store_audit(struct store_txn *txn, const char *action, const struct record_def *def,
                        uint64_t record, const char *detail)
{
	struct audit_entry entry = {.time = (int64_t)time(NULL), .record = record};
	struct store_table *log = store_table_of(txn->store, &audit_def);
	enum status st;

	if (txn->snapshot || !log)
		return STATUS_ERR_INTERNAL;
	st = store_seq_next(txn, audit_def.table, &entry.head.id);
	if (st != STATUS_OK)
		return st;
	entry.head.version = 1;
	text_copy(entry.login, sizeof(entry.login), txn->login[0] ? txn->login : "-");
	text_copy(entry.action, sizeof(entry.action), action);
	text_copy(entry.table, sizeof(entry.table), def ? def->table : "");
	text_copy(entry.detail, sizeof(entry.detail), detail ? detail : "");
	return store_put_raw(txn, log, &entry, NULL, DB_NOOVERWRITE);
}

enum status store_put_plain(struct store_txn *txn, const struct record_def *def, const void *rec)
{
	struct store_table *table = store_table_of(txn->store, def);

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	return store_put_raw(txn, table, rec, NULL, 0);
}

enum status store_delete_plain(struct store_txn *txn, const struct record_def *def, uint64_t id)
{
	struct store_table *table = store_table_of(txn->store, def);

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	return delete_raw(txn, table, id, NULL);
}
