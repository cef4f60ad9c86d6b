/* Fuzz target: a protocol message as the server receives it from a client
 * (or a client from the server). wire_parse checks it; when it passes, every
 * way the handlers read a message is tried on every tag up to LAST_TAG
 * (tags are taken by number, so the target does not follow each rename in
 * wire.h): numbers, strings and bytes into roomy and tight buffers, walks
 * over repeated fields (whole and stopped early), every WF_RECORD decoded
 * against every record type, and wire_get_record for every type. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wire/wire.h"

#define LAST_TAG 48 /* a little past the highest WF_* tag */

static enum status count_field(void *ctx, const struct codec_field *field)
{
	(void)field;
	++*(int *)ctx;
	return STATUS_OK;
}

/* Stops the walk at the second field, as a handler does that wants one. */
static enum status stop_at_second(void *ctx, const struct codec_field *field)
{
	(void)field;
	return ++*(int *)ctx >= 2 ? STATUS_ERR_PROTOCOL : STATUS_OK;
}

static enum status decode_record(void *ctx, const struct codec_field *field)
{
	++*(int *)ctx;
	fuzz_decode_all(field->data, field->len);
	return STATUS_OK;
}

static void read_tag(const struct wire_msg *msg, uint16_t tag)
{
	char text[4096], tight[8];
	uint64_t value;
	int count;

	wire_get_u64(msg, tag, &value);
	if (wire_get_str(msg, tag, text, sizeof(text)) == STATUS_OK)
		FUZZ_ASSERT(memchr(text, '\0', sizeof(text)), "tag %u: string unterminated", tag);
	if (wire_get_str(msg, tag, tight, sizeof(tight)) == STATUS_OK)
		FUZZ_ASSERT(memchr(tight, '\0', sizeof(tight)), "tag %u: string overruns", tag);
	wire_get_str(msg, tag, tight, 1);
	{
		uint8_t bytes[4096];
		size_t len = SIZE_MAX;

		if (wire_get_bytes(msg, tag, bytes, sizeof(bytes), &len) == STATUS_OK)
			FUZZ_ASSERT(len <= sizeof(bytes), "tag %u: %zu bytes in %zu", tag, len,
			            sizeof(bytes));
		if (wire_get_bytes(msg, tag, tight, sizeof(tight), &len) == STATUS_OK)
			FUZZ_ASSERT(len <= sizeof(tight), "tag %u: %zu bytes in %zu", tag, len,
			            sizeof(tight));
	}
	count = 0;
	wire_each(msg, tag, count_field, &count);
	count = 0;
	wire_each(msg, tag, stop_at_second, &count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire_msg msg;
	uint64_t value;
	int count;

	if (wire_parse(data, size, &msg) != STATUS_OK)
		return 0;
	FUZZ_ASSERT(msg.data == (const void *)data && msg.len == size,
	            "wire_parse moved the message");
	FUZZ_ASSERT(wire_kind_name(msg.kind) != NULL, "no name for kind %u", msg.kind);
	/* With one request id, reading it again gives the parsed one. (With
	 * several, wire_parse keeps the last and wire_get_u64 finds the first:
	 * reported, not yet decided, so not checked here.) */
	count = 0;
	wire_each(&msg, WF_REQUEST, count_field, &count);
	FUZZ_ASSERT(count >= 1, "parsed without a request id");
	if (count == 1)
		FUZZ_ASSERT(wire_get_u64(&msg, WF_REQUEST, &value) == STATUS_OK &&
		                    value == msg.request,
		            "the request id read differs from the parsed one");

	for (uint16_t tag = 0; tag <= LAST_TAG; tag++)
		read_tag(&msg, tag);
	read_tag(&msg, UINT16_MAX);
	count = 0;
	wire_each(&msg, WF_RECORD, decode_record, &count);
	/* The first record as the server and the terminal program read it. */
	for (size_t t = 0; t < record_type_count; t++) {
		void *rec = malloc(record_types[t]->size);

		FUZZ_ASSERT(rec, "out of memory");
		if (wire_get_record(&msg, record_types[t], rec) == STATUS_OK)
			fuzz_show_fields(record_types[t], rec);
		free(rec);
	}
	return 0;
}
