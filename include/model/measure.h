/* Hilfe (Maßnahme): a help measure of a case, its approvals (Bewilligung)
 * and its help plan (Hilfeplan, § 36 SGB VIII).
 *
 * A caseworker proposes a measure: a service of the catalogue, a provider
 * (none: the office itself), a period, the rate (the service's by
 * default) and for an hourly service the hours a week. Its cost follows
 * from the budget arithmetic (cost.h): record_def.derive computes it from
 * the record alone, so the form shows it before anyone saves and the
 * writer stores the same figures.
 *
 * A decision is an approval record (a child of the measure): its writer
 * copies the proposal into it, checks that the decider may decide it (a
 * team lead up to the team limit, the head of office above, nobody their
 * own proposal) and that it decides the version the decider saw, and
 * settles the measure (record_def.settle_parent) in the same transaction.
 * A change of an approved measure (a new end, a new rate from a day on)
 * is proposed again; each granted approval is a segment of the committed
 * period, later ones replacing earlier ones from their first day, so the
 * approvals are the history of every approved version.
 *
 * A measure carries its case's district, team and lead as they were when
 * it was proposed (the district's budget pays it) and decides its own
 * rights (record_def.own_scope): the provider's staff see the measures of
 * their provider, with the young person's first name, initial and birth
 * year only. */
#ifndef MODEL_MEASURE_H
#define MODEL_MEASURE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/case.h"
#include "model/cost.h"

#define MEASURE_APPROVALS_MAX 32 /* decisions on one measure */
#define MEASURE_NAME_SIZE     33

enum measure_status {
	MEASURE_PROPOSED, /* waits for its first decision */
	MEASURE_APPROVED,
	MEASURE_CHANGE, /* approved; a change waits for its decision */
	MEASURE_REJECTED,
	MEASURE_ENDED,
};

struct measure {
	struct record_head head;
	uint64_t case_id;
	/* the case's, the writer's */
	char case_number[CASE_NUMBER_SIZE];
	char district[CONFIG_ID_SIZE], team[CONFIG_ID_SIZE];
	char lead[CONFIG_LOGIN_SIZE];
	/* the young person as the provider sees them: "Lena M.", 2014 */
	char recipient[MEASURE_NAME_SIZE];
	int64_t birth_year;
	char service[CONFIG_ID_SIZE];
	char provider[CONFIG_ID_SIZE]; /* "": the office itself */
	int32_t start, end;            /* the period proposed (planned end) */
	int64_t rate;                  /* cents a month, day or hour; the one-off's amount */
	int64_t hours;                 /* hourly: hours a week x 100 */
	int32_t change_from;           /* a change of an approved one applies from */
	/* derived (measure_derive) */
	int cost_model; /* the service's */
	int64_t cost_month, cost_total, cost_year;
	/* the writer's */
	int status; /* enum measure_status */
	char proposed_by[CONFIG_LOGIN_SIZE];
	int32_t approved_to; /* the approved period's end; 0: none approved */
	int64_t approved_rate, approved_hours;
	char decided_by[CONFIG_LOGIN_SIZE];
	char reject_reason[CASE_TEXT_SIZE];
	int32_t next_review; /* of the help plan */
	/* statistics, asked where the help is set up (domain.md) */
	int initiator;                /* Anregende Institution/Person 1-8 */
	int reason, reason2, reason3; /* Gründe 10-19, from the case */
	int preceded_8a;              /* ja / nein / unbekannt, from the case */
	bool court_1666, court_1631b, after_custody;
	int place;        /* Ort der Durchführung 01-12 */
	int lived_before; /* Aufenthaltsort vor der Hilfe 01-11 */
	int provider_kind;
	/* the end */
	int32_t ended;
	int end_reason;     /* Grund für die Beendigung */
	int lived_after;    /* Aufenthaltsort nach der Hilfe */
	int following_help; /* unmittelbar nachfolgende Hilfe 1-6 */
};
extern const struct record_def measure_def;

enum approval_decision { DECISION_GRANTED, DECISION_REJECTED };

/* A decision on a measure's proposal; granted, the segment it commits. */
struct approval {
	struct record_head head;
	uint64_t measure_id;
	int64_t measure_version; /* the version decided (the decider's) */
	int decision;            /* enum approval_decision */
	char reason[CASE_TEXT_SIZE];
	/* the writer's: the proposal decided, who and when */
	int32_t from, to;
	int64_t rate, hours, amount; /* AMOUNT: what the limit counted */
	char proposed_by[CONFIG_LOGIN_SIZE];
	char decided_by[CONFIG_LOGIN_SIZE];
	int64_t decided_at;
};
extern const struct record_def approval_def;

/* Hilfeplan and its reviews (Fortschreibung): agreed on a day with the
 * people present, the goals in the family's words, who does what, what
 * was reached; the next review's day, by default the configured months
 * on. The measure keeps the next one for the dashboards. */
enum plan_kind { PLAN_AGREED, PLAN_REVIEW };

struct plan_entry {
	struct record_head head;
	uint64_t measure_id;
	int kind; /* enum plan_kind */
	int32_t date;
	char present[CASE_TEXT_SIZE];
	char goals[CASE_LONG_SIZE];
	char tasks[CASE_LONG_SIZE]; /* who does what */
	char reached[CASE_LONG_SIZE];
	int32_t next_review;
	char author[CONFIG_LOGIN_SIZE]; /* the writer's */
};
extern const struct record_def plan_def;

/* The segments the granted approvals A (N, in the order they were decided)
 * commit for M: each from its first day on replaces what earlier ones
 * granted, none beyond the approved end or the day M ended. Returns the
 * count (at most MAX). */
size_t measure_segments(const struct measure *m, const struct approval *a, size_t n,
                        struct cost_segment *out, size_t max);

/* What the approval limit counts of a proposal: its cost within the year
 * of DAY, or over its whole period (the configuration's approval.counts). */
int64_t measure_limit_amount(const struct measure *m, const struct config *config, int32_t day);

/* May WHO decide M (true), or why not (WHY, German)? */
bool measure_may_decide(const struct measure *m, const struct config *config,
                        const struct cfg_staff *who, int32_t today, char *why, size_t size);

/* Does the measure wait for a decision? */
bool measure_pending(const struct measure *m);

/* A help as the statistics and the committee report count it: its end is
 * the day it was ended, else the end of its approved period; it runs on
 * 31.12. of YEAR when it began by then and ends after; it ended in YEAR
 * when its end falls in the year. */
int32_t measure_help_end(const struct measure *m);
bool measure_runs_at_year_end(const struct measure *m, int year);
bool measure_ended_in(const struct measure *m, int year);

#endif
