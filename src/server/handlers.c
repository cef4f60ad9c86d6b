/* The request handlers: one table entry per message kind. Each checks its
 * fields and the caller's rights (in the model), runs as one transaction,
 * and writes its answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "model/audit.h"
#include "model/date.h"
#include "model/registry.h"
#include "model/rights.h"
#include "server.h"

#define AUDIT_PAGE       200
#define AUDIT_SCAN       5000
#define MAX_BAD_MESSAGES 3

struct handler {
	enum wire_kind kind;
	bool admin; /* technical admin only */
	handler_fn *fn;
	bool worker;            /* long work: queued for the worker thread */
	enum stats_class class; /* what the benchmark counts it as */
};

const struct cfg_staff *server_staff(const struct server *server, const struct conn *conn)
{
	return conn->staff >= 0 ? &server->config->staff[conn->staff] : NULL;
}

void server_reply_error(struct codec_buf *reply, uint64_t request, enum status st, const char *text)
{
	wire_begin(reply, WIRE_ERROR, request);
	codec_put_u64(reply, WF_STATUS, (uint64_t)st);
	codec_put_str(reply, WF_TEXT, text ? text : status_message(st));
}

void server_put_record(struct codec_buf *reply, const struct record_def *def, const void *rec)
{
	struct codec_buf enc;

	codec_buf_init(&enc);
	if (record_encode(def, rec, &enc) == STATUS_OK)
		codec_put_bytes(reply, WF_RECORD, enc.data, enc.len);
	else
		reply->failed = true;
	codec_buf_free(&enc);
}

void server_put_holder(struct codec_buf *reply, const struct edit_lock *lock)
{
	codec_put_str(reply, WF_HOLDER, lock->name);
	codec_put_str(reply, WF_LOGIN, lock->login);
	codec_put_u64(reply, WF_SINCE, (uint64_t)lock->since);
}

/* --- edit locks --- */

