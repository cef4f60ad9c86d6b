/* The budget's aggregates (store/budget.h) against a recomputation: random
 * sequences of proposals, decisions, extensions, changes of rate, rejected
 * changes, ends and bookings (small corrections among them) written
 * through the store with its hook, then every figure compared with what
 * the decisions and bookings kept here give (committed, spent, and open per
 * measure never below zero), and verify's recomputation clean. */
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "demo_config.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/date.h"
#include "model/measure.h"
#include "store/budget.h"
#include "store/store.h"

#define MEASURES 40
#define STEPS    400

static char base[] = "/tmp/sozialraum-test-budget-XXXXXX";
static struct config *config;
static unsigned long long seed = 7;

static unsigned rnd(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(seed >> 33);
}

/* What the test keeps of each measure: the record, its decisions, and
 * what was booked on it per year (2024 ... 2031). */
#define FIRST_YEAR 2024
#define YEARS      8
static struct {
	struct measure m;
	struct approval a[MEASURE_APPROVALS_MAX];
	size_t n;
	int64_t booked[YEARS];
} kept[MEASURES];
static uint64_t invoices;
static size_t nkept;

static const char *const services[] = {"31", "33", "34", "29", "35a-amb", "28"};

static int32_t day_in(int year)
{
	return date_from_days(date_to_days(DATE_MAKE(year, 1, 1)) + rnd() % 365);
}

static void propose(struct store_txn *txn)
{
	struct measure *m = &kept[nkept].m;

	*m = (struct measure){.birth_year = 2014, .status = MEASURE_PROPOSED};
	snprintf(m->district, sizeof(m->district), "%s", rnd() % 2 ? "FG" : "GA");
	snprintf(m->service, sizeof(m->service), "%s", services[rnd() % 6]);
	snprintf(m->recipient, sizeof(m->recipient), "Kind %zu.", nkept);
	snprintf(m->proposed_by, sizeof(m->proposed_by), "fk.fg");
	m->start = day_in(2025 + (int)(rnd() % 3));
	m->end = date_from_days(date_to_days(m->start) + 30 + rnd() % 500);
	m->hours = 600;
	measure_def.derive(m, config);
	CHECK_INT(store_insert(txn, &measure_def, m), STATUS_OK);
	nkept++;
}

/* A decision on K's proposal, stored, and the measure settled as the
 * server settles it. */
static void decide(struct store_txn *txn, size_t k, int decision)
{
	struct approval *a = &kept[k].a[kept[k].n];
	struct measure *m = &kept[k].m;

	*a = (struct approval){
	        .measure_id = m->head.id, .decision = decision, .measure_version = m->head.version};
	a->from = m->approved_to && m->change_from ? m->change_from : m->start;
	a->to = m->end;
	a->rate = m->rate;
	a->hours = m->hours;
	snprintf(a->reason, sizeof(a->reason), "Test");
	CHECK_INT(store_insert(txn, &approval_def, a), STATUS_OK);
	kept[k].n++;
	approval_def.settle_parent(m, a);
	CHECK_INT(store_update(txn, &measure_def, m), STATUS_OK);
}

/* A payment on K in a year of its own (a correction now and then). */
static void book(struct store_txn *txn, size_t k)
{
	struct measure *m = &kept[k].m;
	struct booking b = {.measure_id = m->head.id,
	                    .amount = 1000 + rnd() % 200000,
	                    .line = (int)budget_line_of_service(config, m->service)};

	b.date = day_in(DATE_YEAR(m->start) + (int)(rnd() % 2));
	if (rnd() % 5 == 0)
		b.amount = -(int64_t)(rnd() % 500) - 1, b.corrects = 1;
	snprintf(b.invoice, sizeof(b.invoice), "T-%llu", (unsigned long long)++invoices);
	snprintf(b.payee, sizeof(b.payee), "Träger");
	snprintf(b.district, sizeof(b.district), "%s", m->district);
	snprintf(b.service, sizeof(b.service), "%s", m->service);
	CHECK_INT(store_insert(txn, &booking_def, &b), STATUS_OK);
	kept[k].booked[DATE_YEAR(b.date) - FIRST_YEAR] += b.amount;
}

static void step(struct store *store)
{
	struct store_txn *txn;
	size_t k = nkept ? rnd() % nkept : 0;
	struct measure *m = &kept[k].m;
	unsigned what = rnd() % 6;

	CHECK_INT(store_begin(store, "test", &txn), STATUS_OK);
	if (!nkept || (what == 0 && nkept < MEASURES)) {
		propose(txn);
	} else if (what == 5 && m->approved_to) {
		book(txn, k);
	} else if (kept[k].n + 1 >= MEASURE_APPROVALS_MAX || m->status == MEASURE_ENDED) {
		/* nothing more to do with it */
	} else if (measure_pending(m)) {
		decide(txn, k, what == 1 ? DECISION_REJECTED : DECISION_GRANTED);
	} else if (m->status == MEASURE_APPROVED && what == 2) { /* ended */
		m->ended = date_from_days(date_to_days(m->start) + rnd() % 400);
		m->status = MEASURE_ENDED;
		m->end_reason = m->lived_after = m->following_help = 0;
		CHECK_INT(store_update(txn, &measure_def, m), STATUS_OK);
	} else if (m->status == MEASURE_APPROVED) { /* extended, or a new rate */
		m->end = date_from_days(date_to_days(m->end) + 1 + rnd() % 200);
		m->change_from = date_from_days(date_to_days(m->approved_to) + 1);
		if (what == 3) {
			m->rate += 500;
			m->change_from = date_from_days(date_to_days(m->start) + rnd() % 100);
		}
		m->status = MEASURE_CHANGE;
		measure_def.derive(m, config);
		CHECK_INT(store_update(txn, &measure_def, m), STATUS_OK);
	}
	CHECK_INT(store_commit(txn), STATUS_OK);
}

