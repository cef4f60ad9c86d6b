#include <stddef.h>

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
         FIELD_REF(struct offer, district),
         .width = 6,
         .required = true,
         .source = SOURCE_DISTRICTS,
         .help = "Der Sozialraum, in dem das Angebot stattfindet."},
        {.tag = 3,
         .name = "provider",
         .label = "Träger",
         FIELD_REF(struct offer, provider),
         .width = 6,
         .required = true,
         .source = SOURCE_PROVIDERS,
         .help = "Der freie Träger, der das Angebot macht."},
        {.tag = 4,
         .name = "name",
         .label = "Name",
         FIELD_TEXT(struct offer, name),
         .width = 40,
         .required = true,
         .help = "Wie das Angebot im Stadtteil heißt."},
        {.tag = 5,
         .name = "kind",
         .label = "Art",
         FIELD_CHOICE(struct offer, kind),
         .width = 14,
         .required = true,
         .choices = kind_names,
         .choice_labels = kind_labels,
         .help = "Gruppe, Treff, Beratung, Kurs, Projekt ..."},
        {.tag = 6,
         .name = "target_group",
         .label = "Zielgruppe",
         FIELD_TEXT(struct offer, target_group),
         .width = 40,
         .help = "Für wen das Angebot gedacht ist, z.B. Eltern mit Kindern unter 3."},
        {.tag = 7,
         .name = "address",
         .label = "Adresse",
         FIELD_TEXT(struct offer, address),
         .width = 40},
        {.tag = 8,
         .name = "times",
         .label = "Zeiten",
         FIELD_TEXT(struct offer, times),
         .width = 40,
         .help = "z.B. Di 15-17 Uhr"},
        {.tag = 9,
         .name = "contact",
         .label = "Kontakt",
         FIELD_TEXT(struct offer, contact),
         .width = 40},
        {.tag = 10,
         .name = "low_threshold",
         .label = "Niedrigschwellig",
         FIELD_BOOL(struct offer, low_threshold),
         .width = 4,
         .help = "ja: ohne Antrag und ohne Hilfeplan zugänglich"},
        {.tag = 11,
         .name = "budget_line",
         .label = "Budgetlinie",
         FIELD_CHOICE(struct offer, budget_line),
         .width = 18,
         .required = true,
         .choices = budget_line_names,
         .choice_labels = budget_line_labels,
         .help = "fallübergreifend oder fallunspezifisch"},
        {.tag = 12,
         .name = "active_from",
         .label = "Aktiv ab",
         FIELD_DATE(struct offer, active_from),
         .width = 10,
         .required = true},
        {.tag = 13,
         .name = "active_to",
         .label = "Aktiv bis",
         FIELD_DATE(struct offer, active_to),
         .width = 10,
         .help = "leer: unbefristet"},
        {.tag = 14,
         .name = "inactive",
         .label = "Eingestellt",
         FIELD_BOOL(struct offer, inactive),
         .width = 4},
        {.tag = 15,
         .name = "description",
         .label = "Beschreibung",
         FIELD_TEXT(struct offer, description),
         .width = 60,
         .multiline = true,
         .help = "Was das Angebot bietet, in mehreren Zeilen (Enter öffnet den Editor)."},
};

/* The budget line is one of the two lines offers are booked against, and
 * the period does not end before it starts. */
static enum status offer_validate(const void *rec, const struct config *config,
                                  struct field_error *err)
{
	const struct offer *offer = rec;

	(void)config;
	if (offer->budget_line == LINE_CASE_SPECIFIC)
		return record_fail(err, &offer_def, "budget_line", STATUS_ERR_INVALID,
		                   "Angebote laufen fallübergreifend oder fallunspezifisch");
	if (offer->active_to && offer->active_to < offer->active_from)
		return record_fail(err, &offer_def, "active_to", STATUS_ERR_RANGE,
		                   "liegt vor dem Beginn");
	return STATUS_OK;
}

static int key_district(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct offer *)rec)->district);
}

static int key_provider(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct offer *)rec)->provider);
}

