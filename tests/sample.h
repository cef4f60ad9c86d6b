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

#endif