/* The figures against what the decisions kept here commit. */
static void compare(struct store *store)
{
	struct store_txn *txn;

	CHECK_INT(store_begin_snapshot(store, &txn), STATUS_OK);
	for (int year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++)
		for (int d = 0; d < 2; d++) {
			struct budget_figure f = {.year = year, .line = LINE_CASE_SPECIFIC};
			int64_t want = 0, spent = 0, open = 0;

			snprintf(f.district, sizeof(f.district), "%s", d ? "GA" : "FG");
			for (size_t k = 0; k < nkept; k++) {
				struct cost_segment segs[MEASURE_APPROVALS_MAX];
				size_t n = measure_segments(&kept[k].m, kept[k].a, kept[k].n, segs,
				                            MEASURE_APPROVALS_MAX);
				int64_t c = cost_in_year(kept[k].m.cost_model, segs, n, year);
				int64_t s = kept[k].booked[year - FIRST_YEAR];

				if (strcmp(kept[k].m.district, f.district) != 0 ||
				    (int)budget_line_of_service(config, kept[k].m.service) !=
				            f.line)
					continue;
				want += c;
				spent += s;
				open += c > s ? c - s : 0; /* per measure, never below zero */
			}
			if (store_get(txn, &budget_figure_def, budget_figure_def.make_id(&f), &f) !=
			    STATUS_OK)
				f.committed = f.spent = f.open = 0;
			CHECK_INT(f.committed, want);
			CHECK_INT(f.spent, spent);
			CHECK_INT(f.open, open);
		}
	store_abort(txn);
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void test_random_sequences(void)
{
	char dir[600], msg[512];
	struct store *store = NULL;
	struct store_txn *txn;
	unsigned long problems = 0;
	size_t decisions = 0, changes = 0, ended = 0, booked = 0;
	FILE *out = tmpfile();

	snprintf(dir, sizeof(dir), "%s/d", base);
	CHECK_INT(store_init(dir, msg, sizeof(msg)), STATUS_OK);
	CHECK_INT(store_open(dir, 0, &store, msg, sizeof(msg)), STATUS_OK);
	CHECK(config != NULL); /* not passed by default: the sequence needs it */
	if (!store || !config || !out)
		return;
	store_set_hook(store, budget_hook, budget_end, &config);
	for (int i = 0; i < STEPS; i++)
		step(store);
	for (size_t k = 0; k < nkept; k++) {
		decisions += kept[k].n;
		changes += kept[k].n > 1 && kept[k].a[1].from > kept[k].m.start;
		ended += kept[k].m.status == MEASURE_ENDED;
		for (int y = 0; y < YEARS; y++)
			booked += kept[k].booked[y] != 0;
	}
	/* the sequence did what it is for */
	CHECK(nkept == MEASURES && decisions > 2 * MEASURES && changes > 5 && ended > 5 &&
	      booked > 10);
	compare(store);
	CHECK_INT(store_begin_snapshot(store, &txn), STATUS_OK);
	CHECK_INT(budget_verify(txn, config, out, &problems), STATUS_OK);
	store_abort(txn);
	CHECK_INT(problems, 0);
	/* a figure moved behind the hook's back is found, to the cent */
	CHECK_INT(store_begin(store, "test", &txn), STATUS_OK);
	{
		struct budget_figure f = {.year = DATE_YEAR(kept[0].m.start),
		                          .line = LINE_CASE_SPECIFIC};

		snprintf(f.district, sizeof(f.district), "%s", kept[0].m.district);
		if (store_get(txn, &budget_figure_def, budget_figure_def.make_id(&f), &f) ==
		    STATUS_OK) {
			f.committed += 1;
			store_set_hook(store, NULL, NULL, NULL);
			CHECK_INT(store_update(txn, &budget_figure_def, &f), STATUS_OK);
		}
	}
	CHECK_INT(store_commit(txn), STATUS_OK);
	CHECK_INT(store_begin_snapshot(store, &txn), STATUS_OK);
	problems = 0;
	CHECK_INT(budget_verify(txn, config, out, &problems), STATUS_OK);
	store_abort(txn);
	CHECK(problems >= 1);
	store_close(store);
	fclose(out);
}

int main(void)
{
	if (!mkdtemp(base))
		return 1;
	config = demo_config_load();
	RUN(test_random_sequences);
	config_free(config);
	nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return CHECK_EXIT();
}
