/* The dashboard's state, shared by the screen (scr_dashboard.c) and the
 * loading of its case sections (dash_cases.c). Private to src/ui. */
#ifndef UI_DASHBOARD_H
#define UI_DASHBOARD_H

#include <time.h>

#include "model/case.h"
#include "model/draft.h"
#include "model/server_status.h"
#include "ui.h"

#define MENU_WIDTH   28
#define MAX_DRAFTS   9
#define MAX_OFFERS   40 /* as many as a tall terminal shows */
#define MAX_ALERTS   8
#define MAX_MINE     8 /* the user's open cases shown */
#define OFFER_NAME_W 140
#define MAX_BUDGET   8 /* districts in the budget section */

/* A section of lines that each name a case (or a record of DESC), which
 * '!' opens. */
struct case_lines {
	char text[MAX_MINE][OFFER_NAME_W];
	uint64_t id[MAX_MINE];
	size_t n;
	bool more;
	const struct screen_desc *desc; /* what the ids are; NULL: cases */
};

struct dashboard {
	struct draft *drafts[MAX_DRAFTS];
	size_t ndrafts;
	char offers[MAX_OFFERS][OFFER_NAME_W];
	size_t noffers;
	struct case_lines due;        /* the user's follow-ups due within a week */
	struct case_lines mine;       /* the open cases the user leads */
	struct case_lines unassigned; /* the team's open cases without a lead */
	struct case_lines stand_in;   /* the open cases of those the user stands in for */
	struct case_lines approvals;  /* measures waiting for the user's decision */
	struct case_lines reviews;    /* help plans due for review within two weeks */
	char teams[8][OFFER_NAME_W];  /* the head of office's: every team in a line */
	size_t nteams;
	char budget[MAX_BUDGET][OFFER_NAME_W]; /* the year's forecast per district */
	size_t nbudget;
	char stand_in_title[OFFER_NAME_W];
	struct case_file *alerts; /* open § 8a alerts the user may see, the oldest first */
	size_t nalerts;
	bool more_alerts;
	bool more_offers; /* the district has more than were fetched */
	char locks[4][160];
	size_t nlocks;
	char server[3][SERVER_STATUS_TEXT + 64]; /* the admin's: log, last backup, verify */
	bool fresh;                              /* draw everything */
	bool stale;                              /* somebody saved what it shows: load again */
	time_t loaded;                           /* when it was loaded last */
	size_t chosen;                           /* the menu entry under the highlight bar */
	bool menu_moved;                         /* the bar moved: the menu is drawn again */
	struct ui_key keys[4]; /* the keys: drafts and alerts only when there are */
};

/* One page of DEF's records, the newest first when BACKWARD, from INDEX:
 * those whose key begins with KEY (NULL: the whole index); with an empty
 * KEY or no INDEX, from the whole table. ADD gets each; returns whether
 * more follow. */
bool dash_load_page(struct ui *ui, const struct record_def *def, const char *index, const char *key,
                    bool backward, void (*add)(void *ctx, const void *rec), void *ctx);
/* The sections that name cases, as far as the user's role has them. */
void dash_load_cases(struct ui *ui, struct dashboard *d);
/* ... and measures: decisions waiting, reviews due (dash_measures.c). */
void dash_load_measures(struct ui *ui, struct dashboard *d);
/* ... and the budget of the year per district (dash_budget.c). */
void dash_load_budget(struct ui *ui, struct dashboard *d);
/* A line of L for record ID; false when L is full (it says there are
 * more). */
bool dash_add_line(struct case_lines *l, uint64_t id, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
