/* Angebot: an offer of a provider in a district (a group, an open meeting
 * point, counselling ...), booked against the fallübergreifend or
 * fallunspezifisch budget line. */
#ifndef MODEL_OFFER_H
#define MODEL_OFFER_H

#include <stdbool.h>
#include <stdint.h>

#include "model/config.h"
#include "model/record.h"

#define OFFER_TEXT_SIZE 121
#define OFFER_DESC_SIZE 2001

enum offer_kind {
	OFFER_GROUP,
	OFFER_MEETING_POINT,
	OFFER_COUNSELLING,
	OFFER_COURSE,
	OFFER_PROJECT,
	OFFER_OTHER,
};

struct offer {
	struct record_head head;
	char district[CONFIG_ID_SIZE];
	char provider[CONFIG_ID_SIZE];
	char name[OFFER_TEXT_SIZE];
	int kind; /* enum offer_kind */
	char target_group[OFFER_TEXT_SIZE];
	char address[OFFER_TEXT_SIZE];
	char times[OFFER_TEXT_SIZE];
	char contact[OFFER_TEXT_SIZE];
	bool low_threshold;
	int budget_line; /* enum budget_line: LINE_ACROSS_CASES or LINE_NO_CASE */
	int32_t active_from, active_to;
	bool inactive;
	char description[OFFER_DESC_SIZE]; /* several lines (record version 2) */
};

extern const struct record_def offer_def;

/* How many people an offer reached in one month: a number only, never
 * names. Its id is made of the offer's id and the month, so the counts of
 * one offer lie together in id order. */
struct offer_count {
	struct record_head head; /* id: offer_count_id(offer, month) */
	uint64_t offer;
	int32_t month; /* yyyymm01 */
	int64_t people;
};

extern const struct record_def offer_count_def;

#define OFFER_COUNT_MONTH_BITS 20 /* yyyymm < 2^20 */

uint64_t offer_count_id(uint64_t offer, int32_t month);

#endif
