/* The record service: list, get and save for every record type of the
 * registry (model/registry.h), and the one write path that the domain
 * operations (deactivating an offer; later approving, transferring,
 * booking) share with the plain save.
 *
 * Rights and redaction are the model's (model/rights.h): a record the
 * caller may not list is left out of a page, one the caller may not read
 * does not exist for them, and every record sent is redacted for the
 * caller's role. A record type with a parent takes its rights from the
 * parent. Pages continue from the position where the previous one ended
 * (WF_AFTER), so a page costs the same wherever it starts; a page also
 * ends after LIST_SCAN_MAX entries that were read, so a list of which the
 * caller sees little stays an interactive request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "model/registry.h"
#include "model/request.h"
#include "model/text.h"
#include "server.h"

#define LIST_SCAN_MAX 2000
/* A count (WF_COUNT) reads at most this many records: a caseworker's open
 * cases, a team's unassigned ones, never a whole table by accident. */
#define COUNT_SCAN_MAX 20000

#define FILTERS_MAX 4

const struct record_def *records_type(const struct wire_msg *req)
{
	char table[CONFIG_ID_SIZE];

	if (wire_get_str(req, WF_TABLE, table, sizeof(table)) != STATUS_OK)
		return NULL;
	return record_type_find(table);
}

static size_t scope_size(const struct record_def *def)
{
	return record_scoped_by_parent(def) ? def->parent->size : def->size;
}

/* Room for a record's parent and for the record that decides its rights. */
static size_t parent_size(const struct record_def *def)
{
	size_t n = scope_size(def);

	return def->parent && def->parent->size > n ? def->parent->size : n;
}

/* The record that decides the rights on REC: REC itself, or its parent,
 * read in TXN into PARENT (scope_size bytes). */
static enum status scope_of(struct store_txn *txn, const struct record_def *def, const void *rec,
                            void *parent, const void **scope)
{
	enum status st;

	*scope = rec;
	if (!record_scoped_by_parent(def))
		return STATUS_OK;
	st = store_get(txn, def->parent, record_id_field(def, rec, def->parent_field), parent);
	if (st == STATUS_OK)
		*scope = parent;
	return st;
}

/* May WHO do VERB to REC (read in TXN)? STATUS_ERR_NOT_FOUND when the
 * caller may not even read it: what one may not see does not exist. */
static enum status check_right(struct server *server, const struct cfg_staff *who,
                               struct store_txn *txn, const struct record_def *def, const void *rec,
                               enum right_verb verb)
{
	void *parent = malloc(scope_size(def));
	const void *scope;
	enum status st = parent ? scope_of(txn, def, rec, parent, &scope) : STATUS_ERR_NOMEM;

	if (st == STATUS_OK && !rights_allow(server->config, who, def, verb, scope))
		st = verb != VERB_READ && rights_allow(server->config, who, def, VERB_READ, scope)
		             ? STATUS_ERR_DENIED
		             : STATUS_ERR_NOT_FOUND;
	free(parent);
	return st;
}

enum status records_read(struct server *server, const struct conn *conn, struct store_txn *txn,
                         const struct record_def *def, uint64_t id, enum right_verb verb, void *rec)
{
	enum status st = store_get(txn, def, id, rec);

	if (st == STATUS_OK)
		st = check_right(server, server_staff(server, conn), txn, def, rec, verb);
	return st;
}

/* Puts REC, redacted for WHO, into REPLY. */
static void put_visible(struct codec_buf *reply, const struct cfg_staff *who,
                        const struct record_def *def, const void *rec)
{
	void *copy = malloc(def->size);

	if (!copy) {
		reply->failed = true;
		return;
	}
	memcpy(copy, rec, def->size);
	rights_redact(who, def, copy);
	server_put_record(reply, def, copy);
	free(copy);
}

/* --- lists --- */

struct filter {
	const struct field_def *field;
	char value[128];
};

struct list_page {
	struct server *server;
	const struct cfg_staff *who;
	const struct record_def *def;
	struct store_txn *txn;
	bool parent_checked; /* the children of one parent: its rights were checked */
	void *parent;
	struct filter filters[FILTERS_MAX];
	size_t nfilters;
	const char *words_field;
	char words[128];
	char index[CONFIG_ID_SIZE];
	bool count_only; /* counts what a page would list, without sending it */
	struct page_bound bound;
	struct codec_buf *reply;
};

