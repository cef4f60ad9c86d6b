/* demo --bookings N: the payments of the demo's measures and offers, as
 * the finance system books them: each running measure's months up to the
 * current one, each paid in the month after by what the month cost (the
 * budget arithmetic); each offer of the fallübergreifend or
 * fallunspezifisch line a monthly grant. At most N bookings, the measures
 * first; every one moves the budget's figures through the store's hook. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin_private.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/date.h"
#include "model/measure.h"
#include "model/offer.h"
#include "store/store.h"

struct demo_books {
	struct store *store;
	const struct config *config;
	const char *clerk; /* a budget clerk's login */
	int32_t today;
	size_t left;
	unsigned long long *rnd;
};

static const char *payee_of(const struct config *config, const char *provider)
{
	int p = provider[0] ? config_find_provider(config, provider) : -1;

	return p >= 0 ? config->providers[p].name : "Pflegefamilie (Auszahlung)";
}

static enum status book(struct store_txn *txn, struct demo_books *d, struct booking *b)
{
	snprintf(b->booked_by, sizeof(b->booked_by), "%s", d->clerk);
	d->left--;
	return store_insert(txn, &booking_def, b);
}

/* A measure's months from its start to the last one paid (the month
 * before this one), each paid on the 10th of the month after. */
static enum status book_measure(struct demo_books *d, struct store_txn *txn,
                                const struct measure *m, const struct cost_segment *segs, size_t n)
{
	enum status st = STATUS_OK;
	int32_t month = DATE_MAKE(DATE_YEAR(m->start), DATE_MONTH(m->start), 1);
	int32_t this_month = DATE_MAKE(DATE_YEAR(d->today), DATE_MONTH(d->today), 1);

	for (; st == STATUS_OK && month < this_month && d->left;
	     month = date_add_months(month, 1)) {
		int32_t last = date_from_days(date_to_days(date_add_months(month, 1)) - 1);
		struct booking b = {.measure_id = m->head.id,
		                    .date = DATE_MAKE(DATE_YEAR(date_add_months(month, 1)),
		                                      DATE_MONTH(date_add_months(month, 1)), 10),
		                    .period_from = month,
		                    .period_to = last,
		                    .line = (int)budget_line_of_service(d->config, m->service),
		                    .amount = cost_between(m->cost_model, segs, n, month, last)};

		if (b.amount <= 0)
			continue;
		snprintf(b.invoice, sizeof(b.invoice), "R-%llu-%06d",
		         (unsigned long long)m->head.id, month / 100);
		snprintf(b.payee, sizeof(b.payee), "%s", payee_of(d->config, m->provider));
		snprintf(b.district, sizeof(b.district), "%s", m->district);
		snprintf(b.service, sizeof(b.service), "%s", m->service);
		snprintf(b.note, sizeof(b.note), "%s %02d/%d", m->service, DATE_MONTH(month),
		         DATE_YEAR(month));
		st = book(txn, d, &b);
	}
	return st;
}

static enum status book_measures(struct demo_books *d)
{
	struct measure m;
	struct approval a;
	struct store_txn *txn;
	enum status st = STATUS_OK;

	for (uint64_t id = 1; st == STATUS_OK && d->left; id++) {
		struct cost_segment seg;
		size_t n;

		/* the measure read and its months booked in one transaction */
		if ((st = store_begin(d->store, "demo", &txn)) != STATUS_OK)
			return st;
		st = store_get(txn, &measure_def, id, &m);
		if (st != STATUS_OK || !m.approved_to) {
			store_abort(txn);
			if (st == STATUS_ERR_NOT_FOUND)
				return STATUS_OK; /* past the last */
			continue;
		}
		/* the demo's measures have one decision each: what they approve */
		a = (struct approval){.decision = DECISION_GRANTED,
		                      .from = m.start,
		                      .to = m.approved_to,
		                      .rate = m.approved_rate,
		                      .hours = m.approved_hours};
		n = measure_segments(&m, &a, 1, &seg, 1);
		st = book_measure(d, txn, &m, &seg, n);
		st = st == STATUS_OK ? store_commit(txn) : (store_abort(txn), st);
	}
	return st;
}

/* Each offer of the lines without a case: a monthly grant this year. */
static enum status book_offers(struct demo_books *d)
{
	struct offer o;
	struct store_txn *txn;
	enum status st = STATUS_OK;

	for (uint64_t id = 1; st == STATUS_OK && d->left; id++) {
		int64_t grant = (80000 + (int64_t)(demo_random(d->rnd) % 17) * 10000);

		if ((st = store_begin_snapshot(d->store, &txn)) != STATUS_OK)
			return st;
		st = store_get(txn, &offer_def, id, &o);
		store_abort(txn);
		if (st == STATUS_ERR_NOT_FOUND)
			return STATUS_OK;
		if (st != STATUS_OK || (st = store_begin(d->store, "demo", &txn)) != STATUS_OK)
			return st;
		for (int month = 1; month < DATE_MONTH(d->today) && d->left && st == STATUS_OK;
		     month++) {
			struct booking b = {.offer_id = id,
			                    .date = DATE_MAKE(DATE_YEAR(d->today), month, 5),
			                    .amount = grant,
			                    .line = o.budget_line,
			                    .period_from =
			                            DATE_MAKE(DATE_YEAR(d->today), month, 1)};

			b.period_to =
			        date_from_days(date_to_days(date_add_months(b.period_from, 1)) - 1);
			snprintf(b.invoice, sizeof(b.invoice), "Z-%llu-%02d",
			         (unsigned long long)id, month);
			snprintf(b.payee, sizeof(b.payee), "%s", payee_of(d->config, o.provider));
			snprintf(b.district, sizeof(b.district), "%s", o.district);
			snprintf(b.note, sizeof(b.note), "Zuwendung %02d/%d", month,
			         DATE_YEAR(d->today));
			st = book(txn, d, &b);
		}
		st = st == STATUS_OK ? store_commit(txn) : (store_abort(txn), st);
	}
	return st;
}

enum status demo_bookings(struct store *store, const struct config *config, size_t n,
                          unsigned long long *rnd)
{
	struct demo_books d = {
	        .store = store, .config = config, .today = date_today(), .left = n, .rnd = rnd};
	struct timespec t0, t1;
	enum status st;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < config->nstaff && !d.clerk; i++)
		if (config->staff[i].role == ROLE_WIRTSCHAFT)
			d.clerk = config->staff[i].login;
	if (!d.clerk)
		return STATUS_ERR_INVALID;
	st = book_measures(&d);
	if (st == STATUS_OK)
		st = book_offers(&d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("demo: %zu bookings in %.2f s\n", n - d.left,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return st;
}
