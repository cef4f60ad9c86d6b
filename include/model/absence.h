/* Abwesenheit: a caseworker (or team lead) away from one day to another,
 * with the colleague of the same team who stands in. While it lasts, the
 * stand-in's dashboard shows the absent one's open cases as well, and the
 * team screen says who is away.
 *
 * The writer fills in the team and its first district from the absent
 * one's team: the rights table's team scope is decided by the district,
 * as for cases, and a caseworker records their own absence (own scope by
 * the login). */
#ifndef MODEL_ABSENCE_H
#define MODEL_ABSENCE_H

#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

#define ABSENCE_NOTE_SIZE 81

struct absence {
	struct record_head head;
	char login[CONFIG_LOGIN_SIZE]; /* who is away */
	int32_t from, to;              /* both days included */
	char stand_in[CONFIG_LOGIN_SIZE];
	char note[ABSENCE_NOTE_SIZE];  /* "Urlaub", "Fortbildung": no health details */
	char team[CONFIG_ID_SIZE];     /* the absent one's (the writer's) */
	char district[CONFIG_ID_SIZE]; /* the team's first (the writer's) */
};
extern const struct record_def absence_def;

/* Does the absence cover DAY (yyyymmdd)? */
static inline bool absence_covers(const struct absence *a, int32_t day)
{
	return a->from <= day && day <= a->to;
}

#endif