static bool filter_matches(const struct filter *f, const struct record_def *def, const void *rec)
{
	char buf[256];
	int64_t n;

	switch (f->field->type) {
	case FIELD_TEXT:
	case FIELD_REF:
		return strcmp(record_text(def, rec, f->field->name), f->value) == 0;
	case FIELD_CHOICE: {
		int i = *(const int *)(const void *)((const char *)rec + f->field->offset);

		return i >= 0 && strcmp(f->field->choices[i], f->value) == 0;
	}
	default:
		record_field_number(f->field, rec, &n);
		snprintf(buf, sizeof(buf), "%lld", (long long)n);
		return strcmp(buf, f->value) == 0;
	}
}

static bool page_wants(struct list_page *page, const void *rec)
{
	const void *scope = rec;

	for (size_t i = 0; i < page->nfilters; i++)
		if (!filter_matches(&page->filters[i], page->def, rec))
			return false;
	if (page->words[0] &&
	    !text_match(record_text(page->def, rec, page->words_field), page->words))
		return false;
	if (page->parent_checked)
		return true;
	if (scope_of(page->txn, page->def, rec, page->parent, &scope) != STATUS_OK)
		return false; /* a child whose parent is gone: verify reports it */
	return rights_allow(page->server->config, page->who, page->def, VERB_LIST, scope);
}

bool records_page_next(struct page_bound *b, const struct codec_buf *reply,
                       const struct store_pos *pos)
{
	if (b->count == b->max || b->read == b->scan || reply->len > WIRE_MAX_MESSAGE / 2) {
		b->more = true;
		return false;
	}
	if (b->read++ == 0)
		b->first = *pos;
	b->last = *pos;
	return true;
}

/* A page that read nothing cannot go on from anywhere. Where it began is
 * given too, so that a client which let go of the rows above can walk
 * back from there (keyset both ways). */
void records_page_end(struct conn *conn, struct codec_buf *reply, const struct page_bound *b)
{
	if (b->read > 0)
		records_put_position(conn, reply, WF_FIRST, &b->first);
	if (b->more && b->read > 0)
		records_put_position(conn, reply, WF_AFTER, &b->last);
}

static int list_visit(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct list_page *page = ctx;

	if (!records_page_next(&page->bound, page->reply, pos))
		return 1;
	if (page_wants(page, rec)) {
		if (!page->count_only)
			put_visible(page->reply, page->who, page->def, rec);
		page->bound.count++;
	}
	return 0;
}

/* A position as it travels: the id big-endian, then the index key. */
/* A list position stays with the server: what the client gets is a token
 * for it, so that the key where a page ended (which may be one of a
 * record the caller may not see: a page ends after LIST_SCAN_MAX records
 * read) never leaves the server. A connection keeps its last
 * CONN_POSITIONS positions. */
static bool same_position(const struct store_pos *a, const struct store_pos *b)
{
	return a->id == b->id && a->key_len == b->key_len &&
	       memcmp(a->key, b->key, a->key_len) == 0;
}

void records_put_position(struct conn *conn, struct codec_buf *reply, int tag,
                          const struct store_pos *pos)
{
	uint64_t token = 0;
	uint8_t buf[8];

	/* The same place keeps its token: a page asked for again (a list
	 * reloaded) does not push the others out. */
	for (size_t i = 0; i < CONN_POSITIONS && !token; i++)
		if (conn->positions[i].token && same_position(&conn->positions[i].pos, pos))
			token = conn->positions[i].token;
	if (!token) {
		token = ++conn->next_position;
		conn->positions[token % CONN_POSITIONS] =
		        (struct conn_position){.token = token, .pos = *pos};
	}
	index_put_id(buf, sizeof(buf), token);
	codec_put_bytes(reply, tag, buf, sizeof(buf));
}

enum status records_get_position(const struct conn *conn, const struct wire_msg *req,
                                 struct store_pos *pos, bool *given)
{
	const struct conn_position *slot;
	uint8_t buf[8];
	uint64_t token = 0;
	size_t len;
	enum status st = wire_get_bytes(req, WF_AFTER, buf, sizeof(buf), &len);

