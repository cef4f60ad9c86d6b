/* Tables, secondary indexes, sequences and the record functions.
 *
 * A table is a btree keyed by the record id in big-endian (so cursor order
 * is id order) holding the record's encoding (record.h). A secondary index
 * is a btree with sorted duplicates, kept by Berkeley DB itself through
 * associate(): its key comes from the record, its data is the primary key.
 * Sequences are counters in seq.db, read and advanced inside the caller's
 * transaction, so an id is never handed out twice and never lost by a
 * commit that did happen.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/audit.h"
#include "model/draft.h"
#include "model/offer.h"
#include "model/request.h"
#include "model/text.h"
#include "private.h"

const struct table_desc store_tables[STORE_TABLE_COUNT] = {
        [STORE_OFFERS] = {"offers", &offer_def, .audited = true, .sequenced = true},
        [STORE_AUDIT] = {"audit", &audit_def, .sequenced = true},
        [STORE_REQUESTS] = {"requests", &applied_request_def},
        [STORE_DRAFTS] = {"drafts", &draft_def, .sequenced = true},
        [STORE_OFFER_COUNTS] = {"offer_counts", &offer_count_def, .audited = true},
};

static int key_offer_name(const void *rec, char *buf, size_t size)
{
	const struct offer *offer = rec;

	return (int)text_fold(offer->name, buf, size);
}

static int key_offer_district(const void *rec, char *buf, size_t size)
{
	const struct offer *offer = rec;

	return snprintf(buf, size, "%s", offer->district);
}

/* A login never holds '/', so "LOGIN/" is a prefix of that login's keys
 * only. */
static int key_draft_login(const void *rec, char *buf, size_t size)
{
	const struct draft *draft = rec;

	return snprintf(buf, size, "%s/", draft->login);
}

const struct index_desc store_indexes[STORE_INDEX_COUNT] = {
        [STORE_OFFERS_BY_NAME] = {STORE_OFFERS, "offers_name", key_offer_name, true},
        [STORE_OFFERS_BY_DISTRICT] = {STORE_OFFERS, "offers_district", key_offer_district, false},
        [STORE_DRAFTS_BY_LOGIN] = {STORE_DRAFTS, "drafts_login", key_draft_login, false},
};

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

/* The record being put by this thread and its encoding: the index
 * callback for the new version of a record then reads the struct instead
 * of decoding the bytes again (it still decodes the old version it is
 * told to unindex, whose bytes come from Berkeley DB). */
static __thread const void *put_rec, *put_data;

/* The index key of record DATA into BUF; -1 when it has none, -2 when the
 * record cannot be read. */
static int index_key(enum store_index index, const DBT *data, char *buf, size_t size)
{
	const struct record_def *def = store_tables[store_indexes[index].table].def;
	void *rec;
	int len;

	if (put_rec && data->data == put_data)
		return store_indexes[index].key(put_rec, buf, size);
	if (!(rec = malloc(def->size)))
		return -2;
	len = record_decode(def, data->data, data->size, rec) == STATUS_OK
	              ? store_indexes[index].key(rec, buf, size)
	              : -2;
	free(rec);
	return len;
}

