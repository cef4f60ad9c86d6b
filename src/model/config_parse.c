/* The table-driven reader: parses libconfig settings by the tables of
 * config_schema.c.
 *
 * A field's type picks its parser (string, integer, bool, choice, reference,
 * group, list); the same tables give the defaults and the check for unknown
 * settings. A list is parsed element by element, then checked for duplicate
 * keys and handed to the list's own finishing check.
 */
#include <libconfig.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/domain.h"
#include "model/status.h"
#include "model/text.h"
#include "config_private.h"

/* Choices are stored through an int; the enums must have its size. */
_Static_assert(sizeof(enum role) == sizeof(int), "enum role is not int-sized");
_Static_assert(sizeof(enum cost_model) == sizeof(int), "enum cost_model is not int-sized");
_Static_assert(sizeof(enum budget_line) == sizeof(int), "enum budget_line is not int-sized");
_Static_assert(sizeof(enum setting) == sizeof(int), "enum setting is not int-sized");
_Static_assert(sizeof(enum street_parity) == sizeof(int), "enum street_parity is not int-sized");

/* ---- parsing one setting, per field type ---- */

static void *field_ptr(void *base, const struct field *f)
{
	return (char *)base + f->offset;
}

static const struct field *field_find(const struct field *fields, const char *name)
{
	for (const struct field *f = fields; f->name; f++)
		if (name && strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* A string setting that is valid text, or NULL after reporting. */
static const char *get_text(struct load *ld, const struct field *f, const config_setting_t *s)
{
	const char *value = config_setting_get_string(s);

	if (!value) {
		config_error_at(ld, s, "'%s' must be a string in double quotes", f->name);
		return NULL;
	}
	if (text_check(value, false) != STATUS_OK) {
		config_error_at(ld, s, "'%s' holds a control character or is not valid UTF-8",
		                f->name);
		return NULL;
	}
	return value;
}

static void parse_string(struct load *ld, const struct field *f, const config_setting_t *s,
                         void *base)
{
	const char *value = get_text(ld, f, s);
	size_t len;

	if (!value)
		return;
	len = strlen(value);
	if (len >= f->size)
		config_error_at(ld, s, "'%s' too long (max %zu bytes)", f->name, f->size - 1);
	else if (len == 0 && f->required)
		config_error_at(ld, s, "'%s' must not be empty", f->name);
	else
		memcpy(field_ptr(base, f), value, len + 1);
}

/* A plain int: libconfig may have wrapped it, so compare with the source. */
static bool get_plain_int(struct load *ld, const struct field *f, const config_setting_t *s,
                          long long *out)
{
	long long written;
	enum literal found = config_literal_of(ld, s, &written);

	*out = config_setting_get_int(s);
	if (f->type != FIELD_MONEY) {
		/* The range check then sees what was really written. */
		if (found == LITERAL_FOUND)
			*out = written;
		else if (found == LITERAL_TOO_BIG)
			*out = LLONG_MAX;
		return true;
	}
	if (found == LITERAL_TOO_BIG) {
		config_error_at(ld, s, "'%s': money value too large", f->name);
		return false;
	}
	if (found == LITERAL_NOT_FOUND) {
		config_error_at(ld, s,
		                "'%s': cannot find the value in the file to check it; write "
		                "'%s = VALUE;' on one line",
		                f->name, f->name);
		return false;
	}
	if (written != *out) {
		config_error_at(ld, s,
		                "'%s': money value overflowed: write it with the L suffix (%lldL)",
		                f->name, written);
		return false;
	}
	return true;
}

static bool get_integer(struct load *ld, const struct field *f, const config_setting_t *s,
                        long long *out)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT64:
		*out = config_setting_get_int64(s);
		return true;
	case CONFIG_TYPE_INT:
		return get_plain_int(ld, f, s, out);
	case CONFIG_TYPE_FLOAT:
		if (f->type == FIELD_MONEY)
			config_error_at(ld, s,
			                "'%s' is money in cents: write a whole number, not a float",
			                f->name);
		else
			config_error_at(ld, s, "'%s' must be a whole number, not a float", f->name);
		return false;
	default:
		config_error_at(ld, s, "'%s' must be %s", f->name,
		                f->type == FIELD_MONEY ? "a whole number of cents"
		                                       : "a whole number");
		return false;
	}
}

