/* Saving a record through the server's record service, for the test and
 * benchmark clients. */
#ifndef TESTS_CLIENT_H
#define TESTS_CLIENT_H

#include "model/offer.h"
#include "wire/client.h"

/* Sends RECORD_SAVE of *REC of type DEF and takes the stored record (new
 * id, version) from the answer. */
static inline enum status client_save(struct wire_client *wire, const struct record_def *def,
                                      void *rec)
{
	struct codec_buf enc, *req;
	struct wire_msg reply;
	enum status st;

	codec_buf_init(&enc);
	record_encode(def, rec, &enc);
	req = wire_client_request(wire, WIRE_RECORD_SAVE);
	codec_put_str(req, WF_TABLE, def->table);
	codec_put_bytes(req, WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	if ((st = wire_client_call(wire, &reply)) != STATUS_OK)
		return st;
	return wire_get_record(&reply, def, rec);
}

static inline enum status client_save_offer(struct wire_client *wire, struct offer *o)
{
	return client_save(wire, &offer_def, o);
}

#endif
