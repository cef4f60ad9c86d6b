/* The request id of a save that was applied, kept so that a save resent
 * after a lost answer is applied exactly once. Its record id is the
 * request id itself. */
#ifndef MODEL_REQUEST_H
#define MODEL_REQUEST_H

#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

struct applied_request {
	struct record_head head; /* id: the request id */
	char login[CONFIG_LOGIN_SIZE];
	uint64_t record;            /* what the save wrote */
	int64_t time;               /* when, seconds since 1970 UTC */
	char table[CONFIG_ID_SIZE]; /* of that record (version 2; "" before) */
};

extern const struct record_def applied_request_def;

#endif
