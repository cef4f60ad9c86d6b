#include <string.h>

#include "model/domain.h"

#define NAME(name, conf, label)  conf,
#define LABEL(name, conf, label) label,

const char *const role_names[] = {ROLE_LIST(NAME) NULL};
const char *const cost_model_names[] = {COST_MODEL_LIST(NAME) NULL};
const char *const budget_line_names[] = {BUDGET_LINE_LIST(NAME) NULL};
const char *const setting_names[] = {SETTING_LIST(NAME) NULL};
const char *const help_type_names[] = {HELP_TYPE_LIST(NAME) NULL};

const char *const role_labels[] = {ROLE_LIST(LABEL) NULL};
const char *const cost_model_labels[] = {COST_MODEL_LIST(LABEL) NULL};
const char *const budget_line_labels[] = {BUDGET_LINE_LIST(LABEL) NULL};
const char *const setting_labels[] = {SETTING_LIST(LABEL) NULL};
const char *const help_type_labels[] = {HELP_TYPE_LIST(LABEL) NULL};

int domain_lookup(const char *const *names, const char *name)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}
