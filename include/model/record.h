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
	FIELD_TIME,   /* int64_t seconds since 1970 UTC (events, times of day) */
};

/* What a field tells about a person, for redaction: each role sees the
 * classes the rights table gives it (rights.h), the rest is blanked. */
enum field_privacy {
	PRIVACY_PLAIN,       /* no personal data */
	PRIVACY_IDENTIFYING, /* names, addresses, birth dates: who somebody is */
	PRIVACY_SENSITIVE,   /* what happened: journal text, risks, reasons */
	PRIVACY_COUNT
};

/* The configuration list a FIELD_REF points into. */
enum field_source {
	SOURCE_NONE,
	SOURCE_DISTRICTS,
	SOURCE_TEAMS,
	SOURCE_PROVIDERS,
	SOURCE_SERVICES,
	SOURCE_STAFF,
	SOURCE_REPORTERS,
};

struct field_def {
	uint16_t tag;
	const char *name;  /* code name */
	const char *label; /* German label */
	enum field_type type;
	size_t offset, size;
	int width;        /* display columns */
	int64_t min, max; /* numbers, money, dates; min > max or both 0 means no limit */
	/* Must be given: text not empty, a choice made, a date or number not
	 * 0, an id set, yes/no answered "ja". */
	bool required;
	bool multiline;
	bool month; /* FIELD_DATE: a month, shown and typed "MM.JJJJ", kept as its first day */
	/* FIELD_DATE: the day may be unknown: "MM.JJJJ" alone is kept as day
	 * 00 of the month (a birth month and year) and shown so again. */
	bool day_optional;
	bool filled; /* set by the writer (record_def.fill): shown, not typed */
	/* FIELD_INT: hundredths, shown and typed with two decimals ("2,50"
	 * hours is 250) */
	bool hundredths;
	const char *const *choices;       /* FIELD_CHOICE: NULL-terminated names */
	const char *const *choice_labels; /* FIELD_CHOICE: German labels, same order */
	enum field_source source;         /* FIELD_REF */
	const char *help;                 /* German help text */
	enum field_privacy privacy;
	/* FIELD_TEXT: kept by a purge (record_purge_texts), as a number
	 * typed by the finance system is; every other typed text goes. */
	bool retained;
};

/* Typed field macros: FIELD_INT(struct x, member) sets the type, offset
 * and size, and does not compile when the member is not of the type the
 * field type stores (an int32_t member for FIELD_INT). */
#define FIELD_MEMBER_(T, m, ctype)                                                             \
	.offset = offsetof(T, m) +                                                             \
	          0 * sizeof(char[__builtin_types_compatible_p(__typeof__(((T *)0)->m), ctype) \
	                                  ? 1                                                  \
	                                  : -1]),                                              \
	.size = sizeof(((T *)0)->m)
#define FIELD_ARRAY_(T, m) char[sizeof(((T *)0)->m)]
#define FIELD_ID(T, m)     .type = FIELD_ID, FIELD_MEMBER_(T, m, uint64_t)
#define FIELD_INT(T, m)    .type = FIELD_INT, FIELD_MEMBER_(T, m, int64_t)
#define FIELD_MONEY(T, m)  .type = FIELD_MONEY, FIELD_MEMBER_(T, m, int64_t)
#define FIELD_DATE(T, m)   .type = FIELD_DATE, FIELD_MEMBER_(T, m, int32_t)
#define FIELD_TIME(T, m)   .type = FIELD_TIME, FIELD_MEMBER_(T, m, int64_t)
#define FIELD_BOOL(T, m)   .type = FIELD_BOOL, FIELD_MEMBER_(T, m, bool)
#define FIELD_CHOICE(T, m) .type = FIELD_CHOICE, FIELD_MEMBER_(T, m, int)
#define FIELD_TEXT(T, m)   .type = FIELD_TEXT, FIELD_MEMBER_(T, m, FIELD_ARRAY_(T, m))
#define FIELD_REF(T, m)    .type = FIELD_REF, FIELD_MEMBER_(T, m, FIELD_ARRAY_(T, m))
/* A choice field's codes and their German labels, in the same order. */
#define FIELD_CHOICES(names, labels) .choices = names, .choice_labels = labels

/* A secondary index of a record type, kept by the store in the same
 * transaction as every write. INDEX_KEY: KEY writes the record's key into
 * BUF (binary keys are fine: ids big-endian so that they sort, a text
 * ended by its '\0' so that "FG" is no prefix of "FG2") and returns its
 * length, or -1 when the record has no entry. INDEX_WORDS: every word of
 * text field FIELD, folded both ways (ä = ae = a), so a search for any
 * word's beginning finds it. Entries of one key lie in id order. */