	*given = st == STATUS_OK;
	if (st == STATUS_ERR_NOT_FOUND)
		return STATUS_OK;
	if (st != STATUS_OK || len != sizeof(buf))
		return STATUS_ERR_PROTOCOL;
	for (size_t i = 0; i < sizeof(buf); i++)
		token = token << 8 | buf[i];
	slot = &conn->positions[token % CONN_POSITIONS];
	if (token == 0 || slot->token != token)
		return STATUS_ERR_NOT_FOUND; /* an old page, or one of before a restart */
	*pos = slot->pos;
	return STATUS_OK;
}

static enum status add_filter(void *ctx, const struct codec_field *cf)
{
	struct list_page *page = ctx;
	struct filter *f = &page->filters[page->nfilters];
	char text[192], *eq;

	if (page->nfilters == FILTERS_MAX || codec_get_str(cf, text, sizeof(text)) != STATUS_OK ||
	    !(eq = strchr(text, '=')))
		return STATUS_ERR_PROTOCOL;
	*eq = '\0';
	if (!(f->field = record_field(page->def, text)) ||
	    (f->field->type == FIELD_CHOICE && !f->field->choices))
		return STATUS_ERR_INVALID;
	if (!rights_sees(page->who, f->field->privacy))
		return STATUS_ERR_DENIED; /* a filter would tell what a field holds */
	snprintf(f->value, sizeof(f->value), "%s", eq + 1);
	page->nfilters++;
	return STATUS_OK;
}

static const struct index_def *words_index(const struct record_def *def)
{
	for (size_t i = 0; i < def->nindexes; i++)
		if (def->indexes[i].kind == INDEX_WORDS)
			return &def->indexes[i];
	return NULL;
}

/* A search by an index's keys is a search by what they tell: allowed when
 * the caller sees that (an unknown index is the walk's to refuse). */
static bool index_visible(const struct list_page *page, const char *name)
{
	const struct field_def *field;

	for (size_t i = 0; i < page->def->nindexes; i++) {
		const struct index_def *x = &page->def->indexes[i];

		if (strcmp(x->name, name) != 0)
			continue;
		field = x->kind == INDEX_WORDS ? record_field(page->def, x->field) : NULL;
		return rights_sees(page->who, field ? field->privacy : x->privacy);
	}
	return true;
}

/* The children of one parent: the parent must be one the caller may list
 * them of; then every child is theirs to see. */
static enum status range_parent(struct list_page *page, struct conn *conn, uint64_t parent_id,
                                struct store_range *range, uint8_t *key)
{
	const struct record_def *def = page->def;
	enum status st;

	if (!def->parent)
		return STATUS_ERR_INVALID;
	st = store_get(page->txn, def->parent, parent_id, page->parent);
	if (st == STATUS_OK && record_scoped_by_parent(def) &&
	    !rights_allow(page->server->config, page->who, def, VERB_LIST, page->parent))
		st = STATUS_ERR_NOT_FOUND;
	(void)conn;
	/* a child that decides its own rights is checked one by one */
	page->parent_checked = st == STATUS_OK && record_scoped_by_parent(def);
	range->index = "parent";
	range->prefix = key;
	range->prefix_len = (size_t)index_put_id(key, 8, parent_id);
	return st;
}

/* Which walk the request asks for: the children of a parent, a word
 * search, a range of an index, or the whole table. */
static enum status list_range(struct list_page *page, struct conn *conn, const struct wire_msg *req,
                              struct store_range *range, uint8_t *key)
{
	const struct index_def *words = words_index(page->def);
	uint64_t parent;
	size_t len;
	enum status st;

	if ((st = wire_get_u64(req, WF_PARENT, &parent)) != STATUS_ERR_NOT_FOUND)
		return st == STATUS_OK ? range_parent(page, conn, parent, range, key) : st;
	st = wire_get_str(req, WF_WORDS, page->words, sizeof(page->words));
	if (st == STATUS_OK && page->words[0]) {
		if (!words)
			return STATUS_ERR_INVALID;
		if (!rights_sees(page->who, record_field(page->def, words->field)->privacy))
			return STATUS_ERR_DENIED;
		page->words_field = words->field;
		range->index = words->name;
		range->prefix = key;
		range->prefix_len = text_longest_word(page->words, (char *)key, INDEX_KEY_MAX);
		return STATUS_OK;
	}
	if (st == STATUS_ERR_PROTOCOL)
		return st;
	st = wire_get_str(req, WF_INDEX, page->index, sizeof(page->index));
	if (st == STATUS_ERR_NOT_FOUND)
		return STATUS_OK;
	if (st != STATUS_OK)
		return st;
	if ((st = wire_get_bytes(req, WF_KEY, key, INDEX_KEY_MAX, &len)) == STATUS_ERR_PROTOCOL)
		return st;
	if (!index_visible(page, page->index))
		return STATUS_ERR_DENIED;
	range->index = page->index;
	range->prefix = key;
	range->prefix_len = st == STATUS_OK ? len : 0;
	return STATUS_OK;
}

