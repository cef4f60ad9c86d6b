/* A valid offer for tests and benchmarks: district FG, provider DW. */
#ifndef TESTS_SAMPLE_H
#define TESTS_SAMPLE_H

#include <stdio.h>
#include <string.h>

#include "model/date.h"
#include "model/domain.h"
#include "model/offer.h"

static inline struct offer sample_offer(const char *name)
{
	struct offer o = {.kind = OFFER_GROUP, .budget_line = LINE_NO_CASE};

	strcpy(o.district, "FG");
	strcpy(o.provider, "DW");
	snprintf(o.name, sizeof(o.name), "%s", name);
	o.active_from = DATE_MAKE(2026, 1, 1);
	return o;
}

/* Offer number I of a series for benchmarks: the same records whichever
 * program loads them. */
static inline struct offer sample_offer_number(long i)
{
	static const char *const districts[] = {"FG", "HM", "GA", "GL"};
	char name[64];
	struct offer o;

	snprintf(name, sizeof(name), "Angebot %ld Müllerstraße", i);
	o = sample_offer(name);
	strcpy(o.district, districts[i % 4]);
	snprintf(o.times, sizeof(o.times), "Di %ld-17 Uhr", i % 12 + 8);
	return o;
}

#endif
