/* The duplicate check of an intake: persons with the same folded name and
 * birth day in other cases, answered with each case's number, district
 * and status only, whether or not the caller may read that case, so that
 * the caseworker learns that the family is known and to whom, without
 * seeing its content. Offered to the roles that take persons in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case.h"
#include "model/rights.h"
#include "server.h"

#define DUPLICATES_MAX 20

struct same_walk {
	struct store_txn *txn;
	struct codec_buf *reply;
	uint64_t skip; /* the case the person is taken into */
	unsigned found, read;
};

static int same_visit(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct same_walk *w = ctx;
	const struct person *p = rec;
	struct case_file c;
	char line[CASE_NUMBER_SIZE + CONFIG_ID_SIZE + 32];

	(void)pos;
	if (++w->read > DUPLICATES_MAX * 4 || w->found == DUPLICATES_MAX)
		return 1;
	if (p->case_id == w->skip || store_get(w->txn, &case_def, p->case_id, &c) != STATUS_OK)
		return 0;
	snprintf(line, sizeof(line), "%s;%s;%s", c.number, c.district,
	         c.status == CASE_OPEN ? "offen" : "geschlossen");
	codec_put_str(w->reply, WF_TEXT, line);
	w->found++;
	return 0;
}

enum status handle_duplicates(struct server *server, struct conn *conn, const struct wire_msg *req,
                              struct codec_buf *reply)
{
	char name[CASE_TEXT_SIZE];
	uint8_t key[INDEX_KEY_MAX];
	uint64_t birth = 0, skip = 0;
	struct store_range range = {.index = "same", .prefix = key};
	struct same_walk w = {.reply = reply};
	enum status st;
	int len;

	if (!rights_may(server_staff(server, conn), &person_def, VERB_CREATE))
		return STATUS_ERR_DENIED;
	if (wire_get_str(req, WF_NAME, name, sizeof(name)) != STATUS_OK ||
	    wire_get_u64(req, WF_DATE, &birth) != STATUS_OK || birth > 99991231 ||
	    wire_get_u64(req, WF_ID, &skip) == STATUS_ERR_PROTOCOL)
		return STATUS_ERR_PROTOCOL;
	wire_begin(reply, WIRE_DONE, req->request);
	if ((len = person_duplicate_key(name, (int32_t)birth, key, sizeof(key))) <= 0)
		return STATUS_OK; /* nothing to compare */
	range.prefix_len = (size_t)len;
	w.skip = skip;
	if ((st = store_begin_snapshot(server->store, &w.txn)) != STATUS_OK)
		return st;
	st = store_walk(w.txn, &person_def, &range, same_visit, &w);
	store_abort(w.txn);
	return st;
}