static const struct index_def offer_indexes[] = {
        {.name = "words", .kind = INDEX_WORDS, .field = "name"},
        {.name = "district", .kind = INDEX_KEY, .key = key_district},
        {.name = "provider", .kind = INDEX_KEY, .key = key_provider},
};

const struct record_def offer_def = {
        .kind = 1,
        .version = 2, /* 2: description */
        .name = "offer",
        .table = "offers",
        .label = "Angebot",
        .plural = "Angebote",
        .size = sizeof(struct offer),
        RECORD_FIELDS(offer_fields),
        .validate = offer_validate,
        .district_field = "district",
        .provider_field = "provider",
        .audited = true,
        RECORD_INDEXES(offer_indexes),
};

static const struct field_def offer_count_fields[] = {
        {.tag = 2,
         .name = "offer",
         .label = "Angebot",
         FIELD_ID(struct offer_count, offer),
         .width = 8,
         .required = true},
        {.tag = 3,
         .name = "month",
         .label = "Monat",
         FIELD_DATE(struct offer_count, month),
         .month = true,
         .width = 7,
         .required = true,
         .min = 20000101,
         .max = 20991231},
        {.tag = 4,
         .name = "people",
         .label = "Erreichte Personen",
         FIELD_INT(struct offer_count, people),
         .width = 6,
         .min = 0,
         .max = 100000,
         .help = "Anzahl der erreichten Personen im Monat, ohne Namen"},
};

/* The month is given as its first day, is not in the future, and the
 * offer id leaves room for the month in the count's id. */
static enum status offer_count_validate(const void *rec, const struct config *config,
                                        struct field_error *err)
{
	const struct offer_count *count = rec;
	int32_t today = date_today();

	(void)config;
	if (DATE_DAY(count->month) != 1)
		return record_fail(err, &offer_count_def, "month", STATUS_ERR_INVALID,
		                   "der Erste des Monats");
	if (today && count->month > DATE_MAKE(DATE_YEAR(today), DATE_MONTH(today), 1))
		return record_fail(err, &offer_count_def, "month", STATUS_ERR_RANGE,
		                   "liegt in der Zukunft");
	if (count->offer >> (64 - OFFER_COUNT_MONTH_BITS))
		return record_fail(err, &offer_count_def, "offer", STATUS_ERR_RANGE,
		                   "keine gültige Nummer");
	return STATUS_OK;
}

/* A month's count lies within the offer's time: not before the month it
 * began, not after the month it ended. */
static enum status offer_count_validate_offer(const void *rec, const void *parent,
                                              struct field_error *err)
{
	const struct offer_count *count = rec;
	const struct offer *offer = parent;
	int32_t first = DATE_MAKE(DATE_YEAR(offer->active_from), DATE_MONTH(offer->active_from), 1);

	if (offer->active_from && count->month < first)
		return record_fail(err, &offer_count_def, "month", STATUS_ERR_RANGE,
		                   "liegt vor dem Beginn des Angebots");
	if (offer->active_to && count->month > offer->active_to)
		return record_fail(err, &offer_count_def, "month", STATUS_ERR_RANGE,
		                   "liegt nach dem Ende des Angebots");
	return STATUS_OK;
}

uint64_t offer_count_id(uint64_t offer, int32_t month)
{
	return offer << OFFER_COUNT_MONTH_BITS | (uint64_t)(month / 100 % 1000000);
}

static uint64_t offer_count_make_id(const void *rec)
{
	const struct offer_count *count = rec;

	return offer_count_id(count->offer, count->month);
}

const struct record_def offer_count_def = {
        .kind = 5,
        .version = 1,
        .name = "offer_count",
        .table = "offer_counts",
        .label = "Monatszahl",
        .plural = "Monatszahlen",
        .size = sizeof(struct offer_count),
        RECORD_FIELDS(offer_count_fields),
        .validate = offer_count_validate,
        .ids = IDS_COMPUTED,
        .make_id = offer_count_make_id,
        .parent = &offer_def,
        .parent_field = "offer",
        .validate_with_parent = offer_count_validate_offer,
        .audited = true,
};
