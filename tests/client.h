/* Saving an offer through the server, for the test and benchmark clients. */
#ifndef TESTS_CLIENT_H
#define TESTS_CLIENT_H

#include "model/offer.h"
#include "wire/client.h"

/* Sends OFFER_SAVE of *O and takes the stored record (new id, version)
 * from the answer. */
static inline enum status client_save_offer(struct wire_client *wire, struct offer *o)
{
	struct codec_buf enc;
	struct wire_msg reply;
	struct codec_reader r;
	struct codec_field f;
	enum status st;

	codec_buf_init(&enc);
	record_encode(&offer_def, o, &enc);
	codec_put_bytes(wire_client_request(wire, WIRE_OFFER_SAVE), WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	if ((st = wire_client_call(wire, &reply)) != STATUS_OK)
		return st;
	if (codec_open(&r, reply.data, reply.len) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	while (codec_next(&r, &f) == STATUS_OK)
		if (f.tag == WF_RECORD)
			return record_decode(&offer_def, f.data, f.len, o);
	return STATUS_ERR_PROTOCOL;
}

#endif
