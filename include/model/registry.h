/* The record type registry: one table of every record type the program
 * stores. The store keeps a table (and the declared indexes) for each, the
 * server serves the generic list / get / save for each (where the rights
 * table has rows for it), and verify checks every declared parent
 * relation. A new record type is added here and nowhere in src/store,
 * src/wire or src/server. */
#ifndef MODEL_REGISTRY_H
#define MODEL_REGISTRY_H

#include <stddef.h>

#include "model/record.h"

/* Every record type, in a fixed order. */
extern const struct record_def *const record_types[];
extern const size_t record_type_count;

/* The record type of table NAME ("offers"), or NULL. */
const struct record_def *record_type_find(const char *table);
/* The record type with encoding kind KIND, or NULL. */
const struct record_def *record_type_by_kind(uint16_t kind);

#endif