enum index_kind {
	INDEX_KEY,
	INDEX_WORDS,
	INDEX_PARENT, /* the parent's id, big-endian: kept by the store itself */
};
#define INDEX_KEY_MAX 256
struct index_def {
	const char *name; /* unique within the record type */
	enum index_kind kind;
	int (*key)(const void *rec, uint8_t *buf, size_t size);
	const char *field;
	/* INDEX_KEY: what its keys tell (a search by them is one only a role
	 * that sees this class may make); INDEX_WORDS: the field's class. */
	enum field_privacy privacy;
};

/* What a purge after the retention period (model/retention.h) does to
 * the records of a case: nothing (records of no case), deletes them
 * (persons, journal, follow-ups: nothing a report counts), or replaces
 * their typed texts and keeps the rest, so that the counts, codes, days
 * and money of past reports stay. */
enum record_purge {
	PURGE_NONE,
	PURGE_TEXTS,
	PURGE_DELETE,
};

/* Where a record's id comes from. */
enum record_ids {
	IDS_SEQUENCE, /* the next number of the table's sequence */
	IDS_COMPUTED, /* make_id() of the record's content (a month of an offer) */
	IDS_CALLER,   /* whoever writes it (bookkeeping: request ids) */
};

struct field_error;
struct cfg_staff;
struct record_def;

/* What the writer gives a record type's FILL, in the save's transaction:
 * who saves, the record as stored (NULL for a new one), its parent (for a
 * type with one; NULL when it does not exist), the time, and the next
 * value of a named sequence. */
struct record_fill {
	const struct config *config;
	const struct cfg_staff *who;
	const void *stored;
	const void *parent;
	int64_t now; /* seconds since 1970 */
	/* the parent stored because a new child settled it (settle_parent):
	 * what the child set stays */
	bool settling;
	enum status (*next)(void *ctx, const char *sequence, uint64_t *value);
	/* Another record by its id, read in the save's transaction (a
	 * booking's measure); STATUS_ERR_NOT_FOUND when there is none. */
	enum status (*get)(void *ctx, const struct record_def *def, uint64_t id, void *rec);
	/* The first record of DEF whose key in INDEX begins with KEY (LEN
	 * bytes): a second booking of one invoice; STATUS_ERR_NOT_FOUND when
	 * none. GET and FIND are NULL where the writer has no transaction
	 * (verify's second look at a stored record). */
	enum status (*find)(void *ctx, const struct record_def *def, const char *index,
	                    const uint8_t *key, size_t len, void *rec);
	void *ctx;
};

/* A record type. The registry (registry.h) lists every one; the store, the
 * server's record service and the screens are driven by it. */
