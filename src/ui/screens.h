/* The screens of the terminal program, one file each, and the main menu's
 * entries that open them. */
#ifndef UI_SCREENS_H
#define UI_SCREENS_H

#include "model/offer.h"
#include "ui/ui.h"

/* Home: the main menu beside the dashboard (drafts, own edit locks, the
 * offers of the user's district). */
extern const struct screen_ops scr_dashboard_ops;

/* Angebote: the offers directory per district and provider. */
extern const struct screen_ops scr_offers_ops;
/* Opens the form of offer ID (0: a new one), continuing DRAFT when not
 * NULL. */
bool scr_offer_form_open(struct ui *ui, uint64_t id, const struct draft *draft);
/* The monthly counts of people reached by one offer. */
bool scr_offer_counts_open(struct ui *ui, const struct offer *offer);

/* A save refused as a conflict: the differing fields of the user's input
 * YOURS and the STORED record side by side, each to keep or take over;
 * DONE gets the merged record (with the stored version) and the stored
 * one when the user applies the choice, and is not called on Esc. */
typedef void conflict_done_fn(void *ctx, const void *merged, const void *stored);
bool scr_conflict_open(struct ui *ui, const struct record_def *def, const void *yours,
                       const void *stored, conflict_done_fn *done, void *ctx);

/* Directories from the configuration. */
extern const struct screen_ops scr_districts_ops; /* districts, streets, address lookup */
extern const struct screen_ops scr_teams_ops;     /* teams with their members */
extern const struct screen_ops scr_providers_ops;
extern const struct screen_ops scr_services_ops;

/* Admin: edit locks (release one) and the audit log with filters. */
extern const struct screen_ops scr_locks_ops;
extern const struct screen_ops scr_audit_ops;

/* A main menu entry: letter, function key, label, the screen, and who may
 * use it (NULL: everybody). Entries a role may not use are not offered;
 * the server refuses their requests anyway. */
struct menu_entry {
	int key, fkey;
	const char *label;
	const struct screen_ops *ops;
	bool (*allowed)(const struct cfg_staff *who);
};
extern const struct menu_entry menu_entries[];
extern const size_t menu_nentries;

#endif