/* Berkeley DB calls this for every put into an indexed table. */
static int index_callback(DB *secondary, const DBT *key, const DBT *data, DBT *result)
{
	enum store_index index = (enum store_index)(intptr_t)secondary->app_private;
	char buf[512];
	int len = index_key(index, data, buf, sizeof(buf));

	(void)key;
	if (len == -2)
		return EINVAL;
	if (len < 0)
		return DB_DONOTINDEX;
	if ((size_t)len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memset(result, 0, sizeof(*result));
	result->data = malloc(len ? (size_t)len : 1);
	if (!result->data)
		return ENOMEM;
	memcpy(result->data, buf, (size_t)len);
	result->size = (u_int32_t)len;
	result->flags = DB_DBT_APPMALLOC; /* Berkeley DB frees it */
	return 0;
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

int store_tables_open(struct store *store, DB_TXN *txn, bool create)
{
	int ret;

	if ((ret = open_db(store, txn, &store->meta, "meta.db", false, create)) != 0 ||
	    (ret = open_db(store, txn, &store->seqdb, "seq.db", false, create)) != 0)
		return ret;
	for (int t = 0; t < STORE_TABLE_COUNT; t++) {
		char file[64];

		snprintf(file, sizeof(file), "%s.db", store_tables[t].file);
		/* Always DB_CREATE: a table added since the directory was made. */
		if ((ret = open_db(store, txn, &store->tables[t], file, false, true)) != 0)
			return ret;
	}
	for (int i = 0; i < STORE_INDEX_COUNT; i++) {
		char file[64];
		DB *primary = store->tables[store_indexes[i].table];

		snprintf(file, sizeof(file), "%s.idx", store_indexes[i].file);
		/* Always DB_CREATE: an index added since the directory was made
		 * is then built from its table by associate(). */
		if ((ret = open_db(store, txn, &store->indexes[i], file, true, true)) != 0)
			return ret;
		store->indexes[i]->app_private = (void *)(intptr_t)i;
		ret = primary->associate(primary, txn, store->indexes[i], index_callback,
		                         (txn ? 0 : DB_AUTO_COMMIT) | DB_CREATE);
		if (ret != 0)
			return ret;
	}
	return 0;
}

void store_tables_close(struct store *store)
{
	/* Secondaries first: a primary must not outlive its association. */
	for (int i = 0; i < STORE_INDEX_COUNT; i++)
		if (store->indexes[i]) {
			store->indexes[i]->close(store->indexes[i], 0);
			store->indexes[i] = NULL;
		}
	for (int t = 0; t < STORE_TABLE_COUNT; t++)
		if (store->tables[t]) {
			store->tables[t]->close(store->tables[t], 0);
			store->tables[t] = NULL;
		}
	if (store->seqdb)
		store->seqdb->close(store->seqdb, 0);
	if (store->meta)
		store->meta->close(store->meta, 0);
	store->seqdb = store->meta = NULL;
}

enum status store_seq_next(struct store_txn *txn, const char *name, uint64_t *value)
{
	DB *db = txn->store->seqdb;
	DBT key = {.data = (void *)name, .size = (u_int32_t)strlen(name)};
	unsigned char buf[8];
	DBT data = {.data = buf, .ulen = sizeof(buf), .flags = DB_DBT_USERMEM};
	uint64_t next = 1;
	int ret;

	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	ret = db->get(db, txn->txn, &key, &data, DB_RMW);
	if (ret == 0 && data.size == 8)
		next = store_key_decode(buf);
	else if (ret == 0)
		return STATUS_ERR_CORRUPT;
	else if (ret != DB_NOTFOUND)
		return store_status(ret);
	*value = next;
	store_key_encode(next + 1, buf);
	data.size = 8;
	return store_status(db->put(db, txn->txn, &key, &data, 0));
}

/* Reads the stored bytes of a record; the caller frees DATA->data (it was
 * allocated by Berkeley DB with malloc). */
static int get_raw(struct store_txn *txn, DB *db, uint64_t id, DBT *data, u_int32_t flags)
{
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};

	store_key_encode(id, kbuf);
	memset(data, 0, sizeof(*data));
	data->flags = DB_DBT_MALLOC;
	return db->get(db, txn->txn, &key, data, flags);
}

enum status store_get(struct store_txn *txn, enum store_table table, uint64_t id, void *rec)
{
	DBT data;
	int ret = get_raw(txn, txn->store->tables[table], id, &data, 0);
	enum status st;

	if (ret != 0)
		return store_status(ret);
	st = record_decode(store_tables[table].def, data.data, data.size, rec);
	free(data.data);
	return st;
}

enum status store_put_raw(struct store_txn *txn, enum store_table table, const void *rec,
                          u_int32_t flags)
{
	const struct record_head *head = rec;
	struct codec_buf buf;
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};
	DBT data = {0};
	enum status st;
	DB *db = txn->store->tables[table];

	codec_buf_init(&buf);
	st = record_encode(store_tables[table].def, rec, &buf);
	if (st == STATUS_OK) {
		store_key_encode(head->id, kbuf);
		data.data = buf.data;
		data.size = (u_int32_t)buf.len;
		put_rec = rec;
		put_data = buf.data;
		st = store_status(db->put(db, txn->txn, &key, &data, flags));
		put_rec = put_data = NULL;
	}
	codec_buf_free(&buf);
	return st;
}

