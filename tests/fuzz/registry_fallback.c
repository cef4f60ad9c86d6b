/* Stand-in for src/model/registry.c while that file does not exist yet:
 * tests/fuzz/build compiles this file only when src/model/registry.c is
 * missing. Same contract as include/model/registry.h, with the record types
 * the program had before the registry. record_def has no table name here, so
 * record_type_find compares def->name. Remove once registry.c is in. */
#include <string.h>

#include "model/audit.h"
#include "model/draft.h"
#include "model/offer.h"
#include "model/registry.h"
#include "model/request.h"

const struct record_def *const record_types[] = {
        &offer_def, &offer_count_def, &draft_def, &audit_def, &applied_request_def,
};

const size_t record_type_count = sizeof(record_types) / sizeof(record_types[0]);

const struct record_def *record_type_find(const char *table)
{
	for (size_t i = 0; i < record_type_count; i++)
		if (strcmp(record_types[i]->name, table) == 0)
			return record_types[i];
	return NULL;
}

const struct record_def *record_type_by_kind(uint16_t kind)
{
	for (size_t i = 0; i < record_type_count; i++)
		if (record_types[i]->kind == kind)
			return record_types[i];
	return NULL;
}
