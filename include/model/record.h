/* Record types declared as field tables.
 *
 * A record type is one const table of field definitions with designated
 * initialisers: name, German label, type, where the value lives in the C
 * struct, width, limits, choices, required, help. The table drives the
 * stored encoding (record_encode/decode), validation (record_validate),
 * typed input and display (field_parse/field_format), and later the forms,
 * list columns and CSV exports. Every record struct starts with a
 * struct record_head, so the store can reach id and version generically.
 *
 * A field's tag is its number in the encoding: never reuse or renumber one.
 * Adding a field means a new tag and a higher record version; older records
 * decode with the new field at its zero value.
 */
#ifndef MODEL_RECORD_H
#define MODEL_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/codec.h"
#include "model/status.h"

struct config;

struct record_head {
	uint64_t id;      /* assigned by the store on insert; 0 = new */
	uint32_t version; /* counts saves; a save names the version it edited */
};

enum field_type {
	FIELD_ID,     /* uint64_t */
	FIELD_INT,    /* int64_t */
	FIELD_MONEY,  /* int64_t cents */
	FIELD_DATE,   /* int32_t yyyymmdd, 0 = none */
	FIELD_BOOL,   /* bool */
	FIELD_TEXT,   /* char[size], UTF-8 */
	FIELD_CHOICE, /* int, index into choices (stored by name) */
	FIELD_REF,    /* char[size], the id of an entry of a configuration list */
};

/* The configuration list a FIELD_REF points into. */
enum field_source {
	SOURCE_NONE,
	SOURCE_DISTRICTS,
	SOURCE_TEAMS,
	SOURCE_PROVIDERS,
	SOURCE_SERVICES,
	SOURCE_STAFF,
};

struct field_def {
	uint16_t tag;
	const char *name;  /* code name */
	const char *label; /* German label */
	enum field_type type;
	size_t offset, size;
	int width;        /* display columns */
	int64_t min, max; /* numbers, money, dates; min > max or both 0 means no limit */
	bool required;
	bool multiline;
	const char *const *choices;       /* FIELD_CHOICE: NULL-terminated names */
	const char *const *choice_labels; /* FIELD_CHOICE: German labels, same order */
	enum field_source source;         /* FIELD_REF */
	const char *help;                 /* German help text */
};

#define FIELD_AT(type, member) .offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

struct record_def {
	uint16_t kind;    /* unique per record type */
	uint16_t version; /* the newest format this program writes and reads */
	const char *name;
	const char *label;
	size_t size; /* sizeof the struct */
	const struct field_def *fields;
	size_t nfields;
};

/* The outcome of a validation: which field, what status, and the message to
 * show at that field (German). */
struct field_error {
	const struct field_def *field;
	enum status status;
	char message[160];
};

enum status record_encode(const struct record_def *def, const void *rec, struct codec_buf *buf);

/* Decodes into REC (zeroed first). STATUS_ERR_NEWER_FORMAT for a version
 * above DEF's, STATUS_ERR_CORRUPT for another kind, a field of the wrong
 * type, or an unknown tag. */
enum status record_decode(const struct record_def *def, const void *data, size_t len, void *rec);

/* Checks every field against its definition (required, limits, text rules,
 * dates, choices, references into CONFIG when not NULL). Stops at the first
 * error and describes it in ERR (may be NULL). */
enum status record_validate(const struct record_def *def, const void *rec,
                            const struct config *config, struct field_error *err);

/* Typed input of one field from what a user typed, with the model's rules
 * (money, dates, choices by name or label). REC is changed only on success. */
enum status field_parse(const struct field_def *field, const char *text, void *rec);

/* Display text of one field (dates TT.MM.JJJJ, money 1.234,56 €, choices by
 * label, yes/no as "ja"/"nein"); returns the length. */
size_t field_format(const struct field_def *field, const void *rec, char *buf, size_t size);

/* The value of a field of a number type (ids, numbers, money in cents,
 * dates as yyyymmdd, yes/no as 1/0), for comparing records by value;
 * false for text and choices. */
bool record_field_number(const struct field_def *field, const void *rec, int64_t *out);

const struct field_def *record_field(const struct record_def *def, const char *name);

#endif
