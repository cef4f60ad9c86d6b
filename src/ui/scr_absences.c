/* Abwesenheiten: who of the team is away, until when, and who stands in,
 * as a screen descriptor for the generic list and form screens. The
 * writer fills in the team and its district (absence.h). */
#include <stdio.h>

#include "desc.h"
#include "model/absence.h"
#include "model/date.h"

static const struct ui_column absence_columns[] = {
        {.label = "Abwesend", .width = 12, .field = "login"},
        {.label = "Von", .width = 10, .field = "from"},
        {.label = "Bis", .width = 10, .field = "to"},
        {.label = "Vertretung", .width = 12, .field = "stand_in"},
        {.label = "Team", .width = 6, .field = "team"},
        {.label = "Anlass", .width = 0, .field = "note"},
};

static const char *const absence_fields[] = {"login", "from", "to", "stand_in",
                                             "note",  "team", NULL};
static const struct ui_form_section absence_form[] = {{NULL, absence_fields}};

/* A new one: the user's own, from today to the end of the week. */
static void absence_defaults(struct ui *ui, void *rec, const void *parent)
{
	struct absence *a = rec;
	int64_t today = date_to_days(date_today());

	(void)parent;
	snprintf(a->login, sizeof(a->login), "%s", ui_me(ui)->login);
	a->from = date_from_days(today);
	a->to = date_from_days(today + 4);
}

static const struct desc_filter absence_filters[] = {
        {.name = "team", .label = "Team", .source = SOURCE_TEAMS, .index = true},
};

const struct screen_desc absence_desc = {
        .title = "Abwesenheiten",
        .def = &absence_def,
        DESC_COLUMNS(absence_columns),
        DESC_FORM(absence_form),
        .defaults = absence_defaults,
        .name_field = "login",
        DESC_FILTERS(absence_filters),
        .newest_first = true,
        .refresh = true,
};