static enum status list_walk(struct list_page *page, struct conn *conn, const struct wire_msg *req)
{
	uint8_t key[INDEX_KEY_MAX];
	struct store_pos after;
	struct store_range range = {0};
	uint64_t backward = 0;
	bool given;
	enum status st = records_get_position(conn, req, &after, &given);

	if (st == STATUS_OK)
		st = wire_each(req, WF_FILTER, add_filter, page);
	if (st == STATUS_OK && wire_get_u64(req, WF_BACKWARD, &backward) == STATUS_ERR_PROTOCOL)
		st = STATUS_ERR_PROTOCOL;
	if (st == STATUS_OK)
		st = list_range(page, conn, req, &range, key);
	if (st != STATUS_OK)
		return st;
	range.after = given ? &after : NULL;
	range.backward = backward != 0;
	st = store_walk(page->txn, page->def, &range, list_visit, page);
	return st == STATUS_ERR_NOT_FOUND ? STATUS_ERR_INVALID : st; /* no such index */
}

enum status handle_record_list(struct server *server, struct conn *conn, const struct wire_msg *req,
                               struct codec_buf *reply)
{
	struct list_page page = {.server = server,
	                         .who = server_staff(server, conn),
	                         .bound = {.max = WIRE_PAGE_SIZE, .scan = LIST_SCAN_MAX},
	                         .reply = reply};
	uint64_t count = 0;
	enum status st;

	if (!(page.def = records_type(req)))
		return STATUS_ERR_NOT_FOUND;
	if (wire_get_u64(req, WF_COUNT, &count) == STATUS_ERR_PROTOCOL)
		return STATUS_ERR_PROTOCOL;
	if ((page.count_only = count != 0))
		page.bound = (struct page_bound){.max = COUNT_SCAN_MAX, .scan = COUNT_SCAN_MAX};
	if (!rights_may(page.who, page.def, VERB_LIST))
		return STATUS_ERR_DENIED;
	if (!(page.parent = malloc(parent_size(page.def))))
		return STATUS_ERR_NOMEM;
	wire_begin(reply, WIRE_RECORDS, req->request);
	st = store_begin_snapshot(server->store, &page.txn);
	if (st == STATUS_OK) {
		st = list_walk(&page, conn, req);
		store_abort(page.txn);
	}
	if (st == STATUS_OK && page.count_only) /* WF_AFTER says the count went on */
		codec_put_u64(reply, WF_COUNT, page.bound.count);
	if (st == STATUS_OK)
		records_page_end(conn, reply, &page.bound);
	free(page.parent);
	return st;
}

/* --- one record --- */

enum status handle_record_get(struct server *server, struct conn *conn, const struct wire_msg *req,
                              struct codec_buf *reply)
{
	const struct record_def *def = records_type(req);
	const struct cfg_staff *who = server_staff(server, conn);
	struct edit_lock *lock;
	struct store_txn *txn;
	uint64_t id;
	void *rec;
	enum status st;

	if (!def)
		return STATUS_ERR_NOT_FOUND;
	if (wire_get_u64(req, WF_ID, &id) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	if (!rights_may(who, def, VERB_READ))
		return STATUS_ERR_DENIED;
	if (!(rec = malloc(def->size)))
		return STATUS_ERR_NOMEM;
	/* Opening a record of a type whose reads are audited is a write. */
	st = def->audit_reads ? store_begin(server->store, conn->login, &txn)
	                      : store_begin_snapshot(server->store, &txn);
	if (st == STATUS_OK) {
		st = records_read(server, conn, txn, def, id, VERB_READ, rec);
		if (def->audit_reads) {
			if (st == STATUS_OK)
				st = store_audit(txn, "open", def, id, "");
			st = server_finish_write(server, txn, st);
		} else {
			store_abort(txn);
		}
	}
	if (st == STATUS_OK) {
		wire_begin(reply, WIRE_RECORD, req->request);
		put_visible(reply, who, def, rec);
		lock = locks_find(server, def, id);
		if (lock && lock->conn != conn->number)
			server_put_holder(reply, lock);
	}
	free(rec);
	return st;
}

enum status handle_record_save(struct server *server, struct conn *conn, const struct wire_msg *req,
                               struct codec_buf *reply)
{
	const struct record_def *def = records_type(req);
	const struct record_head *head;
	void *rec;
	bool is_new;
	enum status st;

