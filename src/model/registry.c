/* The record type registry (registry.h). */
#include <string.h>

#include "model/absence.h"
#include "model/audit.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/case.h"
#include "model/draft.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/registry.h"
#include "model/request.h"

const struct record_def *const record_types[] = {
        &offer_def,         &offer_count_def, &draft_def,    &audit_def,     &applied_request_def,
        &case_def,          &person_def,      &journal_def,  &follow_up_def, &risk_assessment_def,
        &absence_def,       &measure_def,     &approval_def, &plan_def,      &commitment_def,
        &budget_figure_def, &booking_def,
};

const size_t record_type_count = sizeof(record_types) / sizeof(record_types[0]);

const struct record_def *record_type_find(const char *table)
{
	for (size_t i = 0; i < record_type_count; i++)
		if (strcmp(record_types[i]->table, table) == 0)
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