struct record_def {
	uint16_t kind;      /* unique per record type */
	uint16_t version;   /* the newest format this program writes and reads */
	const char *name;   /* code name, singular: "offer" */
	const char *table;  /* table name, plural: "offers" (files, audit, wire) */
	const char *label;  /* German, singular: "Angebot" */
	const char *plural; /* German, plural: "Angebote" */
	size_t size;        /* sizeof the struct */
	const struct field_def *fields;
	size_t nfields;
	/* Rules beyond the field table (record_validate runs it after the
	 * fields); NULL when there are none. */
	enum status (*validate)(const void *rec, const struct config *config,
	                        struct field_error *err);
	/* Values no client chooses, set by the writer before the rules are
	 * checked (a case's number from the year's sequence, its district
	 * from the address, a journal entry's author); NULL when none. ERR
	 * says at which field it could not (an address not in the street
	 * directory). */
	enum status (*fill)(void *rec, const struct record_fill *fill, struct field_error *err);
	/* Values that follow from the record's own fields and the
	 * configuration alone (a measure's cost from its rate and period):
	 * the form computes them as the user types, so they are seen before
	 * saving, and the writer again before its fill. NULL when none. */
	void (*derive)(void *rec, const struct config *config);
	enum record_ids ids;
	uint64_t (*make_id)(const void *rec); /* IDS_COMPUTED */
	/* The record this one belongs to (a month's count to its offer): the
	 * id field PARENT_FIELD names a record of PARENT. Rights are decided on
	 * the parent; verify checks that every parent exists; the store keeps
	 * an index "parent" (parent id, then id) for the child lists. */
	const struct record_def *parent;
	const char *parent_field;
	/* Rules that need the parent too (a month's count not before its
	 * offer began); NULL when there are none. */
	enum status (*validate_with_parent)(const void *rec, const void *parent,
	                                    struct field_error *err);
	/* What a new record settles in its parent (a risk assessment
	 * completes its case's § 8a procedure): changes PARENT and returns
	 * true when it did; the writer then stores the parent, through its
	 * type's fill (told it is settling) and rules, in the same
	 * transaction (a parent that decides its own rights). NULL when none. */
	bool (*settle_parent)(void *parent, const void *rec);
	/* What decides a scope in the rights table (NULL when the type has
	 * none): the district (team scope), the provider (own provider), the
	 * lead caseworker's login (own cases). */
	const char *district_field, *provider_field, *lead_field;
	/* A child that decides its own rights by the fields above, which its
	 * fill copies from the parent (a measure: its case's district and
	 * lead, and its own provider, whose staff see no case). Its own
	 * children take their rights from it. */
	bool own_scope;
	/* A change may take the record out of the writer's scope: one who may
	 * change it where it is may save it elsewhere (a family that moves
	 * takes its case to the new district's team). Otherwise a change must
	 * stay within the writer's scope, as a new record must be in it. */
	bool leaves_scope;
	bool audited;     /* every write leaves an audit entry */
	bool audit_reads; /* opening one leaves an audit entry too */
	/* What a purge of the case the record belongs to does to it. */
	enum record_purge purge;
	/* The date field that says the record was purged (NULL: the type has
	 * none): nobody writes it or below it afterwards. */
	const char *purged_field;
	const struct index_def *indexes;
	size_t nindexes;
};

#define RECORD_INDEXES(array) .indexes = array, .nindexes = sizeof(array) / sizeof(array[0])
#define RECORD_FIELDS(array)  .fields = array, .nfields = sizeof(array) / sizeof(array[0])

/* The record that decides the rights on a record of DEF is its parent
 * (true), or the record itself. */
static inline bool record_scoped_by_parent(const struct record_def *def)
{
	return def->parent && !def->own_scope;
}

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
 * dates, choices, references into CONFIG when not NULL), then the type's
 * own rules (DEF->validate). Stops at the first error and describes it in
 * ERR (may be NULL). */
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

/* What changed from OLD to NEW, for the audit log and a record's history:
 * the labels of the changed fields, with the old and the new value where
 * the field holds no personal data and is chosen, not typed (a choice, a
 * staff member, a day: "Fallführung: fk.fg → tl.fg; Anschrift"), so that
 * the log names who led a case when and never says what happened to
 * anyone. Whole parts only, "…" when more changed than SIZE holds.
 * Returns the length. */
size_t record_changes(const struct record_def *def, const void *old, const void *new, char *buf,
                      size_t size);

/* The value of text field NAME of REC ("" when DEF has no such field), and
 * of id field NAME (0 when none). */
const char *record_text(const struct record_def *def, const void *rec, const char *name);
uint64_t record_id_field(const struct record_def *def, const void *rec, const char *name);

/* The text a purge leaves in a typed text that held something. */
#define RECORD_PURGED_TEXT "gelöscht"
/* Purges REC on DAY: replaces every typed text that holds something by
 * RECORD_PURGED_TEXT ("-" where that does not fit), not the writer's
 * (number, case number) and not the retained ones, and sets the type's
 * purged field to DAY. A text that was there stays there, so the rules
 * that ask for one still hold. Returns whether anything changed. */
bool record_purge(const struct record_def *def, void *rec, int32_t day);
/* The day REC was purged (its purged field), 0 when it was not or DEF
 * has no such field. */
int32_t record_purged(const struct record_def *def, const void *rec);

/* Sets ERR to the message for FIELD (by name in DEF) and returns ST: for
 * the validators of record types. */
enum status record_fail(struct field_error *err, const struct record_def *def, const char *field,
                        enum status st, const char *message);

/* Index key helpers: a text and its terminating '\0', an id big-endian.
 * Each returns the length written, or -1 when it does not fit. */
int index_put_text(uint8_t *buf, size_t size, const char *text);
int index_put_id(uint8_t *buf, size_t size, uint64_t id);
/* ... a text, then a day (yyyymmdd) big-endian: the entries of one text
 * in the order of their days (a lead's follow-ups by when they are due). */
int index_put_text_day(uint8_t *buf, size_t size, const char *text, int32_t day);

#endif
