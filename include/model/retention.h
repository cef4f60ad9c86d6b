/* Aufbewahrung: until when a case is kept, by the configuration's periods
 * (domain.md). A case with a help of a service with keep_to_age (§ 9b SGB
 * VIII: Hilfen zur Erziehung, Eingliederungshilfe, Heimerziehung,
 * Vormundschaft) is kept to that birthday of its youngest young person;
 * any other case retention.case_years after it closed and its last help
 * ended. An open case, a help still running, or a § 9b case whose young
 * person's birth is unknown is kept: nothing is purged too early. */
#ifndef MODEL_RETENTION_H
#define MODEL_RETENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/case.h"
#include "model/config.h"
#include "model/measure.h"

/* Kept for good (for now): INT32_MAX as the last day. */
#define RETENTION_KEPT INT32_MAX

struct retention {
	const struct config *config;
	int32_t today;
	bool running;                 /* the case is open, or a help of it runs after today */
	int32_t ended;                /* the later of its closure and its helps' ends */
	int to_age;                   /* the largest keep_to_age of its helps' services */
	char service[CONFIG_ID_SIZE]; /* whose keep_to_age that is */
	int32_t birth;                /* the latest birth of its young persons (0: unknown) */
	int birth_year;               /* the latest birth year its helps name (0: none) */
};

/* The case C as of TODAY; then each of its measures and persons. */
void retention_begin(struct retention *r, const struct config *config, const struct case_file *c,
                     int32_t today);
void retention_add_measure(struct retention *r, const struct measure *m);
void retention_add_person(struct retention *r, const struct person *p);

/* The last day the case is kept (RETENTION_KEPT: no end yet), and why,
 * in German, into WHY. */
int32_t retention_until(const struct retention *r, char *why, size_t size);

#endif
