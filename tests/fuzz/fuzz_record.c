/* Fuzz target: a stored record as the store reads it from Berkeley DB (or a
 * record inside a message). Decoded against every record type; what decodes
 * must encode again, decode again, and encode to the same bytes a second
 * time: a record that came out of the database goes back in unchanged.
 * Validation and display of every field are run on it too, and each
 * field's display text is typed back into it, as a form does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Types each field's display text back into a copy of REC (COPY, of the
 * same size), as a form does that saves a record without changes. No
 * checks of the result: display text may not parse (an id past INT64_MAX,
 * a text longer than what can be typed). */
static void type_back(const struct record_def *def, const void *rec, void *copy)
{
	static char text[65536];

	memcpy(copy, rec, def->size);
	for (size_t i = 0; i < def->nfields; i++) {
		field_format(&def->fields[i], rec, text, sizeof(text));
		field_parse(&def->fields[i], text, copy);
	}
	record_validate(def, copy, NULL, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t t = 0; t < record_type_count; t++) {
		const struct record_def *def = record_types[t];
		void *rec = malloc(def->size), *again = malloc(def->size);
		struct codec_buf first, second;
		struct field_error err;
		enum status st;

		FUZZ_ASSERT(rec && again, "out of memory");
		codec_buf_init(&first);
		codec_buf_init(&second);
		if (record_decode(def, data, size, rec) != STATUS_OK)
			goto next;

		fuzz_show_fields(def, rec);
		memset(&err, 0, sizeof(err));
		st = record_validate(def, rec, NULL, &err);
		if (st != STATUS_OK) {
			FUZZ_ASSERT(err.status == st, "%s: validation said %d, its error %d",
			            def->name, st, err.status);
			FUZZ_ASSERT(memchr(err.message, '\0', sizeof(err.message)),
			            "%s: validation message unterminated", def->name);
		}
		record_validate(def, rec, NULL, NULL);
		type_back(def, rec, again);

		st = record_encode(def, rec, &first);
		FUZZ_ASSERT(st == STATUS_OK, "%s: a decoded record does not encode (%d)", def->name,
		            st);
		st = record_decode(def, first.data, first.len, again);
		FUZZ_ASSERT(st == STATUS_OK, "%s: a re-encoded record does not decode (%d)",
		            def->name, st);
		st = record_encode(def, again, &second);
		FUZZ_ASSERT(st == STATUS_OK, "%s: the second encoding failed (%d)", def->name, st);
		FUZZ_ASSERT(
		        first.len == second.len && memcmp(first.data, second.data, first.len) == 0,
		        "%s: encode(decode(encode(r))) differs from encode(r) (%zu vs %zu bytes)",
		        def->name, first.len, second.len);
	next:
		codec_buf_free(&first);
		codec_buf_free(&second);
		free(rec);
		free(again);
	}
	return 0;
}
