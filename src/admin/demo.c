/* demo [--seed N] [--cases N] [--measures N] [--bookings N]: fills an empty data
 * directory with realistic, deterministic demo data: offers with their
 * monthly counts, N cases (demo_cases.c), N measures on them
 * (demo_measures.c) and N bookings of their months and of the offers
 * (demo_bookings.c). Works on the database directly, so it refuses while
 * a server runs on it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/budget.h"
#include "admin_private.h"
#include "model/booking.h"
#include "model/date.h"
#include "model/domain.h"
#include "model/offer.h"
#include "store/store.h"

#define MSG_SIZE 1024

static const char *const offer_names[] = {
        "Elterncafé",
        "Krabbelgruppe",
        "Offener Jugendtreff",
        "Hausaufgabenhilfe",
        "Mädchentreff",
        "Väter-Kind-Turnen",
        "Erziehungsberatung",
        "Familienfrühstück",
        "Ferienfreizeit",
        "Sprachcafé",
        "Kinderwerkstatt",
        "Streetwork am Bahnhof",
        "Schuldnerberatung",
        "Tanzprojekt",
        "Medienwerkstatt",
        "Babymassage",
        "Elternkurs Starke Eltern",
        "Spielmobil",
};

static const char *const weekdays[] = {"Mo", "Di", "Mi", "Do", "Fr"};

unsigned demo_random(unsigned long long *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(*state >> 33);
}

static struct offer demo_offer(const struct config *config, size_t i, unsigned long long *rnd)
{
	struct offer o = {.kind = (int)(demo_random(rnd) % 6)};
	int hour = 9 + (int)(demo_random(rnd) % 9);

	snprintf(o.district, sizeof(o.district), "%s",
	         config->districts[demo_random(rnd) % config->ndistricts].id);
	snprintf(o.provider, sizeof(o.provider), "%s",
	         config->providers[demo_random(rnd) % config->nproviders].id);
	snprintf(o.name, sizeof(o.name), "%s %s",
	         offer_names[i % (sizeof(offer_names) / sizeof(offer_names[0]))], o.district);
	snprintf(o.target_group, sizeof(o.target_group), "%s",
	         i % 3 == 0   ? "Eltern mit Kindern unter 3"
	         : i % 3 == 1 ? "Jugendliche 12-18"
	                      : "Familien");
	snprintf(o.times, sizeof(o.times), "%s %d-%d Uhr", weekdays[demo_random(rnd) % 5], hour,
	         hour + 2);
	snprintf(o.contact, sizeof(o.contact), "Tel. 040 5250 %04u", demo_random(rnd) % 10000);
	snprintf(o.description, sizeof(o.description),
	         "Für %s.\nTreffpunkt im Stadtteil, ohne Anmeldung und kostenlos.\n"
	         "Eine Fachkraft des Trägers ist immer dabei.",
	         o.target_group);
	o.low_threshold = demo_random(rnd) % 2;
	o.budget_line = demo_random(rnd) % 2 ? LINE_NO_CASE : LINE_ACROSS_CASES;
	o.active_from = DATE_MAKE(2024 + (int)(demo_random(rnd) % 2), 1 + (int)(i % 12), 1);
	return o;
}

/* The offer and a count for each month of 2026 up to October. */
static enum status add_offer(struct store *store, const struct config *config, size_t i,
                             unsigned long long *rnd)
{
	struct offer o = demo_offer(config, i, rnd);
	struct store_txn *txn;
	enum status st = store_begin(store, "demo", &txn);

	if (st == STATUS_OK)
		st = store_insert(txn, &offer_def, &o);
	for (int m = 1; m <= 10 && st == STATUS_OK; m++) {
		struct offer_count c = {.offer = o.head.id,
		                        .month = DATE_MAKE(2026, m, 1),
		                        .people = 5 + demo_random(rnd) % 40};

		st = store_insert(txn, &offer_count_def, &c);
	}
	if (st == STATUS_OK)
		return store_commit(txn);
	if (txn)
		store_abort(txn);
	return st;
}

