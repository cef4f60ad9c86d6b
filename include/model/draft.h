/* Entwurf: what a user typed into a form and has not saved yet. The
 * terminal program sends it to the server when a field is left, every few
 * seconds of typing and on hang-up; at the next login the user is offered
 * to continue it. A draft belongs to one login and one form (the record
 * type and the record's id, 0 for a new one); saving the record drops it.
 *
 * The typed text is kept as typed, valid or not (a half-typed date is still
 * worth keeping): one line per field, "name=value", with backslash, newline
 * and carriage return in values written as \\, \n and \r.
 */
#ifndef MODEL_DRAFT_H
#define MODEL_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

#define DRAFT_TITLE_SIZE 121
#define DRAFT_TEXT_SIZE  16384

struct draft {
	struct record_head head;
	char login[CONFIG_LOGIN_SIZE];
	char table[CONFIG_ID_SIZE]; /* the record type's table, "offers" */
	uint64_t record;            /* the record being edited; 0 = a new one */
	int64_t time;               /* last sent, seconds since 1970 UTC */
	char title[DRAFT_TITLE_SIZE];
	char text[DRAFT_TEXT_SIZE]; /* the fields as typed, see above */
	int64_t based_on;           /* the record's version the input started from (v2) */
};

extern const struct record_def draft_def;

/* Appends "NAME=VALUE\n" (VALUE escaped) to the draft's text; false when
 * it does not fit (the text is then unchanged). */
bool draft_put(struct draft *draft, const char *name, const char *value);

/* The value of field NAME as typed, unescaped into BUF; false when the
 * draft has no such field. */
bool draft_get(const struct draft *draft, const char *name, char *buf, size_t size);

#endif
