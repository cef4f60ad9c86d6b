/* Walks over a table or one of its indexes: the record scans, and keyset
 * paging. A page ends at a position (index key and record id) and the next
 * one starts right after it by a cursor search, never by skipping what
 * came before, so page 1,000 costs what page 1 costs at any size.
 *
 * An index's entries are ordered by key, then by record id (sorted
 * duplicates). The cursor is placed at a position with DB_GET_BOTH_RANGE
 * (that key, the first id at or after the one given) and, when that key
 * has no such entry any more, at the next key after it (the key followed
 * by a 0 byte is the smallest key above it).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

struct walk {
	struct store_txn *txn;
	const struct record_def *def;
	struct store_table *table;
	struct store_index *index; /* NULL: the table in id order */
	const struct store_range *range;
	DBC *cursor;
	DBT key, pkey, data;
	void *rec;
	enum status st;
};

static bool in_prefix(const struct walk *w)
{
	const struct store_range *r = w->range;

	return w->key.size >= r->prefix_len &&
	       (r->prefix_len == 0 || memcmp(w->key.data, r->prefix, r->prefix_len) == 0);
}

/* Sets a DBT (DB_DBT_REALLOC) to LEN bytes of DATA. */
static int set_dbt(DBT *dbt, const void *data, size_t len)
{
	void *p = realloc(dbt->data, len ? len : 1);

	if (!p)
		return ENOMEM;
	memcpy(p, data, len);
	dbt->data = p;
	dbt->size = (u_int32_t)len;
	return 0;
}

static int cursor_get(struct walk *w, u_int32_t flags)
{
	int ret;

	if (!w->index)
		return w->cursor->get(w->cursor, &w->key, &w->data, flags);
	/* an index entry, then the record it names */
	ret = w->cursor->get(w->cursor, &w->key, &w->pkey, flags);
	if (ret == 0)
		ret = store_get_entry(w->txn, w->table, &w->pkey, &w->data);
	return ret;
}

/* Places the cursor at the first entry at or after KEY (+ ID): returns 0
 * with the cursor there, DB_NOTFOUND when there is none. */
static int seek(struct walk *w, const uint8_t *key, size_t len, uint64_t id, bool exact_key)
{
	unsigned char idbuf[8];
	uint8_t next[INDEX_KEY_MAX + 1];
	int ret;

	store_key_encode(id, idbuf);
	if (!w->index)
		return set_dbt(&w->key, idbuf, 8) ? ENOMEM : cursor_get(w, DB_SET_RANGE);
	if (!exact_key)
		return set_dbt(&w->key, key, len) ? ENOMEM : cursor_get(w, DB_SET_RANGE);
	if (set_dbt(&w->key, key, len) || set_dbt(&w->pkey, idbuf, 8))
		return ENOMEM;
	ret = cursor_get(w, DB_GET_BOTH_RANGE);
	if (ret != DB_NOTFOUND || len > INDEX_KEY_MAX)
		return ret;
	memcpy(next, key, len);
	next[len] = 0;
	return set_dbt(&w->key, next, len + 1) ? ENOMEM : cursor_get(w, DB_SET_RANGE);
}

static uint64_t entry_id(const struct walk *w)
{
	const DBT *k = w->index ? &w->pkey : &w->key;

	return k->size == 8 ? store_key_decode(k->data) : 0;
}

static bool at_position(const struct walk *w, const struct store_pos *pos)
{
	if (entry_id(w) != pos->id)
		return false;
	return !w->index ||
	       (w->key.size == pos->key_len && memcmp(w->key.data, pos->key, pos->key_len) == 0);
}

/* The smallest key above every key that starts with the prefix, for a
 * backward walk's start; false when there is none (all 0xff). */
static bool after_prefix(const struct store_range *r, uint8_t *buf, size_t *len)
{
	size_t n = r->prefix_len;

	memcpy(buf, r->prefix, n);
	while (n > 0 && buf[n - 1] == 0xff)
		n--;
	if (n == 0)
		return false;
	buf[n - 1]++;
	*len = n;
	return true;
}

static int first_forward(struct walk *w)
{
	const struct store_range *r = w->range;
	int ret;

	if (r->after) {
		ret = seek(w, r->after->key, r->after->key_len, r->after->id, true);
		if (ret == 0 && at_position(w, r->after))
			ret = cursor_get(w, DB_NEXT);
		return ret;
	}
	if (!w->index)
		return seek(w, NULL, 0, 0, false);
	if (r->start)
		return seek(w, r->start, r->start_len, 0, false);
	return r->prefix_len ? seek(w, r->prefix, r->prefix_len, 0, false)
	                     : cursor_get(w, DB_FIRST);
}

