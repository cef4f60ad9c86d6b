/* Buchung: a payment booked against a measure (the fallspezifisch or,
 * for a service that is not case-specific, the fallübergreifend line) or
 * against an offer (its line), by the budget clerks or imported from the
 * city's finance system. A booking is never changed: a correction is a
 * negative booking that names the one it corrects. One invoice of one
 * payee is booked once. The store's write hook (store/budget.h) adds it
 * to what was spent, in its transaction. */
#ifndef MODEL_BOOKING_H
#define MODEL_BOOKING_H

#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

#define BOOKING_INVOICE_SIZE 33
#define BOOKING_TEXT_SIZE    97

struct booking {
	struct record_head head;
	uint64_t measure_id, offer_id; /* exactly one of them */
	int32_t date;
	int64_t amount; /* cents; negative: a correction */
	int32_t period_from, period_to;
	char invoice[BOOKING_INVOICE_SIZE];
	char payee[BOOKING_TEXT_SIZE];
	uint64_t corrects; /* the booking a correction corrects */
	char note[BOOKING_TEXT_SIZE];
	/* the writer's, from the measure or offer */
	char district[CONFIG_ID_SIZE];
	int line; /* enum budget_line */
	char service[CONFIG_ID_SIZE];
	char booked_by[CONFIG_LOGIN_SIZE];
};
extern const struct record_def booking_def;

/* The key of the bookings index "invoice": the payee and the invoice
 * number, each ended by its '\0'; -1 when it does not fit. */
int booking_invoice_key(const char *payee, const char *invoice, uint8_t *buf, size_t size);

#endif
