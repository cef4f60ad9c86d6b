/* The offers directory's requests: list by district, provider or name,
 * open, save with version check (exactly once, by request id), deactivate,
 * and the monthly counts of people reached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/date.h"
#include "model/offer.h"
#include "model/request.h"
#include "model/rights.h"
#include "server.h"

struct offer_page {
	const struct config *config;
	const struct cfg_staff *who;
	const char *district, *provider;
	uint64_t skip, count, matched;
	struct codec_buf *reply;
	bool more;
};

static int page_visit(void *ctx, const void *rec)
{
	struct offer_page *page = ctx;
	const struct offer *offer = rec;

	if (!rights_offer_see(page->config, page->who, offer) ||
	    (page->district[0] && strcmp(offer->district, page->district) != 0) ||
	    (page->provider[0] && strcmp(offer->provider, page->provider) != 0))
		return 0;
	if (page->matched++ < page->skip)
		return 0;
	if (page->count == WIRE_PAGE_SIZE || page->reply->len > WIRE_MAX_MESSAGE / 2) {
		page->more = true;
		return 1;
	}
	server_put_record(page->reply, &offer_def, offer);
	page->count++;
	return 0;
}

enum status handle_offer_list(struct server *server, struct conn *conn, const struct wire_msg *req,
                              struct codec_buf *reply)
{
	char district[CONFIG_ID_SIZE] = "", provider[CONFIG_ID_SIZE] = "", prefix[128] = "";
	struct offer_page page = {.config = server->config,
	                          .who = server_staff(server, conn),
	                          .district = district,
	                          .provider = provider,
	                          .reply = reply};
	struct store_txn *txn;
	enum status st;

	if (!rights_offer_read(page.who))
		return STATUS_ERR_DENIED;
	if (wire_get_str(req, WF_DISTRICT, district, sizeof(district)) == STATUS_ERR_PROTOCOL ||
	    wire_get_str(req, WF_PROVIDER, provider, sizeof(provider)) == STATUS_ERR_PROTOCOL ||
	    wire_get_str(req, WF_PREFIX, prefix, sizeof(prefix)) == STATUS_ERR_PROTOCOL ||
	    wire_get_u64(req, WF_FIRST, &page.skip) == STATUS_ERR_PROTOCOL)
		return STATUS_ERR_PROTOCOL;
	wire_begin(reply, WIRE_OFFER_PAGE, req->request);
	if ((st = store_begin_snapshot(server->store, &txn)) != STATUS_OK)
		return st;
	if (prefix[0])
		st = store_index_scan(txn, STORE_OFFERS_BY_NAME, prefix, page_visit, &page);
	else if (district[0])
		st = store_index_scan(txn, STORE_OFFERS_BY_DISTRICT, district, page_visit, &page);
	else
		st = store_scan(txn, STORE_OFFERS, 0, page_visit, &page);
	store_abort(txn);
	codec_put_u64(reply, WF_MORE, page.more ? page.skip + page.count : 0);
	return st;
}

enum status handle_offer_get(struct server *server, struct conn *conn, const struct wire_msg *req,
                             struct codec_buf *reply)
{
	struct offer offer;
	struct edit_lock *lock;
	uint64_t id = 0;
	enum status st;

	if (!rights_offer_read(server_staff(server, conn)))
		return STATUS_ERR_DENIED;
	if (wire_get_u64(req, WF_ID, &id) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	if ((st = server_get_offer(server, conn, id, &offer)) != STATUS_OK)
		return st;
	wire_begin(reply, WIRE_OFFER, req->request);
	server_put_record(reply, &offer_def, &offer);
	lock = locks_find(server, STORE_OFFERS, id);
	if (lock && lock->conn != conn->number)
		server_put_holder(reply, lock);
	return STATUS_OK;
}

/* A save resent after a lost answer: answer with what the first one saved. */
static bool already_applied(struct store_txn *txn, const struct conn *conn, uint64_t request,
                            struct offer *offer)
{
	uint64_t record;

	return server_was_applied(txn, conn, request, &record) &&
	       store_get(txn, STORE_OFFERS, record, offer) == STATUS_OK;
}

