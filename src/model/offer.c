#include <stddef.h>
#include <stdio.h>

#include "model/date.h"
#include "model/domain.h"
#include "model/offer.h"

static const char *const kind_names[] = {"gruppe",  "treff",     "beratung", "kurs",
                                         "projekt", "sonstiges", NULL};
static const char *const kind_labels[] = {"Gruppe",  "Offener Treff", "Beratung", "Kurs",
                                          "Projekt", "Sonstiges",     NULL};

static const struct field_def offer_fields[] = {
        {.tag = 2,
         .name = "district",
         .label = "Sozialraum",
         .type = FIELD_REF,
         FIELD_AT(struct offer, district),
         .width = 6,
         .required = true,
         .source = SOURCE_DISTRICTS,
         .help = "Der Sozialraum, in dem das Angebot stattfindet."},
        {.tag = 3,
         .name = "provider",
         .label = "Träger",
         .type = FIELD_REF,
         FIELD_AT(struct offer, provider),
         .width = 6,
         .required = true,
         .source = SOURCE_PROVIDERS,
         .help = "Der freie Träger, der das Angebot macht."},
        {.tag = 4,
         .name = "name",
         .label = "Name",
         .type = FIELD_TEXT,
         FIELD_AT(struct offer, name),
         .width = 40,
         .required = true,
         .help = "Wie das Angebot im Stadtteil heißt."},
        {.tag = 5,
         .name = "kind",
         .label = "Art",
         .type = FIELD_CHOICE,
         FIELD_AT(struct offer, kind),
         .width = 14,
         .required = true,
         .choices = kind_names,
         .choice_labels = kind_labels,
         .help = "Gruppe, Treff, Beratung, Kurs, Projekt ..."},
        {.tag = 6,
         .name = "target_group",
         .label = "Zielgruppe",
         .type = FIELD_TEXT,
         FIELD_AT(struct offer, target_group),
         .width = 40,
         .help = "Für wen das Angebot gedacht ist, z.B. Eltern mit Kindern unter 3."},
        {.tag = 7,
         .name = "address",
         .label = "Adresse",
         .type = FIELD_TEXT,
         FIELD_AT(struct offer, address),
         .width = 40},
        {.tag = 8,
         .name = "times",
         .label = "Zeiten",
         .type = FIELD_TEXT,
         FIELD_AT(struct offer, times),
         .width = 40,
         .help = "z.B. Di 15-17 Uhr"},
        {.tag = 9,
         .name = "contact",
         .label = "Kontakt",
         .type = FIELD_TEXT,
         FIELD_AT(struct offer, contact),
         .width = 40},
        {.tag = 10,
         .name = "low_threshold",
         .label = "Niedrigschwellig",
         .type = FIELD_BOOL,
         FIELD_AT(struct offer, low_threshold),
         .width = 4,
         .help = "ja: ohne Antrag und ohne Hilfeplan zugänglich"},
        {.tag = 11,
         .name = "budget_line",
         .label = "Budgetlinie",
         .type = FIELD_CHOICE,
         FIELD_AT(struct offer, budget_line),
         .width = 18,
         .required = true,
         .choices = budget_line_names,
         .choice_labels = budget_line_labels,
         .help = "fallübergreifend oder fallunspezifisch"},
        {.tag = 12,
         .name = "active_from",
         .label = "Aktiv ab",
         .type = FIELD_DATE,
         FIELD_AT(struct offer, active_from),
         .width = 10,
         .required = true},
        {.tag = 13,
         .name = "active_to",
         .label = "Aktiv bis",
         .type = FIELD_DATE,
         FIELD_AT(struct offer, active_to),
         .width = 10,
         .help = "leer: unbefristet"},
        {.tag = 14,
         .name = "inactive",
         .label = "Eingestellt",
         .type = FIELD_BOOL,
         FIELD_AT(struct offer, inactive),
         .width = 4},
        {.tag = 15,
         .name = "description",
         .label = "Beschreibung",
         .type = FIELD_TEXT,
         FIELD_AT(struct offer, description),
         .width = 60,
         .multiline = true,
         .help = "Was das Angebot bietet, in mehreren Zeilen (Enter öffnet den Editor)."},
};

const struct record_def offer_def = {
        .kind = 1,
        .version = 2, /* 2: description */
        .name = "offer",
        .label = "Angebot",
        .size = sizeof(struct offer),
        .fields = offer_fields,
        .nfields = sizeof(offer_fields) / sizeof(offer_fields[0]),
};

enum status offer_validate(const struct offer *offer, const struct config *config,
                           struct field_error *err)
{
	enum status st = record_validate(&offer_def, offer, config, err);

	if (st != STATUS_OK)
		return st;
	if (offer->budget_line == LINE_CASE_SPECIFIC) {
		if (err) {
			err->field = record_field(&offer_def, "budget_line");
			err->status = STATUS_ERR_INVALID;
			snprintf(err->message, sizeof(err->message),
			         "Budgetlinie: Angebote laufen fallübergreifend oder "
			         "fallunspezifisch");
		}
		return STATUS_ERR_INVALID;
	}
	if (offer->active_to && offer->active_to < offer->active_from) {
		if (err) {
			err->field = record_field(&offer_def, "active_to");
			err->status = STATUS_ERR_RANGE;
			snprintf(err->message, sizeof(err->message),
			         "Aktiv bis: liegt vor dem Beginn");
		}
		return STATUS_ERR_RANGE;
	}
	return STATUS_OK;
}

static const struct field_def offer_count_fields[] = {
        {.tag = 2,
         .name = "offer",
         .label = "Angebot",
         .type = FIELD_ID,
         FIELD_AT(struct offer_count, offer),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "month",
         .label = "Monat",
         .type = FIELD_DATE,
         FIELD_AT(struct offer_count, month),
         .width = 10,
         .required = true,
         .min = 20000101,
         .max = 20991231},
        {.tag = 4,
         .name = "people",
         .label = "Erreichte Personen",
         .type = FIELD_INT,
         FIELD_AT(struct offer_count, people),
         .width = 6,
         .min = 0,
         .max = 100000,
         .help = "Anzahl der erreichten Personen im Monat, ohne Namen"},
};

const struct record_def offer_count_def = {
        .kind = 5,
        .version = 1,
        .name = "offer_count",
        .label = "Monatszahl",
        .size = sizeof(struct offer_count),
        .fields = offer_count_fields,
        .nfields = sizeof(offer_count_fields) / sizeof(offer_count_fields[0]),
};

uint64_t offer_count_id(uint64_t offer, int32_t month)
{
	return offer << OFFER_COUNT_MONTH_BITS | (uint64_t)(month / 100 % 1000000);
}

enum status offer_count_validate(const struct offer_count *count, struct field_error *err)
{
	enum status st = record_validate(&offer_count_def, count, NULL, err);

	if (st == STATUS_OK && DATE_DAY(count->month) != 1) {
		if (err) {
			err->field = record_field(&offer_count_def, "month");
			err->status = STATUS_ERR_INVALID;
			snprintf(err->message, sizeof(err->message), "Monat: der Erste des Monats");
		}
		st = STATUS_ERR_INVALID;
	}
	return st;
}
