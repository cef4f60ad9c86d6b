/* The demo configuration of the source tree ($SRCDIR/conf/sozialraum.conf)
 * for the unit tests that need real districts, services and staff. */
#ifndef TESTS_UNIT_DEMO_CONFIG_H
#define TESTS_UNIT_DEMO_CONFIG_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/config.h"

/* The configuration, or NULL (its findings printed as TAP comments) when
 * it does not load clean. */
static inline struct config *demo_config_load(void)
{
	const char *srcdir = getenv("SRCDIR");
	char path[PATH_MAX];
	struct config_errors errors = {0};
	struct config *config = NULL;

	snprintf(path, sizeof path, "%s/conf/sozialraum.conf", srcdir ? srcdir : ".");
	if (config_load(path, &config, &errors) != STATUS_OK)
		for (size_t i = 0; i < errors.count; i++)
			printf("#     %s:%d: %s\n", errors.items[i].file, errors.items[i].line,
			       errors.items[i].message);
	config_errors_free(&errors);
	return config;
}

#endif
