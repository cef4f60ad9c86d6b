/* Internals shared by the configuration loader's files; nothing outside
 * src/model/config*.c sees this header.
 *
 *   config.c          loading, the error list, paths, lookups by id
 *   config_schema.c   what each setting is: one const table per group or list
 *   config_parse.c    the reader those tables drive: types, ranges, lists,
 *                     duplicates
 *   config_source.c   reading an integer literal again from the source text
 *   config_streets.c  the street directory: checks, overlaps, lookup
 */
#ifndef MODEL_CONFIG_PRIVATE_H
#define MODEL_CONFIG_PRIVATE_H

#include <libconfig.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/config.h"

/* Room for any key compared for duplicates: a folded street name, a login,
 * "2026 FG fallspezifisch". */
#define KEY_SIZE (2 * CONFIG_NAME_SIZE + 8)

enum field_type {
	FIELD_STRING, /* text copied into a char array of .size bytes */
	FIELD_INT,    /* int, .min .. .max */
	FIELD_INT32,  /* int32_t, .min .. .max */
	FIELD_MONEY,  /* int64_t cents, 0 .. MONEY_MAX, never a float */
	FIELD_BOOL,   /* bool */
	FIELD_CHOICE, /* a name of .choices, stored as its index (an enum) */
	FIELD_REF,    /* an id found with .find, stored as its index (int) */
	FIELD_REFS,   /* an array of ids: int * at .offset, size_t at .count_offset */
	FIELD_GROUP,  /* a group of the settings in .group, same base */
	FIELD_LIST,   /* a list described by .list */
	FIELD_TYPE_COUNT
};

enum list_id {
	LIST_DISTRICTS,
	LIST_PROVIDERS,
	LIST_TEAMS,
	LIST_STREETS,
	LIST_SERVICES,
	LIST_REPORTERS,
	LIST_STAFF,
	LIST_BUDGETS,
	LIST_COUNT
};

struct load;
struct list_desc;

struct field {
	const char *name;
	enum field_type type;
	bool required;
	long long min, max; /* integers */
	long long def;      /* default of integers, bools, choices, refs */
	const char *def_string;
	size_t offset; /* where the value goes in the struct being filled */
	size_t size;   /* FIELD_STRING: the buffer's size */
	size_t count_offset;
	const char *const *choices; /* FIELD_CHOICE */
	const char *what;           /* FIELD_CHOICE, FIELD_REF(S): "role", "district" */
	int (*find)(const struct config *config, const char *id);
	const struct field *group;    /* FIELD_GROUP */
	const struct list_desc *list; /* FIELD_LIST */
};

struct list_desc {
	enum list_id id;
	const char *what; /* one element, in messages: "district" */
	const struct field *fields;
	bool positional; /* elements are lists ("a", "b", 1, 2), not groups */
	size_t elem_size;
	size_t items_offset, count_offset; /* in struct config */
	/* Duplicates: KEY writes an element's key, KEY_LABEL names it in the
	 * message, KEY_FIELD is the setting whose line the message gives. */
	void (*key)(const void *elem, char *buf, size_t size);
	const char *key_label;
	const char *key_field;
	void (*check)(struct load *ld, void *elem, const config_setting_t *setting);
	void (*finish)(struct load *ld, const struct list_desc *l); /* after the whole list */
};

/* The text of a source file (config_source.c). */
struct source;

/* The state of one config_load. */
struct load {
	struct config *config;
	struct config_errors *errors;
	const char *path;
	char folder[PATH_MAX];
	const config_setting_t **where[LIST_COUNT]; /* each element's setting */
	struct source *sources;
	size_t nsources;
	bool nomem;
};

struct key_entry {
	char key[KEY_SIZE];
	size_t index;
};

enum literal { LITERAL_FOUND, LITERAL_TOO_BIG, LITERAL_NOT_FOUND };

/* ---- config.c ---- */

/* libconfig names an included file as the @include wrote it, relative to
 * the include folder; writes a path to FILE that works from here. */
void config_source_path(const struct load *ld, const char *file, char *out, size_t size);

/* Adds an error at SETTING's file and line. */
void config_error_at(struct load *ld, const config_setting_t *setting, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* "line 12", or "streets.conf:12" when OTHER is in another file than HERE. */
void config_where_text(const struct load *ld, const config_setting_t *here,
                       const config_setting_t *other, char *buf, size_t size);

/* ---- config_schema.c ---- */

/* The top level; its order of lists is the order of parsing. */
extern const struct field config_top_fields[];

/* ---- config_parse.c ---- */

void config_apply_defaults(const struct field *fields, void *base);

/* Parses the members of GROUP by the table FIELDS into BASE. LABEL names the
 * group in messages (NULL at the top level). */
void config_parse_fields(struct load *ld, const struct field *fields, const config_setting_t *group,
                         void *base, const char *label);

/* Keys of all elements of L sorted by key, ties in file order; NULL when
 * out of memory. The caller frees. */
struct key_entry *config_keys_sorted(struct load *ld, const struct list_desc *l,
                                     void (*key)(const void *, char *, size_t), size_t *count);

/* ---- config_source.c ---- */

/* The literal written for the integer SETTING, read from its source line. */
enum literal config_literal_of(struct load *ld, const config_setting_t *setting, long long *value);

/* Frees the source texts read during the load. */
void config_sources_free(struct load *ld);

/* ---- config_streets.c ---- */

/* The names of enum street_parity, NULL-terminated. */
extern const char *const config_parity_names[];

/* The street list's check of one line, and of the whole list for overlaps. */
void config_street_check(struct load *ld, void *elem, const config_setting_t *setting);
void config_streets_check_overlaps(struct load *ld, const struct list_desc *l);

#endif