static enum status lock_target(const struct wire_msg *req, const struct record_def **def,
                               uint64_t *id)
{
	if (wire_get_u64(req, WF_ID, id) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	return (*def = records_type(req)) ? STATUS_OK : STATUS_ERR_INVALID;
}

/* Whoever may change a record may take its edit lock. */
static enum status may_lock(struct server *server, struct conn *conn, const struct record_def *def,
                            uint64_t id)
{
	struct store_txn *txn;
	void *rec = malloc(def->size);
	enum status st = rec ? store_begin_snapshot(server->store, &txn) : STATUS_ERR_NOMEM;

	if (st == STATUS_OK) {
		st = records_read(server, conn, txn, def, id, VERB_CHANGE, rec);
		store_abort(txn);
	}
	free(rec);
	return st;
}

static enum status handle_lock_take(struct server *server, struct conn *conn,
                                    const struct wire_msg *req, struct codec_buf *reply)
{
	const struct record_def *def;
	struct edit_lock *holder;
	uint64_t id, take_over = 0;
	enum status st = lock_target(req, &def, &id);

	if (st == STATUS_OK && wire_get_u64(req, WF_TAKEOVER, &take_over) == STATUS_ERR_PROTOCOL)
		st = STATUS_ERR_PROTOCOL;
	if (st == STATUS_OK)
		st = may_lock(server, conn, def, id);
	if (st == STATUS_OK)
		st = locks_take(server, conn, def, id, &holder);
	if (st == STATUS_ERR_LOCKED && take_over && strcmp(holder->login, conn->login) == 0) {
		/* The user's own other session: it is told, and gives way. */
		events_send_to(server, holder->conn, def, id, conn->login, "lock-taken");
		holder->conn = conn->number;
		holder->since = time(NULL);
		st = STATUS_OK;
	}
	if (st == STATUS_ERR_LOCKED) {
		server_reply_error(reply, req->request, st, NULL);
		server_put_holder(reply, holder);
		return STATUS_OK;
	}
	if (st == STATUS_OK)
		wire_begin(reply, WIRE_DONE, req->request);
	return st;
}

static enum status handle_lock_release(struct server *server, struct conn *conn,
                                       const struct wire_msg *req, struct codec_buf *reply)
{
	const struct record_def *def;
	uint64_t id;
	enum status st = lock_target(req, &def, &id);

	if (st != STATUS_OK)
		return st;
	locks_release(server, conn, def, id);
	wire_begin(reply, WIRE_DONE, req->request);
	return STATUS_OK;
}

static enum status handle_locks_list(struct server *server, struct conn *conn,
                                     const struct wire_msg *req, struct codec_buf *reply)
{
	bool all = rights_admin(server_staff(server, conn));

	wire_begin(reply, WIRE_LOCKS, req->request);
	for (size_t i = 0; i < server->nlocks && reply->len < WIRE_MAX_MESSAGE / 2; i++) {
		const struct edit_lock *lock = &server->locks[i];

		if (!all && strcmp(lock->login, conn->login) != 0)
			continue; /* staff see their own locks (the dashboard) */
		codec_put_u64(reply, WF_LOCK, lock->number);
		codec_put_str(reply, WF_TABLE, lock->def->table);
		codec_put_u64(reply, WF_ID, lock->record);
		codec_put_str(reply, WF_LOGIN, lock->login);
		codec_put_str(reply, WF_HOLDER, lock->name);
		codec_put_u64(reply, WF_SINCE, (uint64_t)lock->since);
	}
	return STATUS_OK;
}

static enum status handle_unlock(struct server *server, struct conn *conn,
                                 const struct wire_msg *req, struct codec_buf *reply)
{
	struct edit_lock *lock;
	char detail[200];
	uint64_t number;

	if (wire_get_u64(req, WF_LOCK, &number) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	if (!(lock = locks_by_number(server, number)))
		return STATUS_ERR_NOT_FOUND;
	snprintf(detail, sizeof(detail), "Sperre %llu von %s auf %s %llu aufgehoben",
	         (unsigned long long)number, lock->login, lock->def->table,
	         (unsigned long long)lock->record);
	locks_release_number(server, number);
	server_log(LOG_NOTICE, "%s: %s", conn->login, detail);
	server_audit_admin(server, conn->login, "unlock", detail);
	wire_begin(reply, WIRE_DONE, req->request);
	return STATUS_OK;
}

void server_audit_admin(struct server *server, const char *login, const char *action,
                        const char *detail)
{
	struct store_txn *txn;
	enum status st = store_begin(server->store, login, &txn);

	if (st == STATUS_OK && (st = store_audit(txn, action, NULL, 0, detail)) == STATUS_OK)
		st = store_commit(txn);
	else if (st == STATUS_OK)
		store_abort(txn);
	if (st != STATUS_OK)
		server_log(LOG_ERR, "cannot write the audit entry of %s's %s: %s", login, action,
		           status_text(st));
}

/* --- audit log --- */

/* A filtered query reads one index from where the filter starts: the
 * entries of a record or of a user from a day on, or all from a day on;
 * what it then filters is bounded by AUDIT_SCAN per page.
 *
 * The admins read the whole log. Anybody else reads a record's history:
 * the entries of one record (WF_TABLE and WF_ID) they may read. */
struct audit_page {
	bool backward; /* the newest first */
	char user[CONFIG_LOGIN_SIZE];
	const struct record_def *def; /* entries of this type only; NULL: all */
	const struct cfg_staff *who;  /* the reader */
	uint64_t record;
	int64_t since;
	struct page_bound bound;
	struct codec_buf *reply;
};

static int audit_visit(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct audit_page *page = ctx;
	const struct audit_entry *entry = rec;
	const struct record_def *def;
	struct audit_entry shown;

	if (!records_page_next(&page->bound, page->reply, pos))
		return 1;
	if (page->backward && entry->time < page->since) {
		page->bound.more = false; /* newest first: the rest is older still */
		return 1;
	}
	if ((page->user[0] && strcmp(entry->login, page->user) != 0) ||
	    (page->record && entry->record != page->record) || entry->time < page->since ||
	    (page->def && strcmp(entry->table, page->def->table) != 0))
		return 0;
	shown = *entry; /* the changed fields the reader may see, no more */
	if ((def = record_type_find(shown.table)))
		rights_redact_changes(page->who, def, shown.detail);
	server_put_record(page->reply, &audit_def, &shown);
	page->bound.count++;
	return 0;
}

/* The index and its range for the filters of PAGE: KEY holds the prefix,
 * START the first key (the prefix and the day). */
static void audit_range(const struct audit_page *page, struct store_range *range, uint8_t *key,
                        uint8_t *start)
{
	uint64_t since = page->since > 0 ? (uint64_t)page->since : 0;
	int n = 0;

	if (page->record) {
		range->index = "record";
		n = index_put_id(key, INDEX_KEY_MAX, page->record);
	} else if (page->user[0]) {
		range->index = "login";
		n = index_put_text(key, INDEX_KEY_MAX - 8, page->user);
	} else if (since) {
		range->index = "time";
	} else {
		return; /* the whole log in id order */
	}
	memcpy(start, key, (size_t)n);
	index_put_id(start + n, 8, since);
	range->prefix = key;
	range->prefix_len = (size_t)n;
	range->start = start;
	range->start_len = (size_t)n + 8;
}

/* A record's history is for those who may read the record. */
static enum status may_read_history(struct server *server, struct conn *conn,
                                    const struct record_def *def, uint64_t id)
{
	struct store_txn *txn;
	void *rec;
	enum status st;

	if (!def || !id || !def->audited)
		return STATUS_ERR_DENIED;
	if (!(rec = malloc(def->size)))
		return STATUS_ERR_NOMEM;
	if ((st = store_begin_snapshot(server->store, &txn)) == STATUS_OK) {
		st = records_read(server, conn, txn, def, id, VERB_READ, rec);
		store_abort(txn);
	}
	free(rec);
	return st;
}

static enum status handle_audit(struct server *server, struct conn *conn,
                                const struct wire_msg *req, struct codec_buf *reply)
{
	struct audit_page page = {.bound = {.max = AUDIT_PAGE, .scan = AUDIT_SCAN},
	                          .who = server_staff(server, conn),
	                          .reply = reply};
	uint8_t key[INDEX_KEY_MAX], start[INDEX_KEY_MAX + 8];
	struct store_range range = {0};
	struct store_pos after;
	uint64_t date = 0, backward = 0;
	char table[CONFIG_ID_SIZE];
	struct store_txn *txn;
	bool given;
	enum status st;

	if (wire_get_u64(req, WF_BACKWARD, &backward) == STATUS_ERR_PROTOCOL)
		return STATUS_ERR_PROTOCOL;
	page.backward = backward != 0;
	if (wire_get_str(req, WF_USER, page.user, sizeof(page.user)) == STATUS_ERR_PROTOCOL ||
	    wire_get_u64(req, WF_ID, &page.record) == STATUS_ERR_PROTOCOL ||
	    wire_get_u64(req, WF_DATE, &date) == STATUS_ERR_PROTOCOL || date > INT32_MAX ||
	    records_get_position(conn, req, &after, &given) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	page.since = date ? date_to_days((int32_t)date) * 86400 : 0;
	if ((st = wire_get_str(req, WF_TABLE, table, sizeof(table))) == STATUS_ERR_PROTOCOL)
		return st;
	if (st == STATUS_OK && !(page.def = record_type_find(table)))
		return STATUS_ERR_NOT_FOUND;
	if (!rights_admin(server_staff(server, conn)) &&
	    (st = may_read_history(server, conn, page.def, page.record)) != STATUS_OK)
		return st;
	audit_range(&page, &range, key, start);
	if (page.backward) { /* from the newest of the prefix down to SINCE */
		range.start = NULL;
		range.backward = true;
	}
	range.after = given ? &after : NULL;
	wire_begin(reply, WIRE_AUDIT_PAGE, req->request);
	if ((st = store_begin_snapshot(server->store, &txn)) != STATUS_OK)
		return st;
	st = store_walk(txn, &audit_def, &range, audit_visit, &page);
	store_abort(txn);
	if (st == STATUS_OK)
		records_page_end(conn, reply, &page.bound);
	return st;
}

static const struct handler handlers[] = {
        {WIRE_RECORD_LIST, .fn = handle_record_list, .class = STATS_READ},
        {WIRE_RECORD_GET, .fn = handle_record_get, .class = STATS_READ},
        {WIRE_RECORD_SAVE, .fn = handle_record_save, .class = STATS_SAVE},
        {WIRE_OFFER_DEACTIVATE, .fn = handle_offer_deactivate, .class = STATS_SAVE},
        {WIRE_LOCK_TAKE, .fn = handle_lock_take, .class = STATS_READ},
        {WIRE_LOCK_RELEASE, .fn = handle_lock_release, .class = STATS_READ},
        {WIRE_DRAFT_PUT, .fn = handle_draft_put, .class = STATS_SAVE},
        {WIRE_DRAFT_LIST, .fn = handle_draft_list, .class = STATS_READ},
        {WIRE_DRAFT_DELETE, .fn = handle_draft_delete, .class = STATS_SAVE},
        {WIRE_EXPORT_NEXT, .fn = handle_export_next},
        {WIRE_LOCKS_LIST, .fn = handle_locks_list, .class = STATS_READ},
        {WIRE_UNLOCK, .admin = true, .fn = handle_unlock},
        {WIRE_AUDIT_QUERY, .fn = handle_audit, .class = STATS_READ},
        {WIRE_STATS, .admin = true, .fn = handle_stats},
        {WIRE_STATUS, .admin = true, .fn = handle_status},
        {WIRE_DUPLICATES, .fn = handle_duplicates, .class = STATS_READ},
        {WIRE_BACKUP, .admin = true, .worker = true},
        {WIRE_VERIFY, .admin = true, .worker = true},
        {WIRE_EXPORT, .worker = true},
        {WIRE_IMPORT_DATA, .fn = handle_import_data, .class = STATS_SAVE},
        {WIRE_IMPORT, .worker = true},
};

/* --- hello: who is on the other end --- */

static bool may_act_as(const struct conn *conn)
{
	return conn->uid == 0 || conn->uid == geteuid();
}

/* Who is on the other end: the staff entry of the peer's uid (mapped when
 * the configuration was loaded), or the one named by --as, which only root
 * and the server's own account may use. TEXT says why when it is refused. */
static enum status identify(struct server *server, struct conn *conn, const struct wire_msg *req,
                            char *text, size_t size)
{
	char as[CONFIG_LOGIN_SIZE] = "";
	uint64_t version = 0, events = 0;

	if (wire_get_u64(req, WF_VERSION, &version) != STATUS_OK || version != WIRE_VERSION ||
	    wire_get_u64(req, WF_EVENTS, &events) == STATUS_ERR_PROTOCOL ||
	    wire_get_str(req, WF_LOGIN, as, sizeof(as)) == STATUS_ERR_PROTOCOL) {
		snprintf(text, size, "%s", status_message(STATUS_ERR_PROTOCOL));
		return STATUS_ERR_PROTOCOL;
	}
	conn->events = events != 0;
	if (as[0] && !may_act_as(conn)) {
		snprintf(text, size,
		         "--as ist nur für root und das Dienstkonto des Servers erlaubt (Sie "
		         "melden sich als Unix-Benutzer %u an).",
		         (unsigned)conn->uid);
		return STATUS_ERR_DENIED;
	}
	conn->staff = as[0] ? config_find_staff(server->config, as)
	                    : server_staff_of_uid(server, conn->uid);
	if (conn->staff < 0) {
		if (as[0])
			snprintf(text, size,
			         "Für die Anmeldung '%s' gibt es keinen Eintrag im Personal von "
			         "sozialraum.",
			         as);
		else
			snprintf(text, size,
			         "Für den Unix-Benutzer %u gibt es keinen Eintrag im Personal von "
			         "sozialraum.",
			         (unsigned)conn->uid);
		return STATUS_ERR_DENIED;
	}
	snprintf(conn->login, sizeof(conn->login), "%s", server->config->staff[conn->staff].login);
	return STATUS_OK;
}

static bool handle_hello(struct server *server, struct conn *conn, const struct wire_msg *req,
                         struct codec_buf *reply)
{
	char text[200];
	enum status st = identify(server, conn, req, text, sizeof(text));
	const struct cfg_staff *staff;

	if (st != STATUS_OK) {
		server_reply_error(reply, req->request, st, text);
		conn->staff = -1;
		conn->closing = true;
		return true;
	}
	staff = server_staff(server, conn);
	wire_begin(reply, WIRE_WELCOME, req->request);
	codec_put_str(reply, WF_LOGIN, staff->login);
	codec_put_str(reply, WF_NAME, staff->name);
	codec_put_str(reply, WF_ROLE, role_names[staff->role]);
	codec_put_str(reply, WF_TEAM,
	              staff->team >= 0 ? server->config->teams[staff->team].id : "");
	codec_put_str(reply, WF_PROVIDER,
	              staff->provider >= 0 ? server->config->providers[staff->provider].id : "");
	return true;
}

static const struct handler *find_handler(uint16_t kind)
{
	for (size_t i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (handlers[i].kind == kind)
			return &handlers[i];
	return NULL;
}

/* A malformed message is answered; a client that keeps sending them goes. */
static bool bad_message(struct conn *conn, uint64_t request, struct codec_buf *reply)
{
	server_reply_error(reply, request, STATUS_ERR_PROTOCOL, NULL);
	return ++conn->bad_messages < MAX_BAD_MESSAGES;
}

bool server_handle(struct server *server, struct conn *conn, const void *data, size_t len,
                   struct codec_buf *reply)
{
	const struct handler *handler;
	struct wire_msg req;
	enum status st;

	if (wire_parse(data, len, &req) != STATUS_OK)
		return bad_message(conn, 0, reply);
	if (req.kind == WIRE_HELLO)
		return conn->staff < 0 ? handle_hello(server, conn, &req, reply)
		                       : bad_message(conn, req.request, reply);
	handler = find_handler(req.kind);
	if (conn->staff < 0 || !handler)
		return bad_message(conn, req.request, reply);
	conn->request_class = handler->class;
	if (handler->admin && !rights_admin(server_staff(server, conn)))
		st = STATUS_ERR_DENIED;
	else if (handler->worker)
		st = worker_submit(server, conn, &req);
	else
		st = handler->fn(server, conn, &req, reply);
	if (st == STATUS_ERR_PROTOCOL)
		return bad_message(conn, req.request, reply);
	if (st != STATUS_OK)
		server_reply_error(reply, req.request, st,
		                   st == STATUS_ERR_LIMIT && handler->worker
		                           ? "Zu viele Aufträge in Arbeit (Exporte, Sicherungen, "
		                             "Prüfungen); bitte warten, bis einer fertig ist."
		                           : NULL);
	return true;
}
