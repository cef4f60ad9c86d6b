/* An entry of the audit log: who did what to which record, and when (UTC).
 * The store writes one in the same transaction as every write; reads of
 * personal data (opening a case file) write one too. Never changed. */
#ifndef MODEL_AUDIT_H
#define MODEL_AUDIT_H

#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

#define AUDIT_DETAIL_SIZE 256

struct audit_entry {
	struct record_head head; /* id: position in the log */
	int64_t time;            /* seconds since 1970-01-01 UTC */
	char login[CONFIG_LOGIN_SIZE];
	char action[CONFIG_ID_SIZE]; /* "create", "update", "delete", "open", ... */
	char table[CONFIG_ID_SIZE];  /* record type */
	uint64_t record;             /* id of the record; 0 when none */
	char detail[AUDIT_DETAIL_SIZE];
};

extern const struct record_def audit_def;

#endif