/* --seed N, --cases N, --measures N and --bookings N, in any order. */
static int parse_options(int argc, char **argv, unsigned long long *seed, size_t *cases,
                         size_t *measures, size_t *bookings)
{
	char *end;

	for (int i = 0; i < argc; i += 2) {
		unsigned long long v;

		if (i + 1 >= argc || !argv[i + 1][0])
			return ADMIN_USAGE;
		v = strtoull(argv[i + 1], &end, 10);
		if (*end || argv[i + 1][0] == '-')
			return ADMIN_USAGE;
		if (strcmp(argv[i], "--seed") == 0)
			*seed = v;
		else if (strcmp(argv[i], "--cases") == 0 && v <= 10000000)
			*cases = (size_t)v;
		else if (strcmp(argv[i], "--measures") == 0 && v <= 10000000)
			*measures = (size_t)v;
		else if (strcmp(argv[i], "--bookings") == 0 && v <= 100000000)
			*bookings = (size_t)v;
		else
			return ADMIN_USAGE;
	}
	return ADMIN_OK;
}

int admin_demo(struct admin *admin, int argc, char **argv)
{
	unsigned long long seed = 1;
	char msg[MSG_SIZE];
	struct store *store;
	struct store_txn *txn;
	uint64_t count = 0, booked = 0;
	enum status st;
	size_t n = 40, cases = 0, measures = 0, bookings = 0;
	bool add;

	if (parse_options(argc, argv, &seed, &cases, &measures, &bookings) != ADMIN_OK) {
		admin_error("usage: sozialraum-admin demo [--seed N] [--cases N] [--measures N] "
		            "[--bookings N]");
		return ADMIN_USAGE;
	}
	if (measures && !cases) /* measures belong to cases */
		cases = measures;
	/* A bulk load: commits are not synced one by one, the log is flushed
	 * once at the end (demo data written again from scratch if it broke). */
	if ((st = store_open(admin->data_dir, STORE_BULK, &store, msg, sizeof(msg))) != STATUS_OK) {
		admin_error("%s", msg);
		return ADMIN_FINDING;
	}
	if ((st = store_begin_snapshot(store, &txn)) == STATUS_OK) {
		st = store_count(txn, &offer_def, &count);
		if (st == STATUS_OK)
			st = store_count(txn, &booking_def, &booked);
		store_abort(txn);
	}
	store_set_hook(store, budget_hook, budget_end,
	               &admin->config); /* the budget's aggregates */
	/* --bookings alone adds the bookings to a demo made without them (the
	 * budget benchmark times their load by itself). */
	add = count && !booked && bookings && !cases && !measures;
	if (st == STATUS_OK && count && !add) {
		admin_error("%s already holds data: demo fills an empty data directory only (or "
		            "adds --bookings alone to one without bookings)",
		            admin->data_dir);
		store_close(store);
		return ADMIN_FINDING;
	}
	if (add)
		n = 0;
	for (size_t i = 0; i < n && st == STATUS_OK; i++)
		st = add_offer(store, admin->config, i, &seed);
	if (st == STATUS_OK && cases)
		st = demo_cases(store, admin->config, cases, &seed);
	if (st == STATUS_OK && measures)
		st = demo_measures(store, admin->config, measures, cases, &seed);
	if (st == STATUS_OK && bookings)
		st = demo_bookings(store, admin->config, bookings, &seed);
	if (st == STATUS_OK)
		st = store_flush(store);
	store_close(store);
	if (st != STATUS_OK) {
		admin_error("demo data could not be written: %s", status_text(st));
		return ADMIN_FINDING;
	}
	if (!add)
		printf("demo: %zu offers with their monthly counts, %zu cases and %zu measures in "
		       "%s\n",
		       n, cases, measures, admin->data_dir);
	return ADMIN_OK;
}