static bool check_range(struct load *ld, const struct field *f, const config_setting_t *s,
                        long long value)
{
	bool open_ended = f->max >= INT32_MAX; /* no upper bound worth naming */

	if (value >= f->min && value <= f->max)
		return true;
	if (value < f->min && f->min == 0 && open_ended)
		config_error_at(ld, s, "'%s' must not be negative", f->name);
	else if (!open_ended)
		config_error_at(ld, s, "'%s' must be between %lld and %lld", f->name, f->min,
		                f->max);
	else if (value < f->min)
		config_error_at(ld, s, "'%s' must be at least %lld", f->name, f->min);
	else
		config_error_at(ld, s, "'%s' too large (max %lld)", f->name, f->max);
	return false;
}

static void store_integer(const struct field *f, void *base, long long value)
{
	void *p = field_ptr(base, f);

	if (f->type == FIELD_MONEY)
		*(int64_t *)p = (int64_t)value;
	else if (f->type == FIELD_INT32)
		*(int32_t *)p = (int32_t)value;
	else
		*(int *)p = (int)value;
}

static void parse_integer(struct load *ld, const struct field *f, const config_setting_t *s,
                          void *base)
{
	long long value;

	if (get_integer(ld, f, s, &value) && check_range(ld, f, s, value))
		store_integer(f, base, value);
}

static void parse_bool(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		config_error_at(ld, s, "'%s' must be true or false", f->name);
	else
		*(bool *)field_ptr(base, f) = config_setting_get_bool(s);
}

/* "a, b, c": the names of a choice, for the message. */
static void choices_text(const char *const *names, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; names[i] && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void parse_choice(struct load *ld, const struct field *f, const config_setting_t *s,
                         void *base)
{
	const char *value = get_text(ld, f, s);
	char names[160];
	int index;

	if (!value)
		return;
	index = domain_lookup(f->choices, value);
	if (index >= 0) {
		*(int *)field_ptr(base, f) = index;
		return;
	}
	choices_text(f->choices, names, sizeof names);
	config_error_at(ld, s, "unknown %s '%s': use one of %s", f->what, value, names);
}

/* The index of the id in S, or -1 after reporting. */
static int resolve_ref(struct load *ld, const struct field *f, const config_setting_t *s)
{
	const char *value = get_text(ld, f, s);
	int index;

	if (!value)
		return -1;
	index = f->find(ld->config, value);
	if (index < 0)
		config_error_at(ld, s, "unknown %s '%s'", f->what, value);
	return index;
}

static void parse_ref(struct load *ld, const struct field *f, const config_setting_t *s, void *base)
{
	*(int *)field_ptr(base, f) = resolve_ref(ld, f, s);
}

static void parse_refs(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base)
{
	int n = config_setting_length(s);
	int *refs;

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) {
		config_error_at(ld, s, "'%s' must be a list of ids in [ ]", f->name);
		return;
	}
	if (n == 0 && f->required) {
		config_error_at(ld, s, "'%s' must name at least one %s", f->name, f->what);
		return;
	}
	refs = calloc(n ? (size_t)n : 1, sizeof *refs);
	if (!refs) {
		ld->nomem = true;
		return;
	}
	for (int i = 0; i < n; i++)
		refs[i] = resolve_ref(ld, f, config_setting_get_elem(s, (unsigned)i));
	memcpy(field_ptr(base, f), &refs, sizeof refs);
	*(size_t *)((char *)base + f->count_offset) = (size_t)n;
}

static void parse_list(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base);

static void parse_group(struct load *ld, const struct field *f, const config_setting_t *s,
                        void *base)
{
	if (!config_setting_is_group(s))
		config_error_at(ld, s, "'%s' must be a group { ... }", f->name);
	else
		config_parse_fields(ld, f->group, s, base, f->name);
}