static enum status put_offer(struct server *server, struct conn *conn, struct store_txn *txn,
                             struct offer *offer)
{
	const struct cfg_staff *who = server_staff(server, conn);
	struct offer stored;
	enum status st;

	if (!offer->head.id)
		return store_insert(txn, STORE_OFFERS, offer);
	st = store_get(txn, STORE_OFFERS, offer->head.id, &stored);
	if (st == STATUS_OK && !rights_offer_write(server->config, who, &stored))
		st = STATUS_ERR_DENIED;
	if (st == STATUS_OK)
		st = store_update(txn, STORE_OFFERS, offer);
	return st;
}

/* One transaction: the offer, its audit entry, the request id, and the
 * user's draft of this form dropped. Acknowledged after the round's sync. */
static enum status write_offer(struct server *server, struct conn *conn, uint64_t request,
                               struct offer *offer)
{
	uint64_t edited = offer->head.id;
	struct store_txn *txn;
	enum status st = store_begin(server->store, conn->login, &txn);

	if (st != STATUS_OK)
		return st;
	if (already_applied(txn, conn, request, offer)) {
		store_abort(txn);
		return STATUS_OK;
	}
	st = put_offer(server, conn, txn, offer);
	if (st == STATUS_OK)
		st = server_mark_applied(txn, conn, request, offer->head.id);
	if (st == STATUS_OK)
		st = drafts_drop(txn, conn->login, "offers", edited);
	return server_finish_write(server, txn, st);
}

/* Another connection holds the edit lock: the answer names the holder. */
static bool locked_by_other(struct server *server, struct conn *conn, uint64_t id, uint64_t request,
                            struct codec_buf *reply)
{
	struct edit_lock *lock = id ? locks_find(server, STORE_OFFERS, id) : NULL;

	if (!lock || lock->conn == conn->number)
		return false;
	server_reply_error(reply, request, STATUS_ERR_LOCKED, NULL);
	server_put_holder(reply, lock);
	return true;
}

enum status handle_offer_save(struct server *server, struct conn *conn, const struct wire_msg *req,
                              struct codec_buf *reply)
{
	const struct cfg_staff *who = server_staff(server, conn);
	struct field_error err = {0};
	struct offer offer;
	enum status st;

