/* Screen descriptors: what a record type's screens show, declared once.
 *
 * One generic list screen (scr_list.c) and one form screen (scr_form.c)
 * are driven by a descriptor: the list's columns, filters and actions, the
 * form's sections, the defaults of a new record, the child lists. A child
 * list is the list screen of the child type's descriptor opened with its
 * parent record: it shows the parent's children, and a new entry belongs
 * to that parent. Lists whose rows are no records (the directories of the
 * configuration, the edit locks, the audit log) are descriptors with a
 * FETCH of their own.
 *
 * A new record type's screens are a descriptor, e.g.:
 *
 *	static const char *const note_fields[] = {"date", "text", NULL};
 *	static const struct ui_form_section note_form[] = {{NULL, note_fields}};
 *	static const struct ui_column note_columns[] = {
 *	        {.label = "Datum", .width = 10, .field = "date"},
 *	        {.label = "Text", .field = "text"},
 *	};
 *	const struct screen_desc note_desc = {
 *	        .title = "Notizen", .def = &note_def,
 *	        DESC_COLUMNS(note_columns), DESC_FORM(note_form),
 *	        .name_field = "text",
 *	};
 *
 * Private to src/ui.
 */
#ifndef UI_DESC_H
#define UI_DESC_H

#include "ui.h"

#define DESC_FILTERS_MAX  4
#define DESC_VALUE_SIZE   64
#define DESC_ACTIONS_MAX  4
#define DESC_CHILDREN_MAX 6

struct list_state;

/* A filter of a list, chosen from a pick list (F4) or typed. */
struct desc_filter {
	const char *name;  /* the record field ("district"), sent as "name=value" */
	const char *label; /* "Sozialraum" */
	/* The values offered: a configuration list; SOURCE_NONE: typed after
	 * PROMPT and made a value by CHECK (false: not valid, said why). */
	enum field_source source;
	const char *prompt;
	bool (*check)(struct ui *ui, char *value, size_t size);
	/* Served by the index of the same name when it is the only filter
	 * set and no words are searched. */
	bool index;
	/* Starts at the user's own district (their team's first). */
	bool home_district;
};

/* An action on the selected row beyond open and new. */
struct desc_action {
	enum ui_cmd cmd;
	const char *label, *help;
	enum right_verb verb; /* offered when the role may (for records) */
	/* Returns ui_flags; ROW is the selected row (never NULL). */
	int (*run)(struct list_state *ls, const void *row);
	/* the record type VERB is of (NULL: the list's): a decision on a
	 * measure is an approval made */
	const struct record_def *def;
};

struct screen_desc {
	const char *title;            /* the list's: "Angebote" */
	const struct record_def *def; /* records of this type; NULL: rows from FETCH */

	const struct ui_column *columns;
	size_t ncolumns;

	/* The form; none: rows are not opened as records. */
	const struct ui_form_section *sections;
	size_t nsections;
	/* A new record: fields set before the form opens (ID, version and
	 * the parent's id are set already). PARENT may be NULL. */
	void (*defaults)(struct ui *ui, void *rec, const void *parent);
	/* Asked before a new record is saved (a person who may be known in
	 * another case); false: not saved, the input stays. May be NULL. */
	bool (*check_new)(struct ui *ui, const void *rec);
	const char *name_field;   /* names a record in drafts and lists of its children */
	const char *number_field; /* the record's number as people say it ("2026-00123");
	                           * NULL: "Nr." and the id */

	const struct desc_filter *filters;
	size_t nfilters;
	const struct desc_action *actions;
	size_t nactions;
	/* Child lists: descriptors of types whose parent is this one. */
	const struct screen_desc *const *children;
	size_t nchildren;
	bool words;        /* '/' searches the word index on the server */
	bool refresh;      /* the list follows what others save (events) */
	bool newest_first; /* the server's order backwards (the latest months first) */

	/* Rows that are no records: ROW_SIZE bytes each, all at once from
	 * ROWS, or page by page from FETCH (two-way, as records), the heading
	 * line made by HEADING (NULL: the title and the filters), Enter opens
	 * SUB with the row's index (struct list_state's parent_index) given
	 * by SUB_INDEX. */
	size_t row_size;
	enum status (*rows)(struct list_state *ls, struct ui_list *list);
	enum status (*fetch)(struct list_state *ls, struct ui_list *list, struct ui_list_page *page,
	                     bool *more);
	void (*heading)(const struct list_state *ls, char *buf, size_t size);
	const struct screen_desc *sub;
	int (*sub_index)(const void *row);
	const char *open_label; /* the word for Enter ("Straßen"); NULL: "Öffnen" */
	bool from_server;       /* the rows come from the server: offer to reload */
	/* 'x' writes the list into the user's export folder: the server's
	 * export EXPORT_KIND (with the year filter, if the screen has one),
	 * else a record list's (the type's export, or for a child list its
	 * parent's children), else the rows of ROWS as shown */
	const char *export_kind;
	size_t extra_size; /* zeroed bytes of the screen's own state */
};