static int first_backward(struct walk *w)
{
	const struct store_range *r = w->range;
	uint8_t end[INDEX_KEY_MAX];
	size_t len;
	int ret;

	if (r->after)
		ret = seek(w, r->after->key, r->after->key_len, r->after->id, true);
	else if (w->index && r->prefix_len && after_prefix(r, end, &len))
		ret = seek(w, end, len, 0, false);
	else
		ret = DB_NOTFOUND;
	if (ret == 0)
		return cursor_get(w, DB_PREV);
	return ret == DB_NOTFOUND ? cursor_get(w, DB_LAST) : ret;
}

/* For a word index: true when the entry is the record's first key with
 * the prefix, so that a record whose words share a beginning ("vaeter",
 * "vater") is visited once. */
static bool first_word(const struct walk *w)
{
	uint8_t(*keys)[INDEX_KEY_MAX];
	size_t lens[STORE_KEYS_MAX], n;
	const uint8_t *best = NULL;
	size_t best_len = 0;
	bool first;

	if (w->index->index->kind != INDEX_WORDS)
		return true;
	if (!(keys = malloc(STORE_KEYS_MAX * INDEX_KEY_MAX)))
		return true;
	n = store_index_keys(w->index, w->rec, keys, lens, STORE_KEYS_MAX);
	for (size_t i = 0; i < n; i++) {
		int c;

		if (lens[i] < w->range->prefix_len ||
		    memcmp(keys[i], w->range->prefix, w->range->prefix_len) != 0)
			continue;
		c = best ? memcmp(keys[i], best, lens[i] < best_len ? lens[i] : best_len) : -1;
		if (!best || c < 0 || (c == 0 && lens[i] < best_len)) {
			best = keys[i];
			best_len = lens[i];
		}
	}
	first = !best || (best_len == w->key.size && memcmp(best, w->key.data, best_len) == 0);
	free(keys);
	return first;
}

/* Decodes the entry under the cursor and hands it to VISIT; returns
 * nonzero to stop (VISIT said so, or the record could not be read). */
static int visit_entry(struct walk *w, store_walk_fn visit, void *ctx)
{
	struct store_pos pos = {.id = entry_id(w)};

	w->st = record_decode(w->def, w->data.data, w->data.size, w->rec);
	if (w->st != STATUS_OK)
		return 1;
	if (w->index) {
		if (!first_word(w))
			return 0;
		pos.key_len = w->key.size <= INDEX_KEY_MAX ? w->key.size : INDEX_KEY_MAX;
		memcpy(pos.key, w->key.data, pos.key_len);
	}
	return visit(ctx, w->rec, &pos);
}

enum status store_walk(struct store_txn *txn, const struct record_def *def,
                       const struct store_range *range, store_walk_fn visit, void *ctx)
{
	struct store_table *table = store_table_of(txn->store, def);
	struct walk w = {.txn = txn, .def = def, .table = table, .range = range};
	DB *db;
	int ret;

	if (!table)
		return STATUS_ERR_INTERNAL;
	if (range->index && !(w.index = store_index_of(txn->store, def, range->index)))
		return STATUS_ERR_NOT_FOUND;
	if (range->prefix_len > INDEX_KEY_MAX ||
	    (range->after && range->after->key_len > INDEX_KEY_MAX))
		return STATUS_ERR_INVALID;
	w.key.flags = w.pkey.flags = w.data.flags = DB_DBT_REALLOC;
	if (!(w.rec = malloc(def->size)))
		return STATUS_ERR_NOMEM;
	db = w.index ? w.index->db : table->db;
	ret = db->cursor(db, txn->txn, &w.cursor, 0);
	if (ret == 0)
		ret = range->backward ? first_backward(&w) : first_forward(&w);
	while (ret == 0 && (!w.index || in_prefix(&w)) && !visit_entry(&w, visit, ctx))
		ret = cursor_get(&w, range->backward ? DB_PREV : DB_NEXT);
	if (w.cursor)
		w.cursor->close(w.cursor);
	free(w.key.data);
	free(w.pkey.data);
	free(w.data.data);
	free(w.rec);
	if (w.st != STATUS_OK)
		return w.st;
	return ret == 0 || ret == DB_NOTFOUND ? STATUS_OK : store_status(ret);
}

struct scan {
	store_visit_fn visit;
	void *ctx;
};

static int scan_visit(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct scan *scan = ctx;

	(void)pos;
	return scan->visit(scan->ctx, rec);
}

enum status store_scan(struct store_txn *txn, const struct record_def *def, uint64_t first_id,
                       store_visit_fn visit, void *ctx)
{
	struct store_pos from = {.id = first_id ? first_id - 1 : 0};
	struct store_range range = {.after = first_id ? &from : NULL};
	struct scan scan = {visit, ctx};

	return store_walk(txn, def, &range, scan_visit, &scan);
}