enum status store_insert(struct store_txn *txn, enum store_table table, void *rec)
{
	struct record_head *head = rec;
	enum status st;

	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	if (store_tables[table].sequenced)
		st = store_seq_next(txn, store_tables[table].file, &head->id);
	else
		st = head->id ? STATUS_OK : STATUS_ERR_INVALID;
	if (st != STATUS_OK)
		return st;
	head->version = 1;
	st = store_put_raw(txn, table, rec, DB_NOOVERWRITE);
	if (st == STATUS_ERR_EXISTS && store_tables[table].sequenced)
		st = STATUS_ERR_CORRUPT; /* a sequence behind its table */
	if (st == STATUS_OK)
		st = store_audit(txn, "create", table, head->id, "");
	return st;
}

/* Locks the stored record for writing and checks the version the caller
 * edited against it. */
static enum status check_version(struct store_txn *txn, enum store_table table, uint64_t id,
                                 uint32_t version)
{
	const struct record_def *def = store_tables[table].def;
	struct record_head *stored = malloc(def->size);
	enum status st;
	DBT data;
	int ret;

	if (!stored)
		return STATUS_ERR_NOMEM;
	ret = get_raw(txn, txn->store->tables[table], id, &data, DB_RMW);
	if (ret != 0) {
		free(stored);
		return store_status(ret);
	}
	st = record_decode(def, data.data, data.size, stored);
	free(data.data);
	if (st == STATUS_OK && stored->version != version)
		st = STATUS_ERR_CONFLICT;
	free(stored);
	return st;
}

enum status store_update(struct store_txn *txn, enum store_table table, void *rec)
{
	struct record_head *head = rec;
	enum status st;

	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	st = check_version(txn, table, head->id, head->version);
	if (st != STATUS_OK)
		return st;
	head->version++;
	st = store_put_raw(txn, table, rec, 0);
	if (st == STATUS_OK)
		st = store_audit(txn, "update", table, head->id, "");
	if (st != STATUS_OK)
		head->version--;
	return st;
}

enum status store_delete(struct store_txn *txn, enum store_table table, uint64_t id,
                         uint32_t version)
{
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};
	DB *db = txn->store->tables[table];
	enum status st;

	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	st = check_version(txn, table, id, version);
	if (st != STATUS_OK)
		return st;
	store_key_encode(id, kbuf);
	st = store_status(db->del(db, txn->txn, &key, 0));
	if (st == STATUS_OK)
		st = store_audit(txn, "delete", table, id, "");
	return st;
}

/* Decodes one stored record and hands it to VISIT; returns nonzero to stop
 * (VISIT said so, or the record could not be read: *ST says which). */
static int visit_record(const struct record_def *def, const DBT *data, void *rec,
                        store_visit_fn visit, void *ctx, enum status *st)
{
	*st = record_decode(def, data->data, data->size, rec);
	if (*st != STATUS_OK)
		return 1;
	return visit(ctx, rec);
}

enum status store_scan(struct store_txn *txn, enum store_table table, uint64_t first_id,
                       store_visit_fn visit, void *ctx)
{
	const struct record_def *def = store_tables[table].def;
	DB *db = txn->store->tables[table];
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8, .ulen = 8, .flags = DB_DBT_USERMEM};
	DBT data = {.flags = DB_DBT_REALLOC};
	enum status st = STATUS_OK;
	void *rec = malloc(def->size);
	DBC *cursor = NULL;
	int ret;

	if (!rec)
		return STATUS_ERR_NOMEM;
	store_key_encode(first_id, kbuf);
	ret = db->cursor(db, txn->txn, &cursor, 0);
	if (ret == 0)
		ret = cursor->get(cursor, &key, &data, DB_SET_RANGE);
	while (ret == 0 && !visit_record(def, &data, rec, visit, ctx, &st))
		ret = cursor->get(cursor, &key, &data, DB_NEXT);
	if (cursor)
		cursor->close(cursor);
	free(data.data);
	free(rec);
	if (st != STATUS_OK)
		return st;
	return ret == 0 || ret == DB_NOTFOUND ? STATUS_OK : store_status(ret);
}

