/* Drafts: unsaved form input, one per user and form. They are bookkeeping,
 * not content: written without audit entries, never seen by anyone but
 * their author, dropped when the record is saved. A user's drafts are
 * found through the index by login, so a save costs the same however many
 * drafts other users keep. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/draft.h"
#include "server.h"

#define DRAFTS_PER_USER 20

struct draft_find {
	const char *login, *table;
	uint64_t record;
	struct codec_buf *reply; /* list: every draft of LOGIN into this */
	uint64_t found;
	unsigned count; /* LOGIN's drafts seen */
};

static int find_visit(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct draft_find *find = ctx;
	const struct draft *draft = rec;

	(void)pos;
	if (strcmp(draft->login, find->login) != 0)
		return 0;
	find->count++;
	if (find->reply) {
		/* What does not fit waits until the drafts before it are done. */
		if (find->reply->len + strlen(draft->text) + 1024 < WIRE_MAX_MESSAGE)
			server_put_record(find->reply, &draft_def, draft);
		return 0;
	}
	if (strcmp(draft->table, find->table) != 0 || draft->record != find->record)
		return 0;
	find->found = draft->head.id;
	return 1;
}

static enum status draft_find(struct store_txn *txn, struct draft_find *find)
{
	uint8_t key[CONFIG_LOGIN_SIZE + 1];
	struct store_range range = {.index = "login", .prefix = key};
	int len = index_put_text(key, sizeof(key), find->login);

	find->found = 0;
	if (len < 0)
		return STATUS_ERR_INVALID;
	range.prefix_len = (size_t)len;
	return store_walk(txn, &draft_def, &range, find_visit, find);
}

enum status drafts_drop(struct store_txn *txn, const char *login, const char *table,
                        uint64_t record)
{
	struct draft_find find = {.login = login, .table = table, .record = record};
	enum status st = draft_find(txn, &find);

	if (st == STATUS_OK && find.found)
		st = store_delete_plain(txn, &draft_def, find.found);
	return st;
}

/* Stores the caller's draft of one form, replacing the one before. */
static enum status put_draft(struct server *server, struct conn *conn, struct draft *draft)
{
	struct draft_find find = {
	        .login = conn->login, .table = draft->table, .record = draft->record};
	struct store_txn *txn;
	enum status st = store_begin(server->store, conn->login, &txn);

	if (st != STATUS_OK)
		return st;
	st = draft_find(txn, &find);
	draft->head.id = find.found;
	draft->head.version = 1;
	if (st == STATUS_OK && !find.found && find.count >= DRAFTS_PER_USER)
		st = STATUS_ERR_LIMIT;
	if (st == STATUS_OK && !find.found)
		st = store_seq_next(txn, draft_def.table, &draft->head.id);
	if (st == STATUS_OK)
		st = store_put_plain(txn, &draft_def, draft);
	return server_finish_write(server, txn, st);
}

enum status handle_draft_put(struct server *server, struct conn *conn, const struct wire_msg *req,
                             struct codec_buf *reply)
{
	struct field_error err = {0};
	struct draft *draft = malloc(sizeof(*draft));
	enum status st;

	if (!draft)
		return STATUS_ERR_NOMEM;
	st = wire_get_record(req, &draft_def, draft);
	if (st == STATUS_OK) {
		snprintf(draft->login, sizeof(draft->login), "%s", conn->login);
		draft->time = (int64_t)time(NULL);
		st = record_validate(&draft_def, draft, NULL, &err);
		if (st != STATUS_OK)
			st = STATUS_ERR_PROTOCOL; /* the program sends only what it checked */
	}
	if (st == STATUS_OK)
		st = put_draft(server, conn, draft);
	if (st == STATUS_OK) {
		wire_begin(reply, WIRE_DONE, req->request);
		codec_put_u64(reply, WF_ID, draft->head.id);
	} else if (st == STATUS_ERR_LIMIT) {
		server_reply_error(reply, req->request, st,
		                   "Zu viele Entwürfe: bitte einen fortsetzen oder verwerfen.");
		st = STATUS_OK;
	}
	free(draft);
	return st;
}

enum status handle_draft_list(struct server *server, struct conn *conn, const struct wire_msg *req,
                              struct codec_buf *reply)
{
	struct draft_find find = {.login = conn->login, .reply = reply};
	struct store_txn *txn;
	enum status st = store_begin_snapshot(server->store, &txn);

	if (st != STATUS_OK)
		return st;
	wire_begin(reply, WIRE_DRAFTS, req->request);
	st = draft_find(txn, &find);
	store_abort(txn);
	return st;
}

enum status handle_draft_delete(struct server *server, struct conn *conn,
                                const struct wire_msg *req, struct codec_buf *reply)
{
	struct draft *draft = malloc(sizeof(*draft));
	struct store_txn *txn;
	uint64_t id = 0;
	enum status st = draft ? STATUS_OK : STATUS_ERR_NOMEM;

	if (st == STATUS_OK && wire_get_u64(req, WF_ID, &id) != STATUS_OK)
		st = STATUS_ERR_PROTOCOL;
	if (st == STATUS_OK)
		st = store_begin(server->store, conn->login, &txn);
	if (st == STATUS_OK) {
		st = store_get(txn, &draft_def, id, draft);
		if (st == STATUS_OK && strcmp(draft->login, conn->login) != 0)
			st = STATUS_ERR_NOT_FOUND; /* somebody else's draft does not exist here */
		if (st == STATUS_OK)
			st = store_delete_plain(txn, &draft_def, id);
		st = server_finish_write(server, txn, st);
	}
	free(draft);
	if (st == STATUS_OK)
		wire_begin(reply, WIRE_DONE, req->request);
	return st;
}

struct draft_purge {
	int64_t before;
	uint64_t ids[256];
	size_t n;
};

static int purge_visit(void *ctx, const void *rec)
{
	struct draft_purge *p = ctx;
	const struct draft *draft = rec;

	if (draft->time < p->before)
		p->ids[p->n++] = draft->head.id;
	return p->n == sizeof(p->ids) / sizeof(p->ids[0]);
}

unsigned long drafts_purge(struct store *store, int days)
{
	struct draft_purge p = {.before = (int64_t)time(NULL) - (int64_t)days * 86400};
	unsigned long purged = 0;
	struct store_txn *txn;

	do {
		p.n = 0;
		if (store_begin(store, "purge", &txn) != STATUS_OK)
			break;
		if (store_scan(txn, &draft_def, 0, purge_visit, &p) != STATUS_OK) {
			store_abort(txn);
			break;
		}
		for (size_t i = 0; i < p.n; i++)
			store_delete_plain(txn, &draft_def, p.ids[i]);
		if (store_commit(txn) != STATUS_OK)
			break;
		purged += p.n;
	} while (p.n == sizeof(p.ids) / sizeof(p.ids[0]));
	return purged;
}
