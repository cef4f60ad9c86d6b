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

#define SETTING_LIST(X)                     \
	X(AMBULANT, "ambulant", "ambulant") \
	X(STATIONARY, "stationary", "stationär")

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

/* German labels, indexed by the enum. */
extern const char *const role_labels[];
extern const char *const cost_model_labels[];
extern const char *const budget_line_labels[];
extern const char *const setting_labels[];

/* Index of NAME in a NULL-terminated table, or -1. */
int domain_lookup(const char *const *names, const char *name);

#endif
