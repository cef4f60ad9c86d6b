/* Fall: a case of the office, with the persons it concerns, its journal
 * (Verlauf) and its follow-ups (Wiedervorlagen). The codes of the intake
 * are those of the federal statistics (domain.md): who initiated the
 * contact, the reasons 10-19, the family situation and its three
 * ja / nein / unbekannt questions.
 *
 * A case's district follows from its address through the street
 * directory, its team from the district; its number is the year's
 * sequence ("2026-00123"). Both are filled in by the writer in the save's
 * transaction (record_def.fill), so no client can set them otherwise. */
#ifndef MODEL_CASE_H
#define MODEL_CASE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

#define CASE_NUMBER_SIZE  16
#define CASE_TEXT_SIZE    121
#define CASE_LONG_SIZE    4001
#define JOURNAL_TEXT_SIZE 16001 /* several screens in the editor */

enum case_status { CASE_OPEN, CASE_CLOSED };

/* The closing reason of a case handed over to another office. */
#define CASE_HANDED_OVER "Zuständigkeitswechsel"

struct case_file {
	struct record_head head;
	char number[CASE_NUMBER_SIZE];    /* "2026-00123", the writer's */
	char title[CASE_TEXT_SIZE];       /* how the office names it: "Familie Yılmaz" */
	char address[CASE_TEXT_SIZE];     /* street and house number of the family */
	char district[CONFIG_ID_SIZE];    /* from the address */
	char team[CONFIG_ID_SIZE];        /* from the district */
	char lead[CONFIG_LOGIN_SIZE];     /* the caseworker who leads it */
	char lead_note[CONFIG_NAME_SIZE]; /* why the lead last changed hands */
	int status;                       /* enum case_status */
	int32_t opened, closed;
	char close_reason[CASE_TEXT_SIZE];
	char handed_to[CASE_TEXT_SIZE];  /* the office a family that left the city went to */
	int initiator;                   /* Anregende Institution/Person, 1-8 */
	int reason, reason2, reason3;    /* Gründe 10-19: the main one and two more */
	int family;                      /* Situation in der Herkunftsfamilie, 1-5 */
	int foreign_origin, german_home; /* ja / nein / unbekannt */
	int transfer_payments;
	char will[CASE_LONG_SIZE];      /* in the family's own words */
	char resources[CASE_LONG_SIZE]; /* what they can do themselves */
	bool alert;                     /* a § 8a matter */
	int64_t alert_since;            /* when it was raised (the writer's) */
	int32_t assessed;               /* the day of its latest risk assessment */
	int32_t purged; /* the day its retention period ended and it was purged (v3) */
};
extern const struct record_def case_def;

/* A person's role in the case; the order of person_def's choices. */
enum person_role { PERSON_YOUNG, PERSON_MOTHER, PERSON_FATHER, PERSON_CUSTODIAN, PERSON_OTHER };

struct person {
	struct record_head head;
	uint64_t case_id;
	int role; /* enum person_role */
	char name[CASE_TEXT_SIZE];
	int32_t birth;
	int sex; /* männlich / weiblich / divers / ohne Angabe */
	char address[CASE_TEXT_SIZE];
	char phone[CONFIG_ID_SIZE * 2];
};
extern const struct record_def person_def;

/* The key of the persons index "same": the folded name (ä, ae and a alike)
 * and the birth day, so that a person taken in twice is found whichever
 * way the umlauts and accents were typed; -1 without a name or a birth
 * day. */
int person_duplicate_key(const char *name, int32_t birth, uint8_t *buf, size_t size);

/* A journal entry is never changed: a correction is a new entry that
 * names the one it corrects. */
struct journal_entry {
	struct record_head head;
	uint64_t case_id;
	int32_t date;
	int kind; /* Gespräch, Hausbesuch, Telefonat, Fallkonferenz, Vermerk */
	char author[CONFIG_LOGIN_SIZE]; /* the writer's */
	uint64_t corrects;              /* the entry this one corrects, or 0 */
	char text[JOURNAL_TEXT_SIZE];
};
extern const struct record_def journal_def;

/* A follow-up carries its case's lead and number (the writer's), so that
 * the lead's dashboard finds their due ones in one index walk and says
 * whose they are. */
struct follow_up {
	struct record_head head;
	uint64_t case_id;
	int32_t due;
	char text[CASE_TEXT_SIZE];
	bool done;
	char lead[CONFIG_LOGIN_SIZE];       /* the case's (the writer's) */
	char case_number[CASE_NUMBER_SIZE]; /* the case's (the writer's) */
};
extern const struct record_def follow_up_def;

/* Gefährdungseinschätzung: the assessment of a § 8a matter by at least
 * two professionals, with the codes of the § 8a statistics (domain.md).
 * Saving it completes the procedure: the case's alert ends in the same
 * transaction (record_def.settle_parent), and the assessment keeps when
 * the alert was raised. */
enum risk_result { RISK_ACUTE, RISK_LATENT, RISK_HELP_NEEDED, RISK_NONE };

struct risk_assessment {
	struct record_head head;
	uint64_t case_id;
	int32_t date;
	char child[CASE_TEXT_SIZE]; /* the child it concerns (one per child) */
	char professional1[CONFIG_LOGIN_SIZE], professional2[CONFIG_LOGIN_SIZE];
	char others[CASE_TEXT_SIZE]; /* further professionals involved */
	int result;                  /* enum risk_result */
	/* the kinds of risk, for an acute or latent one */
	bool neglect, physical, psychological, sexual;
	char reporter[CONFIG_ID_SIZE]; /* who made it known (configuration) */
	int mother_age, father_age;    /* unter 18 / 18 bis unter 27 / 27 und älter */
	/* services in use when it was assessed */
	bool uses_family, uses_ambulant, uses_residential, uses_none;
	/* what followed */
	bool new_help, family_court, custody;
	char notes[CASE_LONG_SIZE];
	char author[CONFIG_LOGIN_SIZE]; /* the writer's */
	int64_t raised;                 /* when the alert it completes was raised */
};
extern const struct record_def risk_assessment_def;

/* The codes of the intake that a measure asks again (measure.h):
 * Anregende Institution/Person 1-8, Gründe 10-19, ja / nein / unbekannt. */
extern const char *const case_initiator_names[], *const case_initiator_labels[];
extern const char *const case_reason_names[], *const case_reason_labels[];
extern const char *const case_yes_no_names[];
enum case_yes_no { CASE_YES, CASE_NO, CASE_UNKNOWN };

/* May LOGIN lead cases (a caseworker or a team lead)? */
bool case_lead_may(const struct config *config, const char *login);

/* "2026-00123" from a year and the year's sequence number. */
void case_number(int year, uint64_t n, char *buf, size_t size);

#endif