typedef void field_parser(struct load *ld, const struct field *f, const config_setting_t *s,
                          void *base);

static field_parser *const parsers[FIELD_TYPE_COUNT] = {
        [FIELD_STRING] = parse_string, [FIELD_INT] = parse_integer, [FIELD_INT32] = parse_integer,
        [FIELD_MONEY] = parse_integer, [FIELD_BOOL] = parse_bool,   [FIELD_CHOICE] = parse_choice,
        [FIELD_REF] = parse_ref,       [FIELD_REFS] = parse_refs,   [FIELD_GROUP] = parse_group,
        [FIELD_LIST] = parse_list,
};

/* ---- duplicates ---- */

static void list_get(const struct load *ld, const struct list_desc *l, char **items, size_t *count)
{
	memcpy(items, (const char *)ld->config + l->items_offset, sizeof *items);
	memcpy(count, (const char *)ld->config + l->count_offset, sizeof *count);
}

static int key_compare(const void *a, const void *b)
{
	const struct key_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

/* Keys of all elements of L sorted by key, ties in file order; NULL when
 * out of memory. The caller frees. */
struct key_entry *config_keys_sorted(struct load *ld, const struct list_desc *l,
                                     void (*key)(const void *, char *, size_t), size_t *count)
{
	char *items;
	struct key_entry *keys;

	list_get(ld, l, &items, count);
	keys = calloc(*count ? *count : 1, sizeof *keys);
	if (!keys) {
		ld->nomem = true;
		return NULL;
	}
	for (size_t i = 0; i < *count; i++) {
		key(items + i * l->elem_size, keys[i].key, sizeof keys[i].key);
		keys[i].index = i;
	}
	qsort(keys, *count, sizeof *keys, key_compare);
	return keys;
}

/* The setting an error about element I points at: its key setting if any. */
static const config_setting_t *key_setting(const struct load *ld, const struct list_desc *l,
                                           size_t i)
{
	const config_setting_t *e = ld->where[l->id][i], *m = NULL;

	if (l->key_field && config_setting_is_group(e))
		m = config_setting_get_member(e, l->key_field);
	return m ? m : e;
}

static void report_duplicate(struct load *ld, const struct list_desc *l, size_t dup, size_t first,
                             const char *key)
{
	const config_setting_t *here = key_setting(ld, l, dup), *there = key_setting(ld, l, first);
	char where[PATH_MAX + 32];

	config_where_text(ld, here, there, where, sizeof where);
	if (l->id == LIST_BUDGETS) {
		const struct cfg_budget *b = &ld->config->budgets[dup];
		config_error_at(ld, here, "duplicate budget %d %s %s (first at %s)", (int)b->year,
		                ld->config->districts[b->district].id, budget_line_names[b->line],
		                where);
	} else {
		config_error_at(ld, here, "duplicate %s '%s' (first at %s)", l->key_label, key,
		                where);
	}
}

static void check_unique(struct load *ld, const struct list_desc *l)
{
	size_t n, first = 0;
	struct key_entry *keys;

	if (!l->key || !(keys = config_keys_sorted(ld, l, l->key, &n)))
		return;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(keys[i].key, keys[first].key) != 0)
			first = i;
		else if (keys[i].key[0])
			report_duplicate(ld, l, keys[i].index, keys[first].index, keys[i].key);
	}
	free(keys);
}

/* ---- groups and lists ---- */

void config_apply_defaults(const struct field *fields, void *base)
{
	for (const struct field *f = fields; f->name; f++) {
		switch (f->type) {
		case FIELD_STRING:
			if (f->def_string)
				snprintf(field_ptr(base, f), f->size, "%s", f->def_string);
			break;
		case FIELD_INT:
		case FIELD_INT32:
		case FIELD_MONEY:
			store_integer(f, base, f->def);
			break;
		case FIELD_BOOL:
			*(bool *)field_ptr(base, f) = f->def != 0;
			break;
		case FIELD_CHOICE:
		case FIELD_REF:
			*(int *)field_ptr(base, f) = (int)f->def;
			break;
		case FIELD_GROUP:
			config_apply_defaults(f->group, base);
			break;
		default:
			break;
		}
	}
}

