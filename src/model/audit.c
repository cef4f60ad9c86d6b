#include <stddef.h>

#include "model/audit.h"

static const struct field_def audit_fields[] = {
        {.tag = 2,
         .name = "time",
         .label = "Zeit",
         FIELD_TIME(struct audit_entry, time),
         .width = 19},
        {.tag = 3,
         .name = "login",
         .label = "Benutzer",
         FIELD_TEXT(struct audit_entry, login),
         .width = 12,
         .required = true},
        {.tag = 4,
         .name = "action",
         .label = "Aktion",
         FIELD_TEXT(struct audit_entry, action),
         .width = 10,
         .required = true},
        {.tag = 5,
         .name = "table",
         .label = "Art",
         FIELD_TEXT(struct audit_entry, table),
         .width = 10},
        {.tag = 6,
         .name = "record",
         .label = "Datensatz",
         FIELD_ID(struct audit_entry, record),
         .width = 10},
        {.tag = 7,
         .name = "detail",
         .label = "Details",
         FIELD_TEXT(struct audit_entry, detail),
         .width = 40},
};

/* A filtered audit query reads one of these from where it starts: the
 * entries of a user or of a record from a time on (the key ends with the
 * time), or all from a time on. Within one key entries lie in id order. */
static uint64_t entry_time(const struct audit_entry *entry)
{
	return entry->time > 0 ? (uint64_t)entry->time : 0;
}

static int key_login(const void *rec, uint8_t *buf, size_t size)
{
	const struct audit_entry *entry = rec;
	int n = index_put_text(buf, size, entry->login);

	return n < 0 || index_put_id(buf + n, size - (size_t)n, entry_time(entry)) < 0 ? -1 : n + 8;
}

static int key_record(const void *rec, uint8_t *buf, size_t size)
{
	const struct audit_entry *entry = rec;

	if (!entry->record || size < 16)
		return -1;
	index_put_id(buf, size, entry->record);
	index_put_id(buf + 8, size - 8, entry_time(entry));
	return 16;
}

static int key_time(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_id(buf, size, entry_time(rec));
}

static const struct index_def audit_indexes[] = {
        {.name = "login", .kind = INDEX_KEY, .key = key_login},
        {.name = "record", .kind = INDEX_KEY, .key = key_record},
        {.name = "time", .kind = INDEX_KEY, .key = key_time},
};

const struct record_def audit_def = {
        .kind = 2,
        .version = 1,
        .name = "audit",
        .table = "audit",
        .label = "Protokolleintrag",
        .plural = "Protokoll",
        .size = sizeof(struct audit_entry),
        RECORD_FIELDS(audit_fields),
        RECORD_INDEXES(audit_indexes),
};
