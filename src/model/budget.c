/* The budget's aggregate records (budget.h). */
#include <stdio.h>
#include <string.h>

#include "model/budget.h"
#include "model/measure.h"

uint64_t budget_commitment_id(uint64_t measure, int year)
{
	return measure << 12 | ((uint64_t)year & 0xfff);
}

int64_t budget_open(int64_t committed, int64_t spent)
{
	return committed > spent ? committed - spent : 0;
}

int64_t budget_available(int64_t planned, const struct budget_figure *f)
{
	return planned - f->spent - f->open;
}

int64_t budget_forecast(const struct budget_figure *f)
{
	return f->spent + f->open;
}

enum budget_line budget_line_of_service(const struct config *config, const char *service)
{
	int s = config_find_service(config, service);

	return s >= 0 && !config->services[s].case_specific ? LINE_ACROSS_CASES
	                                                    : LINE_CASE_SPECIFIC;
}

#define MONEY_FILLED(tag_, name_, label_, T, member)                                              \
	{                                                                                         \
		.tag = tag_, .name = name_, .label = label_, FIELD_MONEY(T, member), .width = 14, \
		.filled = true                                                                    \
	}

static const struct field_def commitment_fields[] = {
        {.tag = 2,
         .name = "measure_id",
         .label = "Hilfe",
         FIELD_ID(struct commitment, measure_id),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "year",
         .label = "Jahr",
         FIELD_INT(struct commitment, year),
         .width = 4,
         .min = 1900,
         .max = 4095},
        {.tag = 4,
         .name = "district",
         .label = "Sozialraum",
         FIELD_REF(struct commitment, district),
         .width = 6,
         .source = SOURCE_DISTRICTS},
        {.tag = 5,
         .name = "line",
         .label = "Budgetlinie",
         FIELD_CHOICE(struct commitment, line),
         .width = 18,
         FIELD_CHOICES(budget_line_names, budget_line_labels)},
        {.tag = 6,
         .name = "service",
         .label = "Leistung",
         FIELD_REF(struct commitment, service),
         .width = 10,
         .source = SOURCE_SERVICES},
        MONEY_FILLED(7, "committed", "Gebunden", struct commitment, committed),
        MONEY_FILLED(8, "spent", "Ausgegeben", struct commitment, spent),
};

static uint64_t commitment_make_id(const void *rec)
{
	const struct commitment *c = rec;

	return budget_commitment_id(c->measure_id, (int)c->year);
}

const struct record_def commitment_def = {
        .kind = 15,
        .version = 1,
        .name = "commitment",
        .table = "commitments",
        .label = "Bindung",
        .plural = "Bindungen",
        .size = sizeof(struct commitment),
        RECORD_FIELDS(commitment_fields),
        .ids = IDS_COMPUTED,
        .make_id = commitment_make_id,
        .parent = &measure_def,
        .parent_field = "measure_id",
};

static const struct field_def figure_fields[] = {
        {.tag = 2,
         .name = "district",
         .label = "Sozialraum",
         FIELD_REF(struct budget_figure, district),
         .width = 6,
         .required = true,
         .source = SOURCE_DISTRICTS},
        {.tag = 3,
         .name = "year",
         .label = "Jahr",
         FIELD_INT(struct budget_figure, year),
         .width = 4,
         .min = 1900,
         .max = 4095},
        {.tag = 4,
         .name = "line",
         .label = "Budgetlinie",
         FIELD_CHOICE(struct budget_figure, line),
         .width = 18,
         FIELD_CHOICES(budget_line_names, budget_line_labels)},
        {.tag = 5,
         .name = "service",
         .label = "Leistung",
         FIELD_REF(struct budget_figure, service),
         .width = 10,
         .source = SOURCE_SERVICES},
        MONEY_FILLED(6, "committed", "Gebunden", struct budget_figure, committed),
        MONEY_FILLED(7, "spent", "Ausgegeben", struct budget_figure, spent),
        MONEY_FILLED(8, "open", "Offen", struct budget_figure, open),
};

/* FNV-1a over the key's parts: a figure is found by what it sums. */
static uint64_t figure_make_id(const void *rec)
{
	const struct budget_figure *f = rec;
	uint64_t h = 14695981039346656037ULL;
	char key[3 * CONFIG_ID_SIZE + 32];
	size_t n = (size_t)snprintf(key, sizeof(key), "%s|%lld|%d|%s", f->district,
	                            (long long)f->year, f->line, f->service);

	for (size_t i = 0; i < n && i < sizeof(key); i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
	return h >> 1; /* ids stay below INT64_MAX */
}

/* A district's figures of a year, lines and services. */
static int key_figure_year(const void *rec, uint8_t *buf, size_t size)
{
	const struct budget_figure *f = rec;

	return index_put_text_day(buf, size, f->district, (int32_t)f->year);
}

static const struct index_def figure_indexes[] = {
        {.name = "district_year", .kind = INDEX_KEY, .key = key_figure_year},
};

const struct record_def budget_figure_def = {
        .kind = 16,
        .version = 1,
        .name = "budget_figure",
        .table = "budget_figures",
        .label = "Budgetzahl",
        .plural = "Budgetzahlen",
        .size = sizeof(struct budget_figure),
        RECORD_FIELDS(figure_fields),
        .ids = IDS_COMPUTED,
        .make_id = figure_make_id,
        .district_field = "district",
        RECORD_INDEXES(figure_indexes),
};
