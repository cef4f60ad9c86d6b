/* Tables, secondary indexes, sequences and the record functions.
 *
 * Every record type of the registry has a table: a btree keyed by the
 * record id in big-endian (so cursor order is id order) holding the
 * record's encoding (record.h). Every index the type declares is a btree
 * with sorted duplicates, kept by Berkeley DB itself through associate():
 * its keys come from the record (several for a word index), its data is
 * the primary key, so the entries of one key lie in id order. Sequences
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

/* The record being put by this thread and its encoding: the index
 * callback for the new version of a record then reads the struct instead
 * of decoding the bytes again (it still decodes the old version it is
 * told to unindex, whose bytes come from Berkeley DB). */
static __thread const void *put_rec, *put_data;

/* Fills RESULT with the keys (one DBT, or an array of them for several,
 * every buffer ours to Berkeley DB: DB_DBT_APPMALLOC). */
static int result_keys(DBT *result, uint8_t keys[][INDEX_KEY_MAX], const size_t lens[], size_t n)
{
	DBT *many = n > 1 ? calloc(n, sizeof(*many)) : result;

	if (!many)
		return ENOMEM;
	for (size_t i = 0; i < n; i++) {
		many[i].data = malloc(lens[i] ? lens[i] : 1);
		if (!many[i].data) {
			while (i-- > 0 && many != result)
				free(many[i].data);
			if (many != result)
				free(many);
			return ENOMEM;
		}
		memcpy(many[i].data, keys[i], lens[i]);
		many[i].size = (u_int32_t)lens[i];
		many[i].flags = DB_DBT_APPMALLOC;
	}
	if (n > 1) {
		memset(result, 0, sizeof(*result));
		result->data = many;
		result->size = (u_int32_t)n;
		result->flags = DB_DBT_MULTIPLE | DB_DBT_APPMALLOC;
	}
	return 0;
}

/* Berkeley DB calls this for every put into an indexed table. */
static int index_callback(DB *secondary, const DBT *key, const DBT *data, DBT *result)
{
	const struct store_index *index = secondary->app_private;
	uint8_t(*keys)[INDEX_KEY_MAX] = malloc(STORE_KEYS_MAX * INDEX_KEY_MAX);
	size_t lens[STORE_KEYS_MAX], n = 0;
	void *rec = NULL;
	int ret = 0;

	(void)key;
	if (!keys)
		return ENOMEM;
	if (put_rec && data->data == put_data) {
		n = store_index_keys(index, put_rec, keys, lens, STORE_KEYS_MAX);
	} else if (!(rec = malloc(index->def->size))) {
		ret = ENOMEM;
	} else if (record_decode(index->def, data->data, data->size, rec) != STATUS_OK) {
		ret = EINVAL;
	} else {
		n = store_index_keys(index, rec, keys, lens, STORE_KEYS_MAX);
	}
	if (ret == 0)
		ret = n ? result_keys(result, keys, lens, n) : DB_DONOTINDEX;
	free(rec);
	free(keys);
	return ret;
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

static int open_index(struct store *store, DB_TXN *txn, struct store_index *index, DB *primary)
{
	/* Always DB_CREATE: an index added since the directory was made is
	 * then built from its table by associate(). */
	int ret = open_db(store, txn, &index->db, index->file, true, true);

	if (ret != 0)
		return ret;
	index->db->app_private = index;
	return primary->associate(primary, txn, index->db, index_callback,
	                          (txn ? 0 : DB_AUTO_COMMIT) | DB_CREATE);
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
		    (ret = declare_indexes(store, table)) != 0)
			return ret;
		for (size_t i = 0; i < table->nindexes; i++)
			if ((ret = open_index(store, txn, &store->indexes[table->first_index + i],
			                      table->db)) != 0)
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
	struct record_head *head = rec;

	head->version++;
	return store_put_plain(txn, def, rec);
}

enum status store_put_raw(struct store_txn *txn, struct store_table *table, const void *rec,
                          u_int32_t flags)
{
	const struct record_head *head = rec;
	struct codec_buf buf;
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};
	DBT data = {0};
	enum status st;

	codec_buf_init(&buf);
	st = record_encode(table->def, rec, &buf);
	if (st == STATUS_OK) {
		store_key_encode(head->id, kbuf);
		data.data = buf.data;
		data.size = (u_int32_t)buf.len;
		put_rec = rec;
		put_data = buf.data;
		st = store_status(table->db->put(table->db, txn->txn, &key, &data, flags));
		put_rec = put_data = NULL;
	}
	codec_buf_free(&buf);
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
	st = store_put_raw(txn, table, rec, DB_NOOVERWRITE);
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
	struct record_head *stored = malloc(table->def->size);
	enum status st;
	DBT data;
	int ret;

	*out = NULL;
	if (!stored)
		return STATUS_ERR_NOMEM;
	ret = store_get_raw(txn, table->db, id, &data, DB_RMW);
	if (ret != 0) {
		free(stored);
		return store_status(ret);
	}
	st = record_decode(table->def, data.data, data.size, stored);
	free(data.data);
	if (st == STATUS_OK && stored->version != version)
		st = STATUS_ERR_CONFLICT;
	if (st != STATUS_OK)
		free(stored);
	else
		*out = stored;
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
	st = store_put_raw(txn, table, rec, 0);
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
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};
	void *old;
	enum status st;

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	if ((st = read_for_write(txn, table, id, version, &old)) != STATUS_OK)
		return st;
	store_key_encode(id, kbuf);
	st = store_status(table->db->del(table->db, txn->txn, &key, 0));
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
	return store_put_raw(txn, log, &entry, DB_NOOVERWRITE);
}

enum status store_put_plain(struct store_txn *txn, const struct record_def *def, const void *rec)
{
	struct store_table *table = store_table_of(txn->store, def);

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	return store_put_raw(txn, table, rec, 0);
}

enum status store_delete_plain(struct store_txn *txn, const struct record_def *def, uint64_t id)
{
	struct store_table *table = store_table_of(txn->store, def);
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};

	if (txn->snapshot || !table)
		return STATUS_ERR_INTERNAL;
	store_key_encode(id, kbuf);
	return store_status(table->db->del(table->db, txn->txn, &key, 0));
}
