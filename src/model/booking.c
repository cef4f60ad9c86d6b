/* Buchung (booking.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/booking.h"
#include "model/budget.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/text.h"

static const struct field_def booking_fields[] = {
        {.tag = 2,
         .name = "measure_id",
         .label = "Hilfe",
         FIELD_ID(struct booking, measure_id),
         .width = 8,
         .help = "Nr. der Hilfe, auf die gebucht wird (oder ein Angebot)"},
        {.tag = 3,
         .name = "offer_id",
         .label = "Angebot",
         FIELD_ID(struct booking, offer_id),
         .width = 8,
         .help = "Nr. des Angebots, auf das gebucht wird (oder eine Hilfe)"},
        {.tag = 4,
         .name = "date",
         .label = "Datum",
         FIELD_DATE(struct booking, date),
         .width = 10,
         .required = true,
         .help = "der Tag der Zahlung: er bestimmt das Haushaltsjahr"},
        {.tag = 5,
         .name = "amount",
         .label = "Betrag",
         FIELD_MONEY(struct booking, amount),
         .width = 14,
         .required = true,
         .min = -100000000000LL,
         .max = 100000000000LL,
         .help = "negativ nur als Berichtigung einer Buchung"},
        {.tag = 6,
         .name = "period_from",
         .label = "Zeitraum von",
         FIELD_DATE(struct booking, period_from),
         .width = 10},
        {.tag = 7,
         .name = "period_to",
         .label = "Zeitraum bis",
         FIELD_DATE(struct booking, period_to),
         .width = 10},
        {.tag = 8,
         .name = "invoice",
         .label = "Rechnung",
         FIELD_TEXT(struct booking, invoice),
         .width = 20,
         .required = true,
         .help = "die Rechnungsnummer: je Empfänger einmal gebucht"},
        {.tag = 9,
         .name = "payee",
         .label = "Empfänger",
         FIELD_TEXT(struct booking, payee),
         .width = 40,
         .required = true,
         .privacy = PRIVACY_IDENTIFYING,
         .help = "wer das Geld bekommt (Träger, Pflegefamilie)"},
        {.tag = 10,
         .name = "corrects",
         .label = "Berichtigt Nr.",
         FIELD_ID(struct booking, corrects),
         .width = 8,
         .help = "die Buchung, die diese berichtigt (der Betrag ist dann negativ)"},
        {.tag = 11,
         .name = "note",
         .label = "Verwendungszweck",
         FIELD_TEXT(struct booking, note),
         .width = 40,
         .privacy = PRIVACY_IDENTIFYING},
        {.tag = 12,
         .name = "district",
         .label = "Sozialraum",
         FIELD_REF(struct booking, district),
         .width = 6,
         .filled = true,
         .source = SOURCE_DISTRICTS},
        {.tag = 13,
         .name = "line",
         .label = "Budgetlinie",
         FIELD_CHOICE(struct booking, line),
         .width = 18,
         .filled = true,
         FIELD_CHOICES(budget_line_names, budget_line_labels)},
        {.tag = 14,
         .name = "service",
         .label = "Leistung",
         FIELD_REF(struct booking, service),
         .width = 10,
         .filled = true,
         .source = SOURCE_SERVICES},
        {.tag = 15,
         .name = "booked_by",
         .label = "Gebucht von",
         FIELD_REF(struct booking, booked_by),
         .width = 12,
         .filled = true,
         .source = SOURCE_STAFF,
         .privacy = PRIVACY_IDENTIFYING},
};

int booking_invoice_key(const char *payee, const char *invoice, uint8_t *buf, size_t size)
{
	int n = index_put_text(buf, size, payee), m;

	if (n < 0 || (m = index_put_text(buf + n, size - (size_t)n, invoice)) < 0)
		return -1;
	return n + m;
}

/* One target; an amount, negative only for a correction; a period in order. */
static enum status booking_validate(const void *rec, const struct config *config,
                                    struct field_error *err)
{
	const struct booking *b = rec;

	(void)config;
	if (!b->measure_id == !b->offer_id)
		return record_fail(err, &booking_def, "measure_id", STATUS_ERR_REQUIRED,
		                   "eine Hilfe oder ein Angebot angeben (eins von beiden)");
	if (!b->amount)
		return record_fail(err, &booking_def, "amount", STATUS_ERR_REQUIRED,
		                   "ein Betrag ungleich 0");
	if (b->amount < 0 && !b->corrects)
		return record_fail(err, &booking_def, "corrects", STATUS_ERR_REQUIRED,
		                   "ein negativer Betrag berichtigt eine Buchung: welche?");
	if (b->corrects && b->amount > 0)
		return record_fail(err, &booking_def, "amount", STATUS_ERR_INVALID,
		                   "eine Berichtigung ist negativ");
	if (b->period_from && b->period_to && b->period_to < b->period_from)
		return record_fail(err, &booking_def, "period_to", STATUS_ERR_RANGE,
		                   "liegt vor dem Beginn des Zeitraums");
	return STATUS_OK;
}

