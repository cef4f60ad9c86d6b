#include "model/status.h"

static const char *const texts[] = {
#define STATUS_TEXT(name, text, message) [STATUS_##name] = text,
        STATUS_LIST(STATUS_TEXT)
#undef STATUS_TEXT
};

static const char *const messages[] = {
#define STATUS_MESSAGE(name, text, message) [STATUS_##name] = message,
        STATUS_LIST(STATUS_MESSAGE)
#undef STATUS_MESSAGE
};

const char *status_text(enum status status)
{
	if ((unsigned)status >= STATUS_COUNT)
		return "unknown status";
	return texts[status];
}

const char *status_message(enum status status)
{
	if ((unsigned)status >= STATUS_COUNT)
		return "Unbekannter Fehler";
	return messages[status];
}