#define DESC_COLUMNS(a)  .columns = (a), .ncolumns = sizeof(a) / sizeof((a)[0])
#define DESC_FORM(a)     .sections = (a), .nsections = sizeof(a) / sizeof((a)[0])
#define DESC_FILTERS(a)  .filters = (a), .nfilters = sizeof(a) / sizeof((a)[0])
#define DESC_ACTIONS(a)  .actions = (a), .nactions = sizeof(a) / sizeof((a)[0])
#define DESC_CHILDREN(a) .children = (a), .nchildren = sizeof(a) / sizeof((a)[0])

/* The state of an open list screen, its screen's s->data. */
struct list_state {
	const struct screen_desc *desc;
	struct ui *ui;
	struct screen *screen;
	WINDOW *pane; /* the list's window: the body less the heading line */
	struct ui_list *list;
	bool heading_dirty;
	bool stale;                                      /* somebody saved: fetch again */
	time_t fetched;                                  /* when the first page was fetched last */
	char filters[DESC_FILTERS_MAX][DESC_VALUE_SIZE]; /* "" : all */
	/* A child list: the parent record (of desc->def->parent), or for a
	 * list of configuration rows the parent entry's index (-1: none). */
	void *parent;
	const struct record_def *parent_def; /* PARENT's type */
	int parent_index;
	struct ui_key keys[16]; /* the commands offered, made from the descriptor */
	/* a filter set when the list opens (scr_list_open_filtered) */
	const char *preset_name;
	char preset[DESC_VALUE_SIZE];
	void *extra; /* desc->extra_size bytes of the screen's own */
};

/* Opens the list of DESC; PARENT (a record of desc->def->parent, copied)
 * makes it a child list; PARENT_INDEX for a sub-list of rows. False when
 * it could not open (said on the message line). */
bool scr_list_open(struct ui *ui, const struct screen_desc *desc, const void *parent,
                   int parent_index);
/* ... a list of records of DESC with its filter NAME set to VALUE (the
 * measures of a district the budget screen names). */
bool scr_list_open_filtered(struct ui *ui, const struct screen_desc *desc, const char *name,
                            const char *value);
/* ... a list of rows that concern PARENT, a record of type PARENT_DEF (a
 * record's history). */
bool scr_list_open_of(struct ui *ui, const struct screen_desc *desc,
                      const struct record_def *parent_def, const void *parent);
/* Fetches again; FROM_TOP after a new filter. Returns ui_flags. */
int scr_list_reload(struct list_state *ls, bool from_top);

/* Opens the form of record ID of DESC (0: a new one, child of PARENT when
 * not NULL), continuing DRAFT when not NULL. */
bool scr_form_open(struct ui *ui, const struct screen_desc *desc, uint64_t id, const void *parent,
                   const struct draft *draft);

/* ... a new one starting from START (a record of DESC's type: a journal
 * entry's correction starts from the entry). */
bool scr_form_open_from(struct ui *ui, const struct screen_desc *desc, uint64_t id,
                        const void *parent, const struct draft *draft, const void *start);

/* The descriptors of the record types, to find one by its table (a
 * draft's). */
const struct screen_desc *desc_find(const char *table);

/* The lists that belong to a record of DESC's type: its child lists and,
 * for a type whose writes are audited, its history (history_desc). */
size_t desc_nchildren(const struct screen_desc *desc);
/* The title of the only one, or NULL when there are several. */
const char *desc_child_title(const struct screen_desc *desc);
/* Opens the lists of REC (of DESC's type) that belong to it: the only one
 * at once, else chosen from a pick list. Returns ui_flags. */
int desc_open_children(struct ui *ui, const struct screen_desc *desc, const void *rec);

/* printf into a cell; returns the length kept (never more than SIZE - 1). */
/* A filter's check for a year (JJJJ; empty: the current one), the
 * filters of a screen of one year (the budget, the reports), and the year
 * such a screen shows: its filter, else the current one. */
bool desc_year_check(struct ui *ui, char *value, size_t size);
extern const struct desc_filter desc_year_filters[1];
int desc_shown_year(const struct list_state *ls);
size_t desc_cell(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The record descriptors (scr_offers.c, scr_cases.c). */
extern const struct screen_desc offer_desc, offer_count_desc;
extern const struct screen_desc case_desc, person_desc, journal_desc, risk_desc, follow_up_desc;
extern const struct screen_desc absence_desc;
extern const struct screen_desc measure_desc, approval_desc, plan_desc;
/* The budget and the bookings (scr_budget.c). */
extern const struct screen_desc budget_desc, booking_desc, report_desc, statistics_desc;
/* 'z' on a measure or an offer: a new booking on it (one of the two ids).
 * Returns ui_flags. */
int scr_book_on(struct list_state *ls, uint64_t measure, uint64_t offer);
/* A record's history: its audit entries, the newest first (scr_admin.c). */
extern const struct screen_desc history_desc;

#endif