	if (!def)
		return STATUS_ERR_NOT_FOUND;
	if (!(rec = malloc(def->size)))
		return STATUS_ERR_NOMEM;
	head = rec;
	st = wire_get_record(req, def, rec);
	if (st == STATUS_OK) {
		is_new = def->ids == IDS_COMPUTED ? head->version == 0 : head->id == 0;
		st = records_write(server, conn, req, def, rec, is_new ? VERB_CREATE : VERB_CHANGE,
		                   reply);
	}
	free(rec);
	return st;
}

/* --- the write path --- */

/* The edit lock of record ID held by another connection, or NULL. */
static struct edit_lock *other_lock(struct server *server, const struct conn *conn,
                                    const struct record_def *def, uint64_t id)
{
	struct edit_lock *lock = id ? locks_find(server, def, id) : NULL;

	return lock && lock->conn != conn->number ? lock : NULL;
}

/* Inserts or updates REC in TXN if the caller may do VERB to the stored
 * record and to the new one (nobody moves a record out of their own
 * scope), and nobody else holds its edit lock: checked in that order, so
 * that a record the caller may not see is not found, locked or not.
 * SCOPE gets a copy of the record that decides the rights, for the
 * event. */
static enum status put_checked(struct server *server, const struct conn *conn,
                               struct store_txn *txn, const struct record_def *def, void *rec,
                               enum right_verb verb, void *scope_copy, void **left,
                               struct field_error *err)
{
	const struct cfg_staff *who = server_staff(server, conn);
	const struct record_head *head = rec;
	void *parent = malloc(scope_size(def)), *stored = malloc(def->size);
	const void *scope;
	enum status st = parent && stored ? STATUS_OK : STATUS_ERR_NOMEM;

