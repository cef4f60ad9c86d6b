/* Helpers shared by the fuzz targets (built by tests/fuzz/build, run by
 * tests/fuzz/run.sh). Everything is static: each target is one program. */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/record.h"
#include "model/registry.h"

/* Stops the run with a message: libFuzzer reports the abort as a crash and
 * writes the input that caused it. */
#define FUZZ_ASSERT(cond, ...)                                                   \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "fuzz: invariant broken: " __VA_ARGS__); \
			fputc('\n', stderr);                                     \
			abort();                                                 \
		}                                                                \
	} while (0)

/* Shows every field of REC (a DEF) as the programs do, in a roomy buffer
 * and in cramped ones, and reads the number of the number types. A text
 * must be terminated inside its member (AddressSanitizer sees no overrun
 * into the next member of a struct) and display text inside its buffer. */
static inline void fuzz_show_fields(const struct record_def *def, const void *rec)
{
	static char big[65536];
	char small[7];
	int64_t number;

	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *field = &def->fields[i];

		if (field->type == FIELD_TEXT || field->type == FIELD_REF)
			FUZZ_ASSERT(memchr((const char *)rec + field->offset, '\0', field->size),
			            "%s.%s: text not terminated inside its %zu bytes", def->name,
			            field->name, field->size);
		field_format(field, rec, big, sizeof(big));
		FUZZ_ASSERT(memchr(big, '\0', sizeof(big)), "%s.%s: display text unterminated",
		            def->name, field->name);
		for (size_t size = 1; size <= sizeof(small); size += 3) {
			memset(small, 'x', sizeof(small));
			field_format(field, rec, small, size);
			FUZZ_ASSERT(memchr(small, '\0', size),
			            "%s.%s: display text overruns %zu bytes", def->name,
			            field->name, size);
		}
		field_format(field, rec, small, 0);
		record_field_number(field, rec, &number);
	}
}

/* Decodes DATA against every record type into a heap block of exactly the
 * type's size (so that AddressSanitizer sees a write past it) and shows
 * what decoded. Returns how many types accepted it. */
static inline int fuzz_decode_all(const uint8_t *data, size_t len)
{
	int accepted = 0;

	for (size_t t = 0; t < record_type_count; t++) {
		const struct record_def *def = record_types[t];
		void *rec = malloc(def->size);

		FUZZ_ASSERT(rec, "out of memory");
		if (record_decode(def, data, len, rec) == STATUS_OK) {
			accepted++;
			fuzz_show_fields(def, rec);
		}
		free(rec);
	}
	return accepted;
}

#endif
