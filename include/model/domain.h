/* The domain's small enumerations, each declared once as an X-macro with its
 * configuration name (the word admins write in sozialraum.conf) and the
 * German label users see.
 */
#ifndef MODEL_DOMAIN_H
#define MODEL_DOMAIN_H

#define ROLE_LIST(X)                                      \
	X(FACHKRAFT, "fachkraft", "Fachkraft")            \
	X(TEAMLEITUNG, "teamleitung", "Teamleitung")      \
	X(AMTSLEITUNG, "amtsleitung", "Amtsleitung")      \
	X(WIRTSCHAFT, "wirtschaft", "Wirtschaftliche JH") \
	X(TRAEGER, "traeger", "Träger")                   \
	X(CONTROLLING, "controlling", "Controlling")      \
	X(ADMIN, "admin", "Administration")

#define COST_MODEL_LIST(X)                 \
	X(MONTHLY, "monthly", "monatlich") \
	X(DAILY, "daily", "täglich")       \
	X(HOURLY, "hourly", "stündlich")   \
	X(ONE_OFF, "one-off", "einmalig")

#define BUDGET_LINE_LIST(X)                                      \
	X(CASE_SPECIFIC, "fallspezifisch", "fallspezifisch")     \
	X(ACROSS_CASES, "falluebergreifend", "fallübergreifend") \
	X(NO_CASE, "fallunspezifisch", "fallunspezifisch")

#define SETTING_LIST(X)                        \
	X(AMBULANT, "ambulant", "ambulant")    \
	X(PART_TIME, "part-time", "teilstat.") \
	X(STATIONARY, "stationary", "stationär")

/* Art der Hilfe of the federal statistics (domain.md, the 2007 codes). */
#define HELP_TYPE_LIST(X)                                                    \
	X(EB_FAMILY, "01", "§ 28 Erziehungsberatung mit der Familie")        \
	X(EB_PARENTS, "02", "§ 28 Erziehungsberatung mit den Eltern")        \
	X(EB_YOUNG, "03", "§ 28 Erziehungsberatung mit dem jungen Menschen") \
	X(GROUP, "04", "§ 29 Soziale Gruppenarbeit")                         \
	X(ASSISTANT, "05", "§ 30 Erziehungsbeistand")                        \
	X(SUPERVISOR, "06", "§ 30 Betreuungshelfer")                         \
	X(SPFH, "07", "§ 31 Sozialpädagogische Familienhilfe")               \
	X(DAY_GROUP, "08", "§ 32 Tagesgruppe")                               \
	X(FOSTER, "09", "§ 33 Vollzeitpflege")                               \
	X(FOSTER_SPECIAL, "10", "§ 33 besondere Pflegeformen")               \
	X(RESIDENTIAL, "11", "§ 34 Heimerziehung, betreutes Wohnen")         \
	X(ISE, "12", "§ 35 Intensive sozialpädagogische Einzelbetreuung")    \
	X(INTEGRATION, "13", "§ 35a Eingliederungshilfe")                    \
	X(P27_AMBULANT, "14", "§ 27 vorrangig ambulant")                     \
	X(P27_OUTSIDE, "15", "§ 27 vorrangig außerhalb der Familie")         \
	X(P27_OTHER, "16", "§ 27 sonstige")

enum role {
#define X(name, conf, label) ROLE_##name,
	ROLE_LIST(X)
#undef X
	        ROLE_COUNT
};

enum cost_model {
#define X(name, conf, label) COST_##name,
	COST_MODEL_LIST(X)
#undef X
	        COST_MODEL_COUNT
};

enum budget_line {
#define X(name, conf, label) LINE_##name,
	BUDGET_LINE_LIST(X)
#undef X
	        BUDGET_LINE_COUNT
};

enum setting {
#define X(name, conf, label) SETTING_##name,
	SETTING_LIST(X)
#undef X
	        SETTING_COUNT
};

/* NULL-terminated tables of the configuration names, indexed by the enum. */
extern const char *const role_names[];
extern const char *const cost_model_names[];
extern const char *const budget_line_names[];
extern const char *const setting_names[];
extern const char *const help_type_names[];

/* German labels, indexed by the enum. */
extern const char *const role_labels[];
extern const char *const cost_model_labels[];
extern const char *const budget_line_labels[];
extern const char *const setting_labels[];
extern const char *const help_type_labels[];

/* Index of NAME in a NULL-terminated table, or -1. */
int domain_lookup(const char *const *names, const char *name);

#endif