static void check_unknown(struct load *ld, const struct field *fields,
                          const config_setting_t *group, const char *label)
{
	int n = config_setting_length(group);

	for (int i = 0; i < n; i++) {
		const config_setting_t *member = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(member);

		if (field_find(fields, name))
			continue;
		if (label)
			config_error_at(ld, member, "unknown setting '%s' in %s", name ? name : "?",
			                label);
		else
			config_error_at(ld, member, "unknown setting '%s'", name ? name : "?");
	}
}

/* Parses the members of GROUP by the table FIELDS into BASE. LABEL names the
 * group in messages (NULL at the top level). */
void config_parse_fields(struct load *ld, const struct field *fields, const config_setting_t *group,
                         void *base, const char *label)
{
	check_unknown(ld, fields, group, label);
	for (const struct field *f = fields; f->name; f++) {
		const config_setting_t *member = config_setting_get_member(group, f->name);

		if (member)
			parsers[f->type](ld, f, member, base);
		else if (f->required && label)
			config_error_at(ld, group, "missing required setting '%s' in %s", f->name,
			                label);
		else if (f->required)
			config_error_at(ld, group, "missing required setting '%s'", f->name);
	}
}

/* Positional elements: field I is value I of the list. */
static void parse_positional(struct load *ld, const struct list_desc *l, const config_setting_t *e,
                             void *elem)
{
	int n = config_setting_length(e), nfields = 0;

	while (l->fields[nfields].name)
		nfields++;
	if (n > nfields)
		config_error_at(ld, e, "too many values in %s (at most %d)", l->what, nfields);
	for (int i = 0; i < nfields; i++) {
		const struct field *f = &l->fields[i];

		if (i < n)
			parsers[f->type](ld, f, config_setting_get_elem(e, (unsigned)i), elem);
		else if (f->required)
			config_error_at(ld, e, "missing required value '%s' in %s", f->name,
			                l->what);
	}
}

/* False when E is not the kind of aggregate the list holds (nothing parsed). */
static bool parse_element(struct load *ld, const struct list_desc *l, const config_setting_t *e,
                          void *elem)
{
	config_apply_defaults(l->fields, elem);
	if (l->positional) {
		if (!config_setting_is_list(e) && !config_setting_is_array(e)) {
			config_error_at(ld, e, "each %s must be a list ( ... )", l->what);
			return false;
		}
		parse_positional(ld, l, e, elem);
	} else {
		if (!config_setting_is_group(e)) {
			config_error_at(ld, e, "each %s must be a group { ... }", l->what);
			return false;
		}
		config_parse_fields(ld, l->fields, e, elem, l->what);
	}
	if (l->check)
		l->check(ld, elem, e);
	return true;
}

static void list_set(struct load *ld, const struct list_desc *l, void *items, size_t count)
{
	memcpy((char *)ld->config + l->items_offset, &items, sizeof items);
	memcpy((char *)ld->config + l->count_offset, &count, sizeof count);
}

static void parse_list(struct load *ld, const struct field *f, const config_setting_t *s,
                       void *base)
{
	const struct list_desc *l = f->list;
	size_t n = (size_t)config_setting_length(s), count = 0;
	char *items;
	const config_setting_t **where;

	(void)base;
	if (!config_setting_is_list(s) && !config_setting_is_array(s)) {
		config_error_at(ld, s, "'%s' must be a list ( ... )", f->name);
		return;
	}
	items = calloc(n ? n : 1, l->elem_size);
	where = calloc(n ? n : 1, sizeof *where);
	if (!items || !where) {
		free(items);
		free(where);
		ld->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

		if (parse_element(ld, l, e, items + count * l->elem_size))
			where[count++] = e;
	}
	list_set(ld, l, items, count);
	ld->where[l->id] = where;
	check_unique(ld, l);
	if (l->finish)
		l->finish(ld, l);
}
