/* The screens of the terminal program, one file each, and the main menu's
 * entries that open them. */
#ifndef UI_SCREENS_H
#define UI_SCREENS_H

#include "ui.h"

/* Home: the main menu beside the dashboard (drafts, own edit locks, the
 * offers of the user's district). */
extern const struct screen_ops scr_dashboard_ops;

/* A save refused as a conflict: the differing fields of the user's input
 * YOURS and the STORED record side by side, each to keep or take over;
 * DONE gets the merged record (with the stored version) and the stored
 * one when the user applies the choice, and is not called on Esc. */
typedef void conflict_done_fn(void *ctx, const void *merged, const void *stored);
bool scr_conflict_open(struct ui *ui, const struct record_def *def, const void *yours,
                       const void *stored, conflict_done_fn *done, void *ctx);

/* Directories from the configuration (scr_dirs.c) and the admin's
 * screens (scr_admin.c): edit locks (release one) and the audit log. */
struct screen_desc;
extern const struct screen_desc districts_desc, teams_desc, providers_desc, services_desc;
extern const struct screen_desc locks_desc, audit_desc;

/* A main menu entry: its letter, label, the list it opens, and who may
 * use it (NULL: the roles that may list its records; everybody for a
 * directory). Entries a role may not use are not offered; the server
 * refuses their requests anyway. */
struct menu_entry {
	int key;
	const char *label;
	const struct screen_desc *desc;
	bool (*allowed)(const struct cfg_staff *who);
};
extern const struct menu_entry menu_entries[];
extern const size_t menu_nentries;

#endif
