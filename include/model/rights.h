/* Who may do what: one table, role x record type x verb x scope, plus the
 * privacy classes each role sees. Decided here, in the model, and asked by
 * the server for every request (the terminal program asks the same
 * functions only to offer what is allowed), so a screen that forgot a
 * check still cannot show or change what the role may not. No other file
 * decides a right.
 *
 * A record type with a parent (a month's count of an offer) takes its
 * scope from the parent: its rights are decided on the parent record. */
#ifndef MODEL_RIGHTS_H
#define MODEL_RIGHTS_H

#include <stdbool.h>

#include "model/config.h"
#include "model/record.h"

#define RIGHT_VERB_LIST(X)                                     \
	X(LIST, "list")     /* see it in lists and searches */ \
	X(READ, "read")     /* open it */                      \
	X(CREATE, "create") /* make a new one */               \
	X(CHANGE, "change") /* save changes to one */          \
	X(END, "end")       /* end it (deactivate an offer) */ \
	X(EXPORT, "export") /* put it into a CSV export */

enum right_verb {
#define X(name, text) VERB_##name,
	RIGHT_VERB_LIST(X)
#undef X
	        VERB_COUNT
};

/* Which records of a type a row covers. */
enum right_scope {
	SCOPE_ALL,      /* every one */
	SCOPE_TEAM,     /* those in the districts of the user's team */
	SCOPE_PROVIDER, /* those of the user's own provider */
	SCOPE_OWN,      /* those the user leads */
};

struct right {
	enum role role;
	const struct record_def *def;
	enum right_verb verb;
	enum right_scope scope;
};

extern const struct right rights_table[];
extern const size_t rights_count;
extern const char *const right_verb_names[];

/* The role may do VERB to some records of type DEF (offer a menu entry,
 * accept a list request at all). */
bool rights_may(const struct cfg_staff *who, const struct record_def *def, enum right_verb verb);
/* Some role may do VERB to records of type DEF (nobody changes a saved
 * journal entry). */
bool rights_anyone(const struct record_def *def, enum right_verb verb);

/* The role may do VERB to this record: SCOPE_REC is the record itself, or
 * its parent when DEF has one. */
bool rights_allow(const struct config *config, const struct cfg_staff *who,
                  const struct record_def *def, enum right_verb verb, const void *scope_rec);

/* The role sees fields of this privacy class. */
bool rights_sees(const struct cfg_staff *who, enum field_privacy privacy);
/* Blanks every field of REC the role may not see (text empty, numbers 0,
 * choices unset). */
void rights_redact(const struct cfg_staff *who, const struct record_def *def, void *rec);

/* Leaves out of DETAIL, a change list of DEF's fields as record_changes
 * makes it ("Fallführung: a → b; § 8a"), the fields of classes the role
 * may not see: that a § 8a alert changed is itself sensitive. */
void rights_redact_changes(const struct cfg_staff *who, const struct record_def *def, char *detail);

/* Locks, audit log, backup, verify: the technical admin only. */
bool rights_admin(const struct cfg_staff *who);

/* The federal statistics (export "statistics"): records without names,
 * but with what happened (the reasons of a help, a § 8a result) and the
 * birth month, year and sex, which tie a record to the person for one who
 * can look persons up. So a role that may export measures and either sees
 * what happened (team leads, the head of office) or sees nobody (the
 * admin, who delivers them); not the budget clerks, who see who somebody
 * is but not what happened. rights_statistics_may: the role at all;
 * rights_statistics_allow: a help or procedure whose scope is the measure
 * SCOPE_REC (a procedure's: its case's district and lead in a measure). */
bool rights_statistics_may(const struct cfg_staff *who);
bool rights_statistics_allow(const struct config *config, const struct cfg_staff *who,
                             const void *scope_rec);

#endif