	if (st == STATUS_OK && verb != VERB_CREATE &&
	    (st = store_get(txn, def, head->id, stored)) == STATUS_OK)
		st = check_right(server, who, txn, def, stored, verb);
	if (st == STATUS_OK && verb != VERB_CREATE && other_lock(server, conn, def, head->id))
		st = STATUS_ERR_LOCKED;
	if (st == STATUS_OK && (st = scope_of(txn, def, rec, parent, &scope)) == STATUS_OK &&
	    !(verb == VERB_CHANGE && def->leaves_scope) &&
	    !rights_allow(server->config, who, def, verb, scope))
		st = STATUS_ERR_DENIED;
	if (st == STATUS_OK && def->validate_with_parent)
		st = def->validate_with_parent(rec, scope, err);
	if (st == STATUS_OK) {
		memcpy(scope_copy, scope, scope_size(def));
		st = verb == VERB_CREATE ? store_insert(txn, def, rec)
		                         : store_update(txn, def, rec);
		if (st == STATUS_ERR_EXISTS)
			st = STATUS_ERR_CONFLICT; /* someone made it meanwhile (a month's count) */
	}
	/* A record that may leave the writer's scope: where it was, so that
	 * the sessions there hear of it too (the old team's lists). */
	if (st == STATUS_OK && verb == VERB_CHANGE && def->leaves_scope && !def->parent) {
		*left = stored;
		stored = NULL;
	}
	free(parent);
	free(stored);
	return st;
}

/* Exactly once: the request ids of applied saves are kept, with what
 * they wrote, in the save's own transaction. */
static bool was_applied(struct store_txn *txn, const struct conn *conn, uint64_t request,
                        struct applied_request *applied)
{
	return store_get(txn, &applied_request_def, request, applied) == STATUS_OK &&
	       strcmp(applied->login, conn->login) == 0;
}

static enum status mark_applied(struct store_txn *txn, const struct conn *conn, uint64_t request,
                                const struct record_def *def, uint64_t record)
{
	struct applied_request applied = {.head = {.id = request, .version = 1},
	                                  .record = record,
	                                  .time = (int64_t)time(NULL)};

	snprintf(applied.login, sizeof(applied.login), "%s", conn->login);
	snprintf(applied.table, sizeof(applied.table), "%s", def->table);
	return store_put_plain(txn, &applied_request_def, &applied);
}

/* A save resent after its answer was lost: answered with the record the
 * first one wrote, as it stands now and as far as the caller may still
 * read it, or with an error; never applied a second time. */
static enum status replay(struct server *server, const struct conn *conn, struct store_txn *txn,
                          const struct record_def *def, const struct applied_request *applied,
                          void *rec)
{
	enum status st =
	        applied->table[0] && strcmp(applied->table, def->table) != 0
	                ? STATUS_ERR_CONFLICT /* the id was used for another table */
	                : records_read(server, conn, txn, def, applied->record, VERB_READ, rec);

	store_abort(txn);
	return st == STATUS_ERR_NOT_FOUND ? STATUS_ERR_CONFLICT : st;
}

static enum status next_in_txn(void *ctx, const char *sequence, uint64_t *value)
{
	return store_seq_next(ctx, sequence, value);
}

enum status records_get_in_txn(void *ctx, const struct record_def *def, uint64_t id, void *rec)
{
	return store_get(ctx, def, id, rec);
}

struct found {
	void *rec;
	size_t size;
	bool any;
};

static int take_first(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct found *f = ctx;

	(void)pos;
	memcpy(f->rec, rec, f->size);
	f->any = true;
	return 1;
}

enum status records_find_in_txn(void *ctx, const struct record_def *def, const char *index,
                                const uint8_t *key, size_t len, void *rec)
{
	struct found f = {.rec = rec, .size = def->size};
	struct store_range range = {.index = index, .prefix = key, .prefix_len = len};
	enum status st = store_walk(ctx, def, &range, take_first, &f);

	return st != STATUS_OK ? st : f.any ? STATUS_OK : STATUS_ERR_NOT_FOUND;
}

/* The writer's values of the record type (record_def.fill), with the
 * stored record to keep what it set before. A record the caller may not
 * read is refused after this, by put_checked. */
static enum status fill_txn(struct server *server, struct conn *conn, struct store_txn *txn,
                            const struct record_def *def, void *rec, enum right_verb verb,
                            bool settling, struct field_error *err)
{
	const struct record_head *head = rec;
	void *stored = verb == VERB_CREATE ? NULL : malloc(def->size);
	void *parent = def->parent ? malloc(def->parent->size) : NULL;
	struct record_fill fill = {.config = server->config,
	                           .who = server_staff(server, conn),
	                           .now = (int64_t)time(NULL),
	                           .next = next_in_txn,
	                           .get = records_get_in_txn,
	                           .find = records_find_in_txn,
	                           .ctx = txn,
	                           .settling = settling};
	enum status st = STATUS_OK;

	if ((verb != VERB_CREATE && !stored) || (def->parent && !parent))
		st = STATUS_ERR_NOMEM;
	if (st == STATUS_OK && stored && store_get(txn, def, head->id, stored) == STATUS_OK)
		fill.stored = stored;
	if (st == STATUS_OK && parent &&
	    store_get(txn, def->parent, record_id_field(def, rec, def->parent_field), parent) ==
	            STATUS_OK)
		fill.parent = parent;
	if (st == STATUS_OK)
		st = def->fill(rec, &fill, err);
	free(stored);
	free(parent);
	return st;
}

/* What the save of REC settles in its parent (record_def.settle_parent):
 * the parent is stored through its own fill and rules in the save's
 * transaction. *SETTLED is a copy of it for the event after the commit,
 * or NULL when nothing changed. */
static enum status settle_txn(struct server *server, struct conn *conn, struct store_txn *txn,
                              const struct record_def *def, const void *rec, void **settled)
{
	const struct record_def *pdef = def->parent;
	void *parent = malloc(pdef->size);
	struct field_error err = {0};
	enum status st =
	        parent ? store_get(txn, pdef, record_id_field(def, rec, def->parent_field), parent)
	               : STATUS_ERR_NOMEM;

	*settled = NULL;
	if (st != STATUS_OK || !def->settle_parent(parent, rec)) {
		free(parent);
		return st;
	}
	if (pdef->fill)
		st = fill_txn(server, conn, txn, pdef, parent, VERB_CHANGE, true, &err);
	if (st == STATUS_OK)
		st = record_validate(pdef, parent, server->config, &err);
	if (st == STATUS_OK)
		st = store_update(txn, pdef, parent);
	if (st != STATUS_OK) {
		server_log(LOG_WARNING, "%s %llu: its %s cannot be settled: %s", def->table,
		           (unsigned long long)((const struct record_head *)rec)->id, pdef->name,
		           err.message[0] ? err.message : status_message(st));
		free(parent);
		return st;
	}
	*settled = parent;
	return STATUS_OK;
}

/* The write's transaction: a resent save is answered first, then the
 * whole record is validated (ERR says at which field), then the rights,
 * the lock and the version. SCOPE_COPY goes to the event when the write
 * committed and is freed otherwise. */
static enum status write_txn(struct server *server, struct conn *conn, uint64_t request,
                             const struct record_def *def, void *rec, enum right_verb verb,
                             void *scope_copy, struct field_error *err)
{
	struct record_head *head = rec;
	struct applied_request applied;
	uint64_t edited = head->id;
	void *settled = NULL, *left = NULL;
	struct store_txn *txn;
	enum status st = store_begin(server->store, conn->login, &txn);

	if (st == STATUS_OK && was_applied(txn, conn, request, &applied)) {
		free(scope_copy);
		return replay(server, conn, txn, def, &applied, rec);
	}
	if (st == STATUS_OK) {
		/* nothing is written to or below a case purged after its period */
		st = store_purged_under(txn, def, rec, verb != VERB_CREATE);
		if (st == STATUS_ERR_DENIED)
			record_fail(err, def, def->fields[0].name, st,
			            "nach Ablauf der Aufbewahrungsfrist gelöscht: wird nicht mehr "
			            "geändert");
		if (st == STATUS_OK && def->derive)
			def->derive(rec, server->config);
		if (st == STATUS_OK && def->fill)
			st = fill_txn(server, conn, txn, def, rec, verb, false, err);
		if (st == STATUS_OK && def->derive) /* again: the fill may change the basis */
			def->derive(rec, server->config);
		if (st == STATUS_OK)
			st = record_validate(def, rec, server->config, err);
		if (st == STATUS_OK && def->ids == IDS_COMPUTED)
			head->id = def->make_id(rec);
		if (st == STATUS_OK)
			st = put_checked(server, conn, txn, def, rec, verb, scope_copy, &left, err);
		if (st == STATUS_OK && def->settle_parent && verb == VERB_CREATE)
			st = settle_txn(server, conn, txn, def, rec, &settled);
		if (st == STATUS_OK)
			st = mark_applied(txn, conn, request, def, head->id);
		if (st == STATUS_OK)
			st = drafts_drop(txn, conn->login, def->table, edited);
		st = server_finish_write(server, txn, st);
	}
	if (st == STATUS_OK)
		events_queue(server, conn, def, head, scope_copy, false);
	else
		free(scope_copy);
	if (st == STATUS_OK && settled) /* the parent is its own scope: it has none */
		events_queue(server, conn, def->parent, settled, settled, true);
	else
		free(settled);
	if (st == STATUS_OK && left) /* the sessions where it was hear of it as well */
		events_queue(server, conn, def, head, left, false);
	else
		free(left);
	return st;
}

enum status records_write(struct server *server, struct conn *conn, const struct wire_msg *req,
                          const struct record_def *def, void *rec, enum right_verb verb,
                          struct codec_buf *reply)
{
	const struct cfg_staff *who = server_staff(server, conn);
	struct record_head *head = rec;
	struct field_error err = {0};
	void *scope_copy;
	enum status st;

	if (!rights_may(who, def, verb))
		return STATUS_ERR_DENIED;
	if (!(scope_copy = malloc(scope_size(def))))
		return STATUS_ERR_NOMEM;
	st = write_txn(server, conn, req->request, def, rec, verb, scope_copy, &err);
	if (st == STATUS_ERR_LOCKED) { /* the answer names the holder */
		server_reply_error(reply, req->request, st, NULL);
		server_put_holder(reply, other_lock(server, conn, def, head->id));
		return STATUS_OK;
	}
	if (err.message[0]) { /* the model's word, at the field */
		server_reply_error(reply, req->request, st, err.message);
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return st;
	wire_begin(reply, WIRE_RECORD, req->request);
	put_visible(reply, who, def, rec);
	return STATUS_OK;
}