	if (server_get_record(req, &offer_def, &offer) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	if (!rights_offer_write(server->config, who, &offer))
		return STATUS_ERR_DENIED;
	if ((st = offer_validate(&offer, server->config, &err)) != STATUS_OK) {
		server_reply_error(reply, req->request, st, err.message);
		return STATUS_OK;
	}
	if (locked_by_other(server, conn, offer.head.id, req->request, reply))
		return STATUS_OK;
	if ((st = write_offer(server, conn, req->request, &offer)) != STATUS_OK)
		return st;
	wire_begin(reply, WIRE_OFFER, req->request);
	server_put_record(reply, &offer_def, &offer);
	return STATUS_OK;
}

/* Deactivating keeps the offer in the directory with its history: it is
 * marked as ended on the given day (today when none is given). */
enum status handle_offer_deactivate(struct server *server, struct conn *conn,
                                    const struct wire_msg *req, struct codec_buf *reply)
{
	uint64_t id = 0, date = 0;
	struct offer offer;
	enum status st;

	if (wire_get_u64(req, WF_ID, &id) != STATUS_OK ||
	    wire_get_u64(req, WF_DATE, &date) == STATUS_ERR_PROTOCOL || date > INT32_MAX)
		return STATUS_ERR_PROTOCOL;
	st = server_get_offer(server, conn, id, &offer);
	if (st == STATUS_OK &&
	    !rights_offer_write(server->config, server_staff(server, conn), &offer))
		st = STATUS_ERR_DENIED;
	if (st != STATUS_OK)
		return st;
	if (locked_by_other(server, conn, id, req->request, reply))
		return STATUS_OK;
	offer.inactive = true;
	offer.active_to = date ? (int32_t)date : date_today();
	if (offer.active_to < offer.active_from)
		offer.active_to = offer.active_from;
	if ((st = write_offer(server, conn, req->request, &offer)) != STATUS_OK)
		return st;
	wire_begin(reply, WIRE_OFFER, req->request);
	server_put_record(reply, &offer_def, &offer);
	return STATUS_OK;
}

struct count_page {
	uint64_t offer;
	struct codec_buf *reply;
};

static int count_visit(void *ctx, const void *rec)
{
	struct count_page *page = ctx;
	const struct offer_count *count = rec;

	if (count->offer != page->offer || page->reply->len > WIRE_MAX_MESSAGE / 2)
		return 1;
	server_put_record(page->reply, &offer_count_def, count);
	return 0;
}

/* The offer, if this caller may see it, and its counts by month. */
static enum status put_counts(struct server *server, struct conn *conn, uint64_t id,
                              uint64_t request, struct codec_buf *reply)
{
	struct count_page page = {.offer = id, .reply = reply};
	struct store_txn *txn;
	struct offer offer;
	enum status st = store_begin_snapshot(server->store, &txn);

	if (st != STATUS_OK)
		return st;
	st = store_get(txn, STORE_OFFERS, id, &offer);
	if (st == STATUS_OK &&
	    !rights_offer_see(server->config, server_staff(server, conn), &offer))
		st = STATUS_ERR_NOT_FOUND;
	if (st == STATUS_OK) {
		wire_begin(reply, WIRE_COUNTS, request);
		st = store_scan(txn, STORE_OFFER_COUNTS, offer_count_id(id, 0), count_visit, &page);
	}
	store_abort(txn);
	return st;
}

enum status handle_offer_counts(struct server *server, struct conn *conn,
                                const struct wire_msg *req, struct codec_buf *reply)
{
	uint64_t id = 0;

	if (wire_get_u64(req, WF_ID, &id) != STATUS_OK || id >> (64 - OFFER_COUNT_MONTH_BITS))
		return STATUS_ERR_PROTOCOL;
	return put_counts(server, conn, id, req->request, reply);
}

static enum status write_count(struct server *server, struct conn *conn, uint64_t request,
                               struct offer_count *count)
{
	struct store_txn *txn;
	struct offer offer;
	uint64_t record;
	enum status st = store_begin(server->store, conn->login, &txn);

	if (st != STATUS_OK)
		return st;
	if (server_was_applied(txn, conn, request, &record)) {
		store_abort(txn);
		return STATUS_OK;
	}
	st = store_get(txn, STORE_OFFERS, count->offer, &offer);
	if (st == STATUS_OK &&
	    !rights_offer_write(server->config, server_staff(server, conn), &offer))
		st = STATUS_ERR_DENIED;
	if (st == STATUS_OK)
		st = count->head.version ? store_update(txn, STORE_OFFER_COUNTS, count)
		                         : store_insert(txn, STORE_OFFER_COUNTS, count);
	if (st == STATUS_ERR_EXISTS)
		st = STATUS_ERR_CONFLICT; /* someone entered this month meanwhile */
	if (st == STATUS_OK)
		st = server_mark_applied(txn, conn, request, count->head.id);
	return server_finish_write(server, txn, st);
}

/* Enters or corrects the number of people an offer reached in a month. */
enum status handle_offer_count_set(struct server *server, struct conn *conn,
                                   const struct wire_msg *req, struct codec_buf *reply)
{
	struct field_error err = {0};
	struct offer_count count;
	enum status st = server_get_record(req, &offer_count_def, &count);

	if (st != STATUS_OK || count.offer >> (64 - OFFER_COUNT_MONTH_BITS))
		return STATUS_ERR_PROTOCOL;
	if ((st = offer_count_validate(&count, &err)) != STATUS_OK) {
		server_reply_error(reply, req->request, st, err.message);
		return STATUS_OK;
	}
	count.head.id = offer_count_id(count.offer, count.month);
	if ((st = write_count(server, conn, req->request, &count)) != STATUS_OK)
		return st;
	return put_counts(server, conn, count.offer, req->request, reply);
}