static bool has_prefix(const DBT *key, const char *prefix, size_t len)
{
	return key->size >= len && memcmp(key->data, prefix, len) == 0;
}

enum status store_index_scan(struct store_txn *txn, enum store_index index, const char *prefix,
                             store_visit_fn visit, void *ctx)
{
	const struct record_def *def = store_tables[store_indexes[index].table].def;
	DB *db = txn->store->indexes[index];
	char folded[512];
	size_t len = store_indexes[index].folded
	                     ? text_fold(prefix, folded, sizeof(folded))
	                     : (size_t)snprintf(folded, sizeof(folded), "%s", prefix);
	DBT key = {.flags = DB_DBT_REALLOC}, pkey = {.flags = DB_DBT_REALLOC};
	DBT data = {.flags = DB_DBT_REALLOC};
	enum status st = STATUS_OK;
	void *rec = malloc(def->size);
	DBC *cursor = NULL;
	int ret;

	if (!rec || !(key.data = malloc(len + 1))) {
		free(rec);
		return STATUS_ERR_NOMEM;
	}
	memcpy(key.data, folded, len);
	key.size = (u_int32_t)len;
	ret = db->cursor(db, txn->txn, &cursor, 0);
	if (ret == 0)
		ret = cursor->pget(cursor, &key, &pkey, &data, DB_SET_RANGE);
	while (ret == 0 && has_prefix(&key, folded, len) &&
	       !visit_record(def, &data, rec, visit, ctx, &st))
		ret = cursor->pget(cursor, &key, &pkey, &data, DB_NEXT);
	if (cursor)
		cursor->close(cursor);
	free(key.data);
	free(pkey.data);
	free(data.data);
	free(rec);
	if (st != STATUS_OK)
		return st;
	return ret == 0 || ret == DB_NOTFOUND ? STATUS_OK : store_status(ret);
}

enum status store_count(struct store_txn *txn, enum store_table table, uint64_t *count)
{
	DB *db = txn->store->tables[table];
	DB_BTREE_STAT *sp;
	int ret = db->stat(db, txn->txn, &sp, 0);

	if (ret != 0)
		return store_status(ret);
	*count = sp->bt_nkeys;
	free(sp);
	return STATUS_OK;
}

enum status store_audit(struct store_txn *txn, const char *action, enum store_table table,
                        uint64_t record, const char *detail)
{
	struct audit_entry entry = {.time = (int64_t)time(NULL), .record = record};
	enum status st;

	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	st = store_seq_next(txn, store_tables[STORE_AUDIT].file, &entry.head.id);
	if (st != STATUS_OK)
		return st;
	entry.head.version = 1;
	text_copy(entry.login, sizeof(entry.login), txn->login[0] ? txn->login : "-");
	text_copy(entry.action, sizeof(entry.action), action);
	text_copy(entry.table, sizeof(entry.table), store_tables[table].file);
	text_copy(entry.detail, sizeof(entry.detail), detail ? detail : "");
	return store_put_raw(txn, STORE_AUDIT, &entry, DB_NOOVERWRITE);
}

enum status store_put_plain(struct store_txn *txn, enum store_table table, const void *rec)
{
	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	return store_put_raw(txn, table, rec, 0);
}

enum status store_delete_plain(struct store_txn *txn, enum store_table table, uint64_t id)
{
	unsigned char kbuf[8];
	DBT key = {.data = kbuf, .size = 8};
	DB *db = txn->store->tables[table];

	if (txn->snapshot)
		return STATUS_ERR_INTERNAL;
	store_key_encode(id, kbuf);
	return store_status(db->del(db, txn->txn, &key, 0));
}

const char *store_table_name(enum store_table table)
{
	return store_tables[table].file;
}
