/* The screens of the program in one place: the main menu's entries and
 * the descriptors of every record type (a draft is continued in the form
 * of its type's descriptor). */
#include <string.h>

#include "desc.h"
#include "model/budget.h"
#include "model/rights.h"
#include "screens.h"

static bool admin_only(const struct cfg_staff *who)
{
	return rights_admin(who);
}

static bool budget_listed(const struct cfg_staff *who)
{
	return rights_may(who, &budget_figure_def, VERB_LIST);
}

/* The committee report: for those who may export the budget's figures
 * (the head of office, controlling; a team lead their districts'). */
static bool report_listed(const struct cfg_staff *who)
{
	return rights_may(who, &budget_figure_def, VERB_EXPORT);
}

/* The menu's letters choose its entries; the function keys keep their one
 * meaning of the key map. */
const struct menu_entry menu_entries[] = {
        {'f', "Fälle", &case_desc, NULL},
        {'n', "Personen", &person_desc, NULL},
        {'a', "Angebote", &offer_desc, NULL},
        {'h', "Hilfen", &measure_desc, NULL},
        {'b', "Budget", &budget_desc, budget_listed},
        {'z', "Buchungen", &booking_desc, NULL},
        {'j', "Jahresbericht", &report_desc, report_listed},
        {'m', "Meldung Bundesstatistik", &statistics_desc, rights_statistics_may},
        {'s', "Sozialräume, Straßen", &districts_desc, NULL},
        {'t', "Teams", &teams_desc, NULL},
        {'v', "Abwesenheiten", &absence_desc, NULL},
        {'r', "Träger", &providers_desc, NULL},
        {'l', "Leistungen", &services_desc, NULL},
        {'k', "Bearbeitungssperren", &locks_desc, admin_only},
        {'p', "Protokoll", &audit_desc, admin_only},
};
const size_t menu_nentries = sizeof(menu_entries) / sizeof(menu_entries[0]);

static const struct screen_desc *const record_screens[] = {
        &case_desc,      &person_desc,   &journal_desc,     &risk_desc,
        &follow_up_desc, &offer_desc,    &offer_count_desc, &absence_desc,
        &measure_desc,   &approval_desc, &plan_desc,        &booking_desc,
};

const struct screen_desc *desc_find(const char *table)
{
	for (size_t i = 0; i < sizeof(record_screens) / sizeof(record_screens[0]); i++)
		if (strcmp(record_screens[i]->def->table, table) == 0)
			return record_screens[i];
	return NULL;
}