/* The target's district and line; a correction of a booking of the same
 * target, not more than it; an invoice of a payee booked once. */
static enum status target_of(struct booking *b, const struct record_fill *f,
                             struct field_error *err)
{
	struct measure m;
	struct offer o;

	if (b->measure_id) {
		if (f->get(f->ctx, &measure_def, b->measure_id, &m) != STATUS_OK)
			return record_fail(err, &booking_def, "measure_id", STATUS_ERR_NOT_FOUND,
			                   "diese Hilfe gibt es nicht");
		if (!m.approved_to)
			return record_fail(err, &booking_def, "measure_id", STATUS_ERR_INVALID,
			                   "für diese Hilfe ist nichts bewilligt");
		text_copy(b->district, sizeof(b->district), m.district);
		text_copy(b->service, sizeof(b->service), m.service);
		b->line = (int)budget_line_of_service(f->config, m.service);
		return STATUS_OK;
	}
	if (f->get(f->ctx, &offer_def, b->offer_id, &o) != STATUS_OK)
		return record_fail(err, &booking_def, "offer_id", STATUS_ERR_NOT_FOUND,
		                   "dieses Angebot gibt es nicht");
	text_copy(b->district, sizeof(b->district), o.district);
	b->service[0] = '\0';
	b->line = o.budget_line;
	return STATUS_OK;
}

static enum status booking_fill(void *rec, const struct record_fill *f, struct field_error *err)
{
	struct booking *b = rec, other;
	uint8_t key[INDEX_KEY_MAX];
	char why[160];
	int len;
	enum status st;

	if (f->stored) { /* never changed (the rights table): as booked */
		memcpy(b, f->stored, sizeof(*b));
		return STATUS_OK;
	}
	if (!f->get || !f->find)
		return STATUS_ERR_INTERNAL;
	if ((st = target_of(b, f, err)) != STATUS_OK)
		return st;
	text_copy(b->booked_by, sizeof(b->booked_by), f->who->login);
	if (b->corrects) {
		if (f->get(f->ctx, &booking_def, b->corrects, &other) != STATUS_OK)
			return record_fail(err, &booking_def, "corrects", STATUS_ERR_NOT_FOUND,
			                   "diese Buchung gibt es nicht");
		if (other.measure_id != b->measure_id || other.offer_id != b->offer_id ||
		    other.corrects)
			return record_fail(err, &booking_def, "corrects", STATUS_ERR_INVALID,
			                   "berichtigt wird eine Buchung derselben Hilfe oder "
			                   "desselben Angebots, keine Berichtigung");
		if (-b->amount > other.amount)
			return record_fail(err, &booking_def, "amount", STATUS_ERR_RANGE,
			                   "mehr, als gebucht wurde");
		return STATUS_OK;
	}
	len = booking_invoice_key(b->payee, b->invoice, key, sizeof(key));
	if (len > 0 &&
	    f->find(f->ctx, &booking_def, "invoice", key, (size_t)len, &other) == STATUS_OK) {
		snprintf(why, sizeof(why),
		         "schon gebucht: Buchung Nr. %" PRIu64 " (derselbe Empfänger)",
		         other.head.id);
		return record_fail(err, &booking_def, "invoice", STATUS_ERR_EXISTS, why);
	}
	return STATUS_OK;
}

static int key_booking_invoice(const void *rec, uint8_t *buf, size_t size)
{
	const struct booking *b = rec;

	return b->corrects ? -1 : booking_invoice_key(b->payee, b->invoice, buf, size);
}

static int key_booking_measure(const void *rec, uint8_t *buf, size_t size)
{
	const struct booking *b = rec;

	return b->measure_id ? index_put_id(buf, size, b->measure_id) : -1;
}

static int key_booking_offer(const void *rec, uint8_t *buf, size_t size)
{
	const struct booking *b = rec;

	return b->offer_id ? index_put_id(buf, size, b->offer_id) : -1;
}

static int key_booking_district(const void *rec, uint8_t *buf, size_t size)
{
	const struct booking *b = rec;

	return index_put_text_day(buf, size, b->district, b->date);
}

static const struct index_def booking_indexes[] = {
        {.name = "invoice",
         .kind = INDEX_KEY,
         .key = key_booking_invoice,
         .privacy = PRIVACY_IDENTIFYING},
        {.name = "measure", .kind = INDEX_KEY, .key = key_booking_measure},
        {.name = "offer", .kind = INDEX_KEY, .key = key_booking_offer},
        {.name = "district", .kind = INDEX_KEY, .key = key_booking_district},
};

const struct record_def booking_def = {
        .kind = 17,
        .version = 1,
        .name = "booking",
        .table = "bookings",
        .label = "Buchung",
        .plural = "Buchungen",
        .size = sizeof(struct booking),
        RECORD_FIELDS(booking_fields),
        .validate = booking_validate,
        .fill = booking_fill,
        RECORD_INDEXES(booking_indexes),
        .district_field = "district",
        .audited = true,
};
