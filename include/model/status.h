/* Status codes returned by model, store, wire and server functions.
 *
 * Errors are values: every function that can fail returns an enum status.
 * The X-macro keeps each code with its technical message (English, for logs
 * and the admin command) and the message users see (German, for the screens).
 */
#ifndef MODEL_STATUS_H
#define MODEL_STATUS_H

#define STATUS_LIST(X)                                                                       \
	X(OK, "ok", "OK")                                                                    \
	X(ERR_NOMEM, "out of memory", "Kein Speicher mehr frei")                             \
	X(ERR_IO, "input/output error", "Ein-/Ausgabefehler")                                \
	X(ERR_NOT_FOUND, "not found", "Nicht gefunden")                                      \
	X(ERR_EXISTS, "already exists", "Existiert bereits")                                 \
	X(ERR_INVALID, "invalid value", "Ungültige Eingabe")                                 \
	X(ERR_RANGE, "value out of range", "Wert außerhalb des erlaubten Bereichs")          \
	X(ERR_TOO_LONG, "value too long", "Eingabe zu lang")                                 \
	X(ERR_REQUIRED, "required value missing", "Pflichtfeld ist leer")                    \
	X(ERR_CONFLICT, "record was changed by someone else",                                \
	  "Der Datensatz wurde inzwischen von jemand anderem geändert")                      \
	X(ERR_LOCKED, "record is locked by another user",                                    \
	  "Der Datensatz wird gerade von jemand anderem bearbeitet")                         \
	X(ERR_DENIED, "not permitted for this role", "Dafür fehlt Ihnen die Berechtigung")   \
	X(ERR_NEWER_FORMAT, "written by a newer program version",                            \
	  "Von einer neueren Programmversion geschrieben")                                   \
	X(ERR_CORRUPT, "damaged data", "Beschädigte Daten")                                  \
	X(ERR_DEADLOCK, "deadlock, try again", "Konflikt, bitte erneut versuchen")           \
	X(ERR_RECOVER, "database needs recovery", "Datenbank muss wiederhergestellt werden") \
	X(ERR_BUSY, "in use by another process", "Wird von einem anderen Prozess benutzt")   \
	X(ERR_PROTOCOL, "protocol error", "Protokollfehler")                                 \
	X(ERR_UNAVAILABLE, "server not reachable", "Server nicht erreichbar")                \
	X(ERR_LIMIT, "a limit was reached", "Eine Grenze ist erreicht")                      \
	X(ERR_INTERNAL, "internal error", "Interner Fehler")

enum status {
#define STATUS_ENUM(name, text, message) STATUS_##name,
	STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
	        STATUS_COUNT
};

/* Technical text for logs and the admin command (English). */
const char *status_text(enum status status);

/* Message for users on screen (German). */
const char *status_message(enum status status);

#endif
