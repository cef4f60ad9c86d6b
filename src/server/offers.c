/* What the server does with offers beyond the record service: ending an
 * offer. Lists, opening, saving and the monthly counts are the record
 * service's (records.c). */
#include <stdlib.h>

#include "model/date.h"
#include "model/offer.h"
#include "server.h"

/* Deactivating keeps the offer in the directory with its history: it is
 * marked as ended on the given day (today when none is given); the whole
 * record is validated on the way, so an impossible day is refused. */
enum status handle_offer_deactivate(struct server *server, struct conn *conn,
                                    const struct wire_msg *req, struct codec_buf *reply)
{
	uint64_t id = 0, date = 0;
	struct store_txn *txn;
	struct offer *offer;
	enum status st;

	if (wire_get_u64(req, WF_ID, &id) != STATUS_OK ||
	    wire_get_u64(req, WF_DATE, &date) == STATUS_ERR_PROTOCOL || date > INT32_MAX)
		return STATUS_ERR_PROTOCOL;
	if (!(offer = malloc(sizeof(*offer))))
		return STATUS_ERR_NOMEM;
	if ((st = store_begin_snapshot(server->store, &txn)) == STATUS_OK) {
		st = records_read(server, conn, txn, &offer_def, id, VERB_END, offer);
		store_abort(txn);
	}
	if (st == STATUS_OK) {
		offer->inactive = true;
		offer->active_to = date ? (int32_t)date : date_today();
		if (!date && offer->active_to < offer->active_from)
			offer->active_to = offer->active_from; /* ending one that has not begun */
		st = records_write(server, conn, req, &offer_def, offer, VERB_END, reply);
	}
	free(offer);
	return st;
}
